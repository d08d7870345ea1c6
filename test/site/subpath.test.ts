/**
 * A site under a sub-path (`site.url: https://example.org/psirt/`, e.g. a GitHub Pages project
 * site): `psirt build` output served at /psirt/, links and search results stay under it.
 */
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EXAMPLE, psirt } from "../helpers/repo.ts";
import { launchChromium, openPage } from "./browser.ts";
import { TEST_NOW, tempBuildDir } from "./build.ts";
import { type StaticServer, serveStatic } from "./server.ts";

let work = "";
let server: StaticServer;
let browser: Browser;

beforeAll(async () => {
  work = tempBuildDir();
  const repo = join(work, "repo");
  for (const dir of ["advisories", "incidents", "inventory"])
    cpSync(join(EXAMPLE, dir), join(repo, dir), { recursive: true });
  const vendor = join(repo, "inventory/vendor.yaml");
  writeFileSync(
    vendor,
    readFileSync(vendor, "utf8").replace(
      "url: https://psirt.northlight.example/",
      "url: https://northlight.example/psirt/",
    ),
  );
  const root = join(work, "www");
  mkdirSync(root);
  const r = psirt(["build", "--root", repo, "--out", join(root, "psirt"), "--now", TEST_NOW]);
  if (r.code !== 0) throw new Error(`build failed: ${r.stdout}${r.stderr}`);
  server = await serveStatic(root);
  browser = await launchChromium();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

describe("a site under /psirt/", () => {
  it("links its pages and search results under /psirt/", async () => {
    const { page, log } = await openPage(browser, `${server.url}/psirt/search/`);
    await page.locator(".pagefind-ui__search-input").waitFor();
    await page.fill(".pagefind-ui__search-input", "CVE-2021-44228");
    const link = page.locator(".pagefind-ui__result-link").first();
    await link.waitFor();
    expect(new URL(await link.evaluate((a) => (a as HTMLAnchorElement).href)).pathname).toBe(
      "/psirt/advisories/NLS-SA-2021-0001/",
    );
    await link.click();
    await page.waitForURL(/\/psirt\/advisories\/NLS-SA-2021-0001\/$/);
    expect(await page.locator("h1").textContent()).toContain("Log4j");
    const hrefs = await page
      .locator("a[href^='/']")
      .evaluateAll((links) => links.map((a) => a.getAttribute("href") ?? ""));
    expect(hrefs.length).toBeGreaterThan(5);
    expect(hrefs.filter((h) => !h.startsWith("/psirt/"))).toEqual([]);
    expect(log.external).toEqual([]);
    expect(server.requests.filter((p) => !p.startsWith("/psirt/") && p !== "/favicon.ico")).toEqual([]);
    await page.context().close();
  });
});
