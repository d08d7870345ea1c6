/**
 * RSS 2.0, Atom 1.0 and JSON Feed 1.1 of the published advisories: one entry per revision, so a
 * subscriber learns about every update. Pure and deterministic: entries are dated by their
 * revisions and the feed by its newest entry (never the clock).
 */
import { Feed, type FeedOptions } from "feed";
import { dateMs } from "../../../schemas/common.ts";
import type { Vendor } from "../../../schemas/vendor.ts";
import { advisoryPageUrl } from "../csaf/urls.ts";
import { escapeHtml } from "../html.ts";
import type { AdvisoryView } from "./advisory-view.ts";

export interface FeedInput {
  vendor: Vendor;
  /** Absolute site URL, e.g. `https://psirt.example.com/`. */
  siteUrl: string;
  /** Published advisories only (publishedAdvisories), with their views. */
  advisories: readonly AdvisoryView[];
  /** Publication date: the feed's date when there is no entry at all. */
  now: Date;
}

export interface Feeds {
  rss: string;
  atom: string;
  json: string;
}

/** Site-relative paths of the feeds. */
export const FEED_PATHS = { rss: "rss.xml", atom: "atom.xml", json: "feed.json" } as const;

export const JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1";

/**
 * The `feed` package writes element text through xml-js, which first turns every `&amp;` back
 * into `&` and then escapes `&`, `<`, `>`. Doubling each `&` beforehand makes that round trip exact
 * for any text (a literal `&amp;` in a title stays `&amp;`).
 */
const xmlText = (text: string): string => text.replace(/&/g, "&amp;");

interface Entry {
  view: AdvisoryView;
  version: string;
  date: string;
  summary: string;
}

/** Compares semantic versions `MAJOR.MINOR.PATCH` numerically. */
function compareVersions(a: string, b: string): number {
  const pa = a.split(".").map(Number);
  const pb = b.split(".").map(Number);
  for (let i = 0; i < 3; i++) if ((pa[i] ?? 0) !== (pb[i] ?? 0)) return (pa[i] ?? 0) - (pb[i] ?? 0);
  return 0;
}

/** Every revision of every advisory, newest first (date, then advisory id, then version; all descending). */
function entries(advisories: readonly AdvisoryView[]): Entry[] {
  const list: Entry[] = [];
  for (const view of advisories) for (const r of view.advisory.data.revisions) list.push({ view, ...r });
  return list.sort((a, b) => {
    const ida = a.view.advisory.data.id;
    const idb = b.view.advisory.data.id;
    return (
      dateMs(b.date) - dateMs(a.date) ||
      (ida < idb ? 1 : ida > idb ? -1 : 0) ||
      compareVersions(b.version, a.version)
    );
  });
}

/** Plain-text line with severity, score and CVE ids, e.g. `Severity: High (CVSS 8.1). CVE-2021-44228.` */
function factsLine(view: AdvisoryView): string {
  const parts: string[] = [];
  if (view.severity) {
    const sev = view.severity.charAt(0) + view.severity.slice(1).toLowerCase();
    parts.push(
      view.score !== undefined ? `Severity: ${sev} (CVSS ${view.score.toFixed(1)}).` : `Severity: ${sev}.`,
    );
  }
  const cves = view.advisory.data.vulnerabilities.flatMap((v) => (v.cve ? [v.cve] : []));
  if (cves.length > 0) parts.push(`${cves.join(", ")}.`);
  return parts.join(" ");
}

function contentHtml(e: Entry): string {
  const d = e.view.advisory.data;
  const facts = factsLine(e.view);
  return [
    `<p>${escapeHtml(d.summary)}</p>`,
    `<p>Revision ${escapeHtml(e.version)} (${escapeHtml(e.date.slice(0, 10))}): ${escapeHtml(e.summary)}</p>`,
    facts ? `<p>${escapeHtml(facts)}</p>` : "",
  ].join("");
}

/** Builds the three feeds. */
export function buildFeeds(input: FeedInput): Feeds {
  const { vendor } = input;
  const siteUrl = new URL(input.siteUrl).href;
  const list = entries(input.advisories);
  const updated = list[0] ? new Date(dateMs(list[0].date)) : input.now;
  const feedLinks = {
    rss: new URL(FEED_PATHS.rss, siteUrl).href,
    atom: new URL(FEED_PATHS.atom, siteUrl).href,
    json: new URL(FEED_PATHS.json, siteUrl).href,
  };
  const title = `${vendor.site.title}: security advisories`;
  const description = `Security advisories of ${vendor.name}, one entry per published revision.`;
  const options = (xml: boolean): FeedOptions => {
    const text = xml ? xmlText : (s: string) => s;
    return {
      id: siteUrl,
      title: text(title),
      description: text(description),
      link: siteUrl,
      language: vendor.site.languages[0] ?? "en",
      updated,
      generator: false,
      feedLinks,
      author: { name: text(vendor.name), email: vendor.contact.email, link: vendor.namespace },
      copyright: text(`${vendor.name}`),
    };
  };
  // XML feeds carry titles and summaries as HTML (Atom type="html", RSS by common practice), so
  // their text is HTML-escaped; the JSON Feed's `title` and `summary` are plain text.
  const xmlFeed = new Feed(options(true));
  const jsonFeed = new Feed(options(false));
  for (const e of list) {
    const d = e.view.advisory.data;
    const link = advisoryPageUrl(siteUrl, d.id);
    const date = new Date(dateMs(e.date));
    const plainTitle = `${d.id} (revision ${e.version}): ${d.title}`;
    const common = {
      id: `${link}#revision-${e.version}`,
      link,
      date,
      published: date,
      content: contentHtml(e),
    };
    xmlFeed.addItem({ ...common, title: escapeHtml(plainTitle), description: escapeHtml(d.summary) });
    jsonFeed.addItem({ ...common, title: plainTitle, description: d.summary });
  }
  return {
    rss: `${xmlFeed.rss2()}\n`,
    atom: `${xmlFeed.atom1()}\n`,
    json: jsonFeed11(jsonFeed.json1(), vendor),
  };
}

/** Turns the package's JSON Feed 1.0 output into JSON Feed 1.1 (`authors`, `language`). */
function jsonFeed11(json: string, vendor: Vendor): string {
  const {
    version: _version,
    author,
    items,
    ...rest
  } = JSON.parse(json) as Record<string, unknown> & { items: unknown[] };
  const feed: Record<string, unknown> = { version: JSON_FEED_VERSION, ...rest };
  if (author) feed.authors = [author];
  feed.language = vendor.site.languages[0] ?? "en";
  feed.items = items.map((item) => {
    const { author: itemAuthor, ...fields } = item as Record<string, unknown>;
    return itemAuthor ? { ...fields, authors: [itemAuthor] } : fields;
  });
  return `${JSON.stringify(feed, null, 2)}\n`;
}

export { escapeHtml };
