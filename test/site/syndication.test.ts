/** RSS / Atom / JSON Feed of the published advisories (scripts/core/publish/syndication.ts). */
import { beforeAll, describe, expect, it } from "vitest";
import type { Vendor } from "../../schemas/vendor.ts";
import type { AdvisoryDoc, Model } from "../../scripts/core/load/repository.ts";
import { type AdvisoryView, advisoryView } from "../../scripts/core/publish/advisory-view.ts";
import { buildFeeds, escapeHtml, JSON_FEED_VERSION } from "../../scripts/core/publish/syndication.ts";
import { FIXTURES, validateDir } from "../helpers/repo.ts";

let model: Model;
let vendor: Vendor;
let base: AdvisoryDoc;

/** A copy of the fixture advisory with another id, title and revisions. */
function variant(
  id: string,
  title: string,
  revisions: { version: string; date: string; summary: string }[],
): AdvisoryView {
  const doc: AdvisoryDoc = { ...base, data: { ...base.data, id, title, revisions } };
  return advisoryView(model, doc);
}

const SITE = "https://psirt.example.com/";
const NOW = new Date("2026-11-23T00:00:00Z");

beforeAll(async () => {
  const result = await validateDir(`${FIXTURES}/repo-min`, NOW);
  model = result.model;
  vendor = model.vendor!.data;
  base = model.advisories[0]!;
});

describe("buildFeeds", () => {
  const two = () => [
    variant("EXC-SA-2026-0001", "First", [
      { version: "1.0.0", date: "2026-03-02", summary: "Initial release" },
      { version: "1.1.0", date: "2026-04-10", summary: "Added a workaround" },
    ]),
    variant("EXC-SA-2026-0002", "Second", [
      { version: "1.0.0", date: "2026-04-10", summary: "Initial release" },
    ]),
  ];

  it("has one entry per revision, newest first, with revision anchors as ids", () => {
    const { json } = buildFeeds({ vendor, siteUrl: SITE, advisories: two(), now: NOW });
    const feed = JSON.parse(json);
    expect(feed.version).toBe(JSON_FEED_VERSION);
    expect(feed.items.map((i: { id: string }) => i.id)).toEqual([
      "https://psirt.example.com/advisories/EXC-SA-2026-0002/#revision-1.0.0",
      "https://psirt.example.com/advisories/EXC-SA-2026-0001/#revision-1.1.0",
      "https://psirt.example.com/advisories/EXC-SA-2026-0001/#revision-1.0.0",
    ]);
    expect(feed.items[1].title).toBe("EXC-SA-2026-0001 (revision 1.1.0): First");
    expect(feed.items[1].url).toBe("https://psirt.example.com/advisories/EXC-SA-2026-0001/");
    expect(feed.items[1].content_html).toContain("Revision 1.1.0 (2026-04-10): Added a workaround");
    expect(feed.items[1].date_published).toBe("2026-04-10T00:00:00.000Z");
    expect(feed.authors).toEqual([{ name: vendor.name, url: vendor.namespace }]);
    expect(feed).not.toHaveProperty("author");
  });

  it("is dated by its newest revision, never by the clock", () => {
    const a = buildFeeds({ vendor, siteUrl: SITE, advisories: two(), now: NOW });
    const b = buildFeeds({ vendor, siteUrl: SITE, advisories: two(), now: new Date("2030-01-01T00:00:00Z") });
    expect(b).toEqual(a);
    expect(a.rss).toContain("<lastBuildDate>Fri, 10 Apr 2026 00:00:00 GMT</lastBuildDate>");
    expect(a.atom).toMatch(
      /<feed xmlns="http:\/\/www.w3.org\/2005\/Atom">\s*<id>https:\/\/psirt.example.com\/<\/id>[\s\S]*?<updated>2026-04-10T00:00:00.000Z<\/updated>/,
    );
    const empty = buildFeeds({ vendor, siteUrl: SITE, advisories: [], now: NOW });
    expect(empty.atom).toContain("<updated>2026-11-23T00:00:00.000Z</updated>");
    expect(JSON.parse(empty.json).items).toEqual([]);
  });

  it("escapes any title in RSS and Atom and keeps it plain in JSON", () => {
    const nasty = `A <b>bold</b> & "quoted" 'one' ]]> &amp; done`;
    const feeds = buildFeeds({
      vendor,
      siteUrl: SITE,
      advisories: [variant("EXC-SA-2026-0003", nasty, base.data.revisions)],
      now: NOW,
    });
    const escaped = `EXC-SA-2026-0003 (revision 1.0.0): ${escapeHtml(nasty)}`;
    expect(escaped).toContain(
      "A &lt;b&gt;bold&lt;/b&gt; &amp; &quot;quoted&quot; &#39;one&#39; ]]&gt; &amp;amp; done",
    );
    expect(feeds.rss).toContain(`<title><![CDATA[${escaped}]]></title>`);
    expect(feeds.atom).toContain(`<title type="html"><![CDATA[${escaped}]]></title>`);
    for (const xml of [feeds.rss, feeds.atom]) {
      expect(xml).not.toContain("<b>");
      // Every "]]>" ends a CDATA section: none comes from the content.
      expect(xml.split("]]>").length).toBe(xml.split("<![CDATA[").length);
    }
    expect(JSON.parse(feeds.json).items[0].title).toBe(`EXC-SA-2026-0003 (revision 1.0.0): ${nasty}`);
  });

  it("escapes the vendor's texts exactly, including a literal &amp;", () => {
    const odd: Vendor = {
      ...vendor,
      name: "R&D <Lab>",
      site: { ...vendor.site, title: `R&D "Lab" &amp; Co` },
    };
    const feeds = buildFeeds({ vendor: odd, siteUrl: SITE, advisories: two(), now: NOW });
    expect(feeds.rss).toContain('<title>R&amp;D "Lab" &amp;amp; Co: security advisories</title>');
    expect(feeds.atom).toContain('<title>R&amp;D "Lab" &amp;amp; Co: security advisories</title>');
    expect(feeds.atom).toContain("<name>R&amp;D &lt;Lab&gt;</name>");
    expect(JSON.parse(feeds.json).title).toBe(`R&D "Lab" &amp; Co: security advisories`);
  });

  it("states severity, score and CVE ids in the entry content", () => {
    const { rss } = buildFeeds({ vendor, siteUrl: SITE, advisories: [advisoryView(model, base)], now: NOW });
    expect(rss).toContain("<p>Severity: Critical (CVSS 10.0). CVE-2021-44228.</p>");
    expect(rss).toContain(
      '<guid isPermaLink="false">https://psirt.example.com/advisories/EXC-SA-2026-0001/#revision-1.0.0</guid>',
    );
  });
});
