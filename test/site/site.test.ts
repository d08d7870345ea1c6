/**
 * The advisory site, built once from the repository's example data (astro build + Pagefind), served
 * on 127.0.0.1 and driven with Chromium: publication rule, filters with and without JavaScript,
 * advisory pages, search, feeds, accessibility, CSP and no third-party requests.
 */
import { readdirSync, readFileSync, rmSync } from "node:fs";
import { join, relative } from "node:path";
import { AxeBuilder } from "@axe-core/playwright";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AdvisoryDoc, Model } from "../../scripts/core/load/repository.ts";
import { buildFeeds, JSON_FEED_VERSION } from "../../scripts/core/publish/syndication.ts";
import { JUSTIFICATION_LABEL } from "../../site/src/lib/labels.ts";
import {
  deriveSiteData,
  type SiteAdvisory,
  type SiteData,
  statusRows,
} from "../../site/src/lib/site-data.ts";
import { EXAMPLE, validateDir } from "../helpers/repo.ts";
import { launchChromium, type OpenOptions, openPage, type PageLog } from "./browser.ts";
import { buildSite, indexSite, TEST_NOW, tempBuildDir } from "./build.ts";
import { type StaticServer, serveStatic } from "./server.ts";

const NOW = new Date(`${TEST_NOW}T00:00:00Z`);
const CANARIES = ["CANARY-DRAFT-7f3a", "CANARY-EMBARGO-91c2", "CANARY-AMBER-4d8e"];

let work = "";
let out = "";
let server: StaticServer;
let browser: Browser;
let model: Model;
let data: SiteData;
let unpublished: AdvisoryDoc[] = [];
const logs: PageLog[] = [];

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

/** Opens a page of the built site; its log is checked by `expectClean` and by the final test. */
async function visit(path: string, options: OpenOptions = {}) {
  const opened = await openPage(browser, server.url + path, options);
  logs.push(opened.log);
  return opened;
}

/** No request left 127.0.0.1, no CSP violation, no console error or warning. */
async function expectClean(log: PageLog): Promise<void> {
  expect(log.external).toEqual([]);
  expect(await log.csp()).toEqual([]);
  expect(log.console).toEqual([]);
}

const listedIds = (page: Page) =>
  page
    .locator("[data-advisory-list] > li:visible h3 a")
    .evaluateAll((links) => links.map((a) => (a.textContent ?? "").split(":")[0]));

