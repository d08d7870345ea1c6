/**
 * The XML feeds as a real feed reader reads them: Python's Universal Feed Parser (`feedparser`,
 * Debian's python3-feedparser, which .ci/run installs), the library behind many feed readers and
 * aggregators. It sets `bozo` on anything not well formed and hands titles over as sanitized HTML,
 * which a reader displays. RSS and Atom must parse cleanly and show every published revision with
 * its title as written, its link to the advisory page and its date. (Debian's feedparser 6.0 does
 * not read JSON Feed; test/site/site.test.ts checks feed.json.)
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dateMs } from "../../schemas/common.ts";
import { buildFeeds, type Feeds } from "../../scripts/core/publish/syndication.ts";
import { deriveSiteData, type SiteData } from "../../site/src/lib/site-data.ts";
import { EXAMPLE, validateDir } from "../helpers/repo.ts";
import { TEST_NOW } from "./build.ts";

const PYTHON = "/usr/bin/python3";

/** Reads each file with feedparser; prints what a reader shows of it, as JSON. */
const READER = `
import calendar, html, json, re, sys, feedparser
def shown(detail):
    """What a reader displays of a text construct: HTML is rendered, plain text shown as is."""
    value = detail.get("value", "")
    return html.unescape(re.sub(r"<[^>]*>", "", value)) if detail.get("type") == "text/html" else value
out = []
for path in sys.argv[1:]:
    d = feedparser.parse(path)
    out.append({
        "bozo": bool(d.bozo),
        "problem": str(d.get("bozo_exception", "")),
        "version": d.version,
        "title": d.feed.get("title"),
        "link": d.feed.get("link"),
        "updated": calendar.timegm(d.feed.updated_parsed) if d.feed.get("updated_parsed") else None,
        "entries": [{
            "id": e.get("id"),
            "title": shown(e.get("title_detail", {})),
            "title_html": e.get("title", ""),
            "link": e.get("link"),
            "date": calendar.timegm(e.published_parsed) if e.get("published_parsed") else None,
            "summary": shown(e.get("summary_detail", {})),
        } for e in d.entries],
    })
print(json.dumps(out))
`;

interface ReadFeed {
  bozo: boolean;
  problem: string;
  version: string;
  title: string;
  link: string;
  updated: number | null;
  entries: {
    id: string;
    title: string;
    title_html: string;
    link: string;
    date: number | null;
    summary: string;
  }[];
}

let work = "";
let data: SiteData;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), "psirt-feed-reader-"));
  const now = new Date(`${TEST_NOW}T00:00:00Z`);
  const { model } = await validateDir(EXAMPLE, now);
  data = deriveSiteData(model, now);
});

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

/** The XML feeds as feedparser reads them: [rss, atom]. */
function read(feeds: Pick<Feeds, "rss" | "atom">, name: string): ReadFeed[] {
  const files = (["rss", "atom"] as const).map((kind) => {
    const file = join(work, `${name}.${kind}.xml`);
    writeFileSync(file, feeds[kind]);
    return file;
  });
  const r = spawnSync(PYTHON, ["-c", READER, ...files], { encoding: "utf8" });
  if (r.error || r.status !== 0)
    throw new Error(
      `feedparser could not run (install Debian's python3-feedparser, as .ci/run does): ${r.error?.message ?? r.stderr}`,
    );
  return JSON.parse(r.stdout) as ReadFeed[];
}

const feedsOf = (advisories: SiteData["advisories"][number]["view"][]) =>
  buildFeeds({ vendor: data.vendor, siteUrl: data.siteUrl, advisories, now: new Date(TEST_NOW) });

describe("a feed reader (Python feedparser)", () => {
  it("reads RSS 2.0 and Atom 1.0 cleanly, one entry per published revision", () => {
    const read3 = read(feedsOf(data.advisories.map((a) => a.view)), "example");
    const expected = data.advisories
      .flatMap((a) =>
        a.view.advisory.data.revisions.map((r) => ({
          title: `${a.id} (revision ${r.version}): ${a.view.advisory.data.title}`,
          link: new URL(`advisories/${a.id}/`, data.siteUrl).href,
          date: dateMs(r.date) / 1000,
        })),
      )
      .sort((x, y) => (x.title < y.title ? -1 : 1));
    const newest = Math.max(...expected.map((e) => e.date));
    expect(read3.map((f) => f.version)).toEqual(["rss20", "atom10"]);
    for (const feed of read3) {
      expect(feed.problem, feed.version).toBe("");
      expect(feed.bozo, feed.version).toBe(false);
      expect(feed.title).toBe(`${data.vendor.site.title}: security advisories`);
      expect(feed.link).toBe(data.siteUrl);
      const entries = feed.entries
        .map((e) => ({ title: e.title, link: e.link, date: e.date }))
        .sort((x, y) => (x.title < y.title ? -1 : 1));
      expect(entries, feed.version).toEqual(expected);
      expect(new Set(feed.entries.map((e) => e.id)).size, feed.version).toBe(expected.length);
      // Newest first, as readers list them.
      const dates = feed.entries.map((e) => e.date ?? 0);
      expect(dates).toEqual([...dates].sort((a, b) => b - a));
      expect(feed.updated).toBe(newest);
    }
  });

  it("shows titles with <, &, quotes and ]]> as written, never as markup", () => {
    const title = `Injection in <script>alert("x")</script> & 'Report' ]]> export &amp; done`;
    const base = data.advisories[0]!.view;
    const view = {
      ...base,
      advisory: { ...base.advisory, data: { ...base.advisory.data, title, summary: `Summary <b> & "q"` } },
    };
    for (const feed of read(feedsOf([view]), "nasty")) {
      expect(feed.bozo, `${feed.version}: ${feed.problem}`).toBe(false);
      expect(feed.entries.length).toBe(base.advisory.data.revisions.length);
      for (const entry of feed.entries) {
        expect(entry.title, feed.version).toBe(
          `${base.advisory.data.id} (revision ${entry.id.split("#revision-")[1]}): ${title}`,
        );
        // No markup of the title survives as markup: it is text in the HTML a reader renders.
        expect(entry.title_html, feed.version).not.toMatch(/<[a-z]/i);
        expect(entry.summary, feed.version).toContain(`Summary <b> & "q"`);
      }
    }
  });

  it("reports a damaged feed (the check can fail)", () => {
    const feeds = feedsOf(data.advisories.map((a) => a.view));
    const [rss, atom] = read(
      { rss: feeds.rss.replace("</channel>", ""), atom: feeds.atom.replace(/<\/entry>/, "") },
      "damaged",
    );
    expect(rss!.bozo).toBe(true);
    expect(atom!.bozo).toBe(true);
  });
});