beforeAll(async () => {
  work = tempBuildDir();
  out = join(work, "dist");
  const ms = buildSite(out);
  await indexSite(out);
  console.log(`site: example build ${(ms / 1000).toFixed(1)} s`);
  const validated = await validateDir(EXAMPLE, NOW);
  model = validated.model;
  data = deriveSiteData(model, NOW);
  const published = new Set(data.advisories.map((a) => a.id));
  unpublished = model.advisories.filter((a) => !published.has(a.data.id));
  server = await serveStatic(out);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

describe("publication", () => {
  it("the example has published and unpublished advisories", () => {
    expect(data.advisories.length).toBeGreaterThan(3);
    expect(
      unpublished.map(
        (a) => a.data.status === "draft" || a.data.tlp === "AMBER" || Boolean(a.data.embargo_until),
      ),
    ).not.toContain(false);
    expect(unpublished.length).toBeGreaterThanOrEqual(3);
  });

  it("the index lists exactly the published advisories, newest first", async () => {
    const { page, log } = await visit("/");
    expect(await listedIds(page)).toEqual(data.advisories.map((a) => a.id));
    await expectClean(log);
    await page.context().close();
  });

  it("no file in dist/ names an unpublished advisory, an incident or a canary", () => {
    const forbidden = [
      ...unpublished.map((a) => a.data.id),
      ...model.incidents.map((i) => i.data.id),
      ...CANARIES,
    ];
    const hits: string[] = [];
    for (const file of filesUnder(out)) {
      const text = readFileSync(file, "latin1");
      for (const word of forbidden) if (text.includes(word)) hits.push(`${relative(out, file)}: ${word}`);
    }
    expect(hits).toEqual([]);
  });

  it("every page has the CSP meta element and nothing inline", () => {
    const pages = filesUnder(out).filter((f) => f.endsWith(".html"));
    expect(pages.length).toBeGreaterThan(10);
    for (const file of pages) {
      const html = readFileSync(file, "utf8");
      const name = relative(out, file);
      expect(html, name).toMatch(
        /<meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'self'[^"]*; style-src 'self';/,
      );
      // Markup only: attribute values may legitimately contain "<script>" as text (e.g. a description).
      const markup = html.replace(/="[^"]*"/g, '=""');
      expect(markup, name).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
      expect(markup, name).not.toMatch(/<style[\s>]/);
      expect(markup, name).not.toMatch(/<[a-z][^>]*\sstyle=/i);
      expect(markup, name).not.toMatch(/<[a-z][^>]*\son[a-z]+=/i);
    }
  });
});

describe("filters", () => {
  const expected = (facet: string, value: string) =>
    data.advisories
      .filter((a) =>
        facet === "product"
          ? a.products.some((p) => p.id === value)
          : facet === "severity"
            ? a.severity === value
            : facet === "year"
              ? a.year === value
              : a.status === value,
      )
      .map((a) => a.id);

  it("work without JavaScript: one server-rendered page per product, severity, year and status", async () => {
    const { page, log } = await visit("/", { javaScriptEnabled: false });
    expect(await page.locator("[data-filter-form]").isVisible()).toBe(false);
    const first = data.facets.products[0]!;
    await page.locator("[data-filter-links]").getByRole("link", { name: first.label, exact: true }).click();
    await page.waitForURL(`**/advisories/product/${first.value}/`);
    expect(await listedIds(page)).toEqual(expected("product", first.value));
    const groups = {
      product: data.facets.products,
      severity: data.facets.severities,
      year: data.facets.years,
      status: data.facets.statuses,
    };
    for (const [facet, items] of Object.entries(groups)) {
      expect(items.length).toBeGreaterThan(0);
      for (const item of items) {
        await page.goto(`${server.url}/advisories/${facet}/${item.value}/`);
        const ids = await listedIds(page);
        expect(ids, `${facet}=${item.value}`).toEqual(expected(facet, item.value));
        expect(ids.length).toBe(item.count);
      }
    }
    await expectClean(log);
    await page.context().close();
  });

  it("combine with JavaScript, keep their state in the URL and reset", async () => {
    const { page, log } = await visit("/");
    await expect.poll(() => page.locator("[data-filter-form]").isVisible()).toBe(true);
    expect(await page.locator("[data-filter-links]").isVisible()).toBe(false);
    const target = data.advisories.find((a) => a.products.length > 1) ?? data.advisories[0]!;
    const product = target.products[0]!.id;
    await page.selectOption("#filter-product", product);
    await page.selectOption("#filter-severity", target.severity);
    const both = data.advisories
      .filter((a) => a.products.some((p) => p.id === product) && a.severity === target.severity)
      .map((a) => a.id);
    expect(both).toContain(target.id);
    expect(await listedIds(page)).toEqual(both);
    expect(await page.locator("[data-filter-count]").textContent()).toBe(
      `Showing ${both.length} of ${data.advisories.length} advisories.`,
    );
    expect(new URL(page.url()).search).toBe(`?product=${product}&severity=${target.severity}`);

    await page.reload();
    expect(await page.inputValue("#filter-product")).toBe(product);
    expect(await listedIds(page)).toEqual(both);

    await page.selectOption("#filter-year", target.year);
    await page.selectOption("#filter-status", target.status);
    const all4 = both.filter((id) => {
      const a = data.advisories.find((x) => x.id === id)!;
      return a.year === target.year && a.status === target.status;
    });
    expect(await listedIds(page)).toEqual(all4);

    await page.getByRole("button", { name: "Clear filters" }).click();
    await expect.poll(() => listedIds(page)).toEqual(data.advisories.map((a) => a.id));
    expect(new URL(page.url()).search).toBe("");
    await expectClean(log);
    await page.context().close();
  });
});

describe("advisory page", () => {
  const full = (): SiteAdvisory =>
    data.advisories.find((a) =>
      a.view.vulnerabilities.some(
        (v) => v.knownAffected.length > 0 && v.fixed.length > 0 && v.knownNotAffected.length > 0,
      ),
    )!;

  it("shows the affected / fixed / not-affected table of each vulnerability", async () => {
    const advisory = full();
    expect(advisory).toBeDefined();
    const { page, log } = await visit(`/advisories/${advisory.id}/`);
    expect(await page.locator("h1").textContent()).toBe(advisory.doc.data.title);
    const tables = page.locator("table.product-status");
    expect(await tables.count()).toBe(advisory.view.vulnerabilities.length);
    for (const [i, v] of advisory.view.vulnerabilities.entries()) {
      const rows = tables.nth(i).locator("tbody tr");
      const expectedRows = statusRows(v);
      expect(await rows.count()).toBe(expectedRows.length);
      for (const [j, r] of expectedRows.entries()) {
        const row = rows.nth(j);
        expect(await row.getAttribute("data-status")).toBe(r.status);
        const text = (await row.textContent()) ?? "";
        expect(text).toContain(r.productName);
        expect(text).toContain(r.versions.join(", "));
        if (r.status === "affected" && r.fixedIn.length > 0)
          expect(text).toContain(`Fixed in ${r.fixedIn.join(", ")}`);
        if (r.status === "not_affected") {
          expect(text).toContain(JUSTIFICATION_LABEL[r.justification!]!);
          expect(text.replace(/\s+/g, " ")).toContain(r.statement!.replace(/\s+/g, " ").trim());
        }
      }
    }
    // Readable CVSS breakdown and the CSAF links.
    const body = (await page.locator("main").textContent()) ?? "";
    expect(body).toMatch(/Attack Vector \(AV\)\s*Network \(N\)/);
    expect(await page.locator(`a[href="${advisory.csaf.json}"]`).count()).toBe(1);
    for (const suffix of [".sha256", ".sha512", ".asc"])
      expect(await page.locator(`a[href="${advisory.csaf.json}${suffix}"]`).count()).toBe(1);
    expect(advisory.csaf.json).toBe(
      `/.well-known/csaf/white/${advisory.year}/${advisory.id.toLowerCase()}.json`,
    );
    expect(advisory.vex?.json).toBe(
      `/.well-known/csaf/white/${advisory.year}/${advisory.id.toLowerCase()}-vex.json`,
    );
    expect(await page.locator(`a[href="${advisory.vex!.json}"]`).count()).toBe(1);
    // Revision anchors used by the feed entry ids.
    for (const r of advisory.doc.data.revisions)
      expect(await page.locator(`[id="revision-${r.version}"]`).count()).toBe(1);
    await expectClean(log);
    await page.context().close();
  });

  it("CVE pages link to their advisory", async () => {
    const [cve, entries] = [...data.cves][0]!;
    const { page, log } = await visit(`/cve/${cve}/`);
    expect(
      await page.locator(`main a[href="/advisories/${entries[0]!.advisory.id}/"]`).count(),
    ).toBeGreaterThan(0);
    await expectClean(log);
    await page.context().close();
  });
});

describe("search", () => {
  async function search(page: Page, query: string): Promise<string[]> {
    await page.fill(".pagefind-ui__search-input", "");
    await page.fill(".pagefind-ui__search-input", query);
    const message = page.locator(".pagefind-ui__message").filter({ hasText: query });
    await message.waitFor();
    // "3 results for …" can show before the results themselves (each loads its fragment): wait for
    // the links the UI shows at first (up to 5).
    const total = Number(/^\s*(\d+)/.exec((await message.textContent()) ?? "")?.[1] ?? 0);
    const links = page.locator(".pagefind-ui__result-link");
    await expect.poll(() => links.count()).toBe(Math.min(total, 5));
    return links.evaluateAll((all) => all.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
  }

  const resultText = (page: Page) => page.locator(".pagefind-ui__results").textContent();

  it("indexes only the published advisory pages", () => {
    const entry = JSON.parse(readFileSync(join(out, "pagefind/pagefind-entry.json"), "utf8"));
    expect(entry.languages.en.page_count).toBe(data.advisories.length);
  });

  it("finds an advisory by CVE id and by product name, and nothing unpublished", async () => {
    const { page, log } = await visit("/search/");
    await page.locator(".pagefind-ui__search-input").waitFor();
    const [cve, entries] = [...data.cves].at(-1)!;
    expect(await search(page, cve)).toContain(`/advisories/${entries[0]!.advisory.id}/`);
    const product = data.products.find((p) => (data.advisoriesByProduct.get(p.id) ?? []).length > 0)!;
    const hits = await search(page, product.name);
    expect(hits.length).toBeGreaterThan(0);
    const concerning = new Set(
      (data.advisoriesByProduct.get(product.id) ?? []).map((a) => `/advisories/${a.id}/`),
    );
    expect(hits.some((h) => concerning.has(h))).toBe(true);
    for (const h of hits) expect(h).toMatch(/^\/advisories\/[A-Z0-9]+-SA-\d{4}-\d+\/$/);
    // Pagefind matches word prefixes, so a canary may "find" other words; it must never find the canary itself.
    for (const canary of CANARIES) {
      await search(page, canary);
      expect(((await resultText(page)) ?? "").toLowerCase()).not.toContain("canary");
    }
    for (const adv of unpublished) {
      const hits = await search(page, adv.data.id);
      expect(hits).not.toContain(`/advisories/${adv.data.id}/`);
    }
    // Enter submits the search form: nothing may navigate or violate the CSP.
    await page.press(".pagefind-ui__search-input", "Enter");
    const results = await new AxeBuilder({ page }).analyze();
    expect(
      results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`),
    ).toEqual([]);
    await expectClean(log);
    await page.context().close();
  });
});

describe("feeds", () => {
  const plainTitles = () =>
    data.advisories
      .flatMap((a) =>
        a.doc.data.revisions.map((r) => ({
          date: r.date,
          t: `${a.id} (revision ${r.version}): ${a.doc.data.title}`,
        })),
      )
      .map((e) => e.t)
      .sort();

  /** Parses RSS/Atom with the browser's XML parser; returns entry titles as a feed reader shows them (HTML decoded). */
  async function parseXmlFeed(page: Page, xml: string, kind: "rss" | "atom") {
    return page.evaluate(
      ({ xml, kind }) => {
        const doc = new DOMParser().parseFromString(xml, "application/xml");
        if (doc.querySelector("parsererror"))
          return { error: doc.querySelector("parsererror")?.textContent ?? "parse error" };
        const decode = (html: string) =>
          new DOMParser().parseFromString(html, "text/html").documentElement.textContent ?? "";
        const entries = Array.from(doc.getElementsByTagName(kind === "rss" ? "item" : "entry"));
        return {
          titles: entries.map((e) => decode(e.getElementsByTagName("title")[0]?.textContent ?? "")),
          ids: entries.map(
            (e) => e.getElementsByTagName(kind === "rss" ? "guid" : "id")[0]?.textContent ?? "",
          ),
          dates: entries.map(
            (e) => e.getElementsByTagName(kind === "rss" ? "pubDate" : "updated")[0]?.textContent ?? "",
          ),
          updated:
            doc.getElementsByTagName(kind === "rss" ? "lastBuildDate" : "updated")[0]?.textContent ?? "",
        };
      },
      { xml, kind },
    );
  }

  it("are linked from every page's head and parse, one entry per published revision", async () => {
    const { page, log } = await visit("/");
    const links = await page
      .locator('head link[rel="alternate"]')
      .evaluateAll((els) => els.map((l) => `${l.getAttribute("type")} ${l.getAttribute("href")}`));
    expect(links).toEqual([
      "application/rss+xml /rss.xml",
      "application/atom+xml /atom.xml",
      "application/feed+json /feed.json",
    ]);
    for (const file of filesUnder(out).filter((f) => f.endsWith(".html"))) {
      const html = readFileSync(file, "utf8");
      for (const href of ["/rss.xml", "/atom.xml", "/feed.json"])
        expect(html, relative(out, file)).toContain(`href="${href}"`);
      expect(html.match(/<link rel="alternate"/g)?.length, relative(out, file)).toBe(3);
    }
    const fetchText = (path: string) => page.evaluate(async (p) => (await fetch(p)).text(), path);
    const expectedTitles = plainTitles();
    const newest = data.advisories
      .flatMap((a) => a.doc.data.revisions.map((r) => r.date))
      .sort()
      .at(-1)!;

    const rss = await parseXmlFeed(page, await fetchText("/rss.xml"), "rss");
    expect("error" in rss ? rss.error : "").toBe("");
    if (!("error" in rss)) {
      expect([...rss.titles].sort()).toEqual(expectedTitles);
      expect(new Set(rss.ids).size).toBe(expectedTitles.length);
      expect(new Date(rss.updated).toISOString().slice(0, 10)).toBe(newest.slice(0, 10));
      const times = rss.dates.map((d) => Date.parse(d));
      expect(times).toEqual([...times].sort((a, b) => b - a));
    }
    const atom = await parseXmlFeed(page, await fetchText("/atom.xml"), "atom");
    expect("error" in atom ? atom.error : "").toBe("");
    if (!("error" in atom)) {
      expect([...atom.titles].sort()).toEqual(expectedTitles);
      expect(atom.ids[0]).toMatch(/^https:\/\/.+\/advisories\/.+\/#revision-\d+\.\d+\.\d+$/);
    }
    const json = JSON.parse(await fetchText("/feed.json"));
    expect(json.version).toBe(JSON_FEED_VERSION);
    expect(json.items.map((i: { title: string }) => i.title).sort()).toEqual(expectedTitles);
    await expectClean(log);
    await page.context().close();
  });

  it("escape titles with <, &, quotes and ]]> in all three feeds", async () => {
    const nasty = `Injection in <script>alert("x")</script> & 'Report' ]]> export &amp; done`;
    const base = data.advisories[0]!.view;
    const view = {
      ...base,
      advisory: {
        ...base.advisory,
        data: { ...base.advisory.data, title: nasty, summary: `Summary with <b> & "q"` },
      },
    };
    const feeds = buildFeeds({ vendor: data.vendor, siteUrl: data.siteUrl, advisories: [view], now: NOW });
    const { page } = await visit("/");
    const expectedTitles = view.advisory.data.revisions
      .map((r) => `${view.advisory.data.id} (revision ${r.version}): ${nasty}`)
      .sort();
    for (const kind of ["rss", "atom"] as const) {
      const parsed = await parseXmlFeed(page, kind === "rss" ? feeds.rss : feeds.atom, kind);
      expect("error" in parsed ? parsed.error : "").toBe("");
      if (!("error" in parsed)) expect([...parsed.titles].sort()).toEqual(expectedTitles);
    }
    const json = JSON.parse(feeds.json);
    expect(json.items.map((i: { title: string }) => i.title).sort()).toEqual(expectedTitles);
    expect(json.items[0].summary).toBe(`Summary with <b> & "q"`);
    await page.context().close();
  });
});

describe("accessibility and layout", () => {
  const pageTypes = () => {
    const advisory = data.advisories[0]!;
    return {
      index: "/",
      filter: `/advisories/severity/${data.facets.severities[0]!.value}/`,
      browse: "/advisories/",
      advisory: `/advisories/${advisory.id}/`,
      products: "/products/",
      product: `/products/${advisory.products[0]!.id}/`,
      cve: `/cve/${[...data.cves.keys()][0]}/`,
      policy: "/policy/",
      search: "/search/",
      notFound: "/no-such-page/",
    };
  };

  it("axe-core finds no violations on any page type, in light and dark mode, and on every advisory", async () => {
    const failures: string[] = [];
    // Every advisory page, not only the first: their content varies the most (several
    // vulnerabilities, scores of the same CVSS version, long tables).
    const others = data.advisories.slice(1).map((a) => [`advisory ${a.id}`, `/advisories/${a.id}/`] as const);
    for (const [name, path] of [...Object.entries(pageTypes()), ...others]) {
      for (const colorScheme of ["light", "dark"] as const) {
        if (colorScheme === "dark" && !["index", "advisory", "product", "search"].includes(name)) continue;
        const { page, log } = await visit(path, {
          colorScheme,
          ignoreConsole: name === "notFound" ? /status of 404/ : undefined,
        });
        if (name === "search") await page.locator(".pagefind-ui__search-input").waitFor();
        const results = await new AxeBuilder({ page }).analyze();
        for (const v of results.violations)
          failures.push(
            `${name} (${colorScheme}) ${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`,
          );
        await expectClean(log);
        await page.context().close();
      }
    }
    expect(failures).toEqual([]);
  });

  it("pages fit a phone screen without horizontal scrolling", async () => {
    for (const path of [pageTypes().index, pageTypes().advisory, pageTypes().product]) {
      const { page } = await visit(path, {
        viewport: { width: 360, height: 740 },
        isMobile: true,
        hasTouch: true,
      });
      const [scroll, client] = await page.evaluate(() => [
        document.documentElement.scrollWidth,
        document.documentElement.clientWidth,
      ]);
      expect(scroll, path).toBeLessThanOrEqual(client);
      await page.context().close();
    }
  });

  it("the 404 page is served for unknown paths", async () => {
    const { page } = await visit("/advisories/NO-SUCH-ID/", { ignoreConsole: /status of 404/ });
    expect(await page.locator("h1").textContent()).toBe("Page not found");
    await page.context().close();
  });
});

describe("isolation and reproducibility", () => {
  it("no page requested anything outside 127.0.0.1", () => {
    expect(logs.length).toBeGreaterThan(10);
    expect(logs.flatMap((l) => l.external)).toEqual([]);
  });

  it("a second build of the same input is byte-identical (site and search index)", async () => {
    const againWork = tempBuildDir();
    const again = join(againWork, "dist");
    try {
      buildSite(again);
      await indexSite(again);
      const a = filesUnder(out).map((f) => relative(out, f));
      const b = filesUnder(again).map((f) => relative(again, f));
      expect(b).toEqual(a);
      const differ = a.filter((f) => !readFileSync(join(out, f)).equals(readFileSync(join(again, f))));
      expect(differ).toEqual([]);
    } finally {
      rmSync(againWork, { recursive: true, force: true });
    }
  });
});
