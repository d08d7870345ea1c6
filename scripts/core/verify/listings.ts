/**
 * Reads the lists of documents a provider publishes (ROLIE feeds, index.txt, changes.csv) and
 * checks that they agree on the set of documents.
 */
import { parseChangesCsv, parseIndexTxt } from "../provider/directory.ts";
import { arr, str, type VerifyContext } from "./context.ts";

/** One link of a ROLIE entry, resolved to a location. */
export interface EntryLink {
  rel: string;
  location: string;
}

/** What the listings say about one document location. */
export interface ListedDocument {
  location: string;
  /** TLP label of the ROLIE feed that lists it. */
  tlp?: string;
  rolie?: { feed: string; id?: string; updated?: string; links: EntryLink[] };
  /** The directory (directory_url) whose index.txt / changes.csv list it. */
  directory?: string;
  inIndex?: boolean;
  /** current_release_date according to changes.csv. */
  changed?: string;
}

export interface Listings {
  documents: Map<string, ListedDocument>;
  feeds: string[];
  directories: string[];
}

/**
 * The listed document at `location`, added when new; undefined once the run holds as many as its
 * budget allows (a list naming millions would otherwise be fetched for days): `list` names the
 * file that went past it.
 */
function entry(
  ctx: VerifyContext,
  listings: Listings,
  location: string,
  list: string,
): ListedDocument | undefined {
  let doc = listings.documents.get(location);
  if (doc) return doc;
  if (listings.documents.size >= ctx.budget.documents) {
    ctx.failOnce(
      "documents",
      list,
      `lists more documents than the ${ctx.budget.documents} one verify checks: the others are not checked`,
    );
    return undefined;
  }
  doc = { location };
  listings.documents.set(location, doc);
  return doc;
}

async function readFeed(ctx: VerifyContext, listings: Listings, feedUrl: string, tlp: string): Promise<void> {
  const feed = ctx.locate(feedUrl);
  listings.feeds.push(feed);
  const json = await ctx.readJson(feed, "rolie-feed");
  if (json === undefined) return;
  const entries = arr(json, "feed", "entry");
  if (!Array.isArray((json as { feed?: { entry?: unknown } }).feed?.entry)) {
    ctx.fail(feed, "is not a ROLIE feed: /feed/entry is missing");
    return;
  }
  entries.forEach((e, index) => {
    const links = arr(e, "link").flatMap((l) => {
      const rel = str(l, "rel");
      const href = str(l, "href");
      return rel && href ? [{ rel, location: ctx.locate(href) }] : [];
    });
    const self =
      links.find((l) => l.rel === "self")?.location ??
      ((src) => src && ctx.locate(src))(str(e, "content", "src"));
    if (!self) {
      ctx.fail(feed, `entry ${index} has no self link and no content.src`);
      return;
    }
    const doc = entry(ctx, listings, self, feed);
    if (!doc) return;
    if (doc.rolie) ctx.fail(feed, `lists ${self} twice`);
    doc.tlp = tlp;
    const id = str(e, "id");
    const updated = str(e, "updated");
    doc.rolie = { feed, links, ...(id ? { id } : {}), ...(updated ? { updated } : {}) };
  });
}

async function readDirectory(ctx: VerifyContext, listings: Listings, directoryUrl: string): Promise<void> {
  const dir = ctx.locate(directoryUrl).replace(/\/+$/, "");
  listings.directories.push(dir);
  const indexPath = `${dir}/index.txt`;
  const index = await ctx.readText(indexPath, "index", "not found (requirement 12)");
  for (const line of index === undefined ? [] : parseIndexTxt(index)) {
    const location = ctx.resolve(dir, line);
    if (!location) {
      ctx.fail(indexPath, `"${line}" is not a path inside the folder`);
      continue;
    }
    const doc = entry(ctx, listings, location, indexPath);
    if (!doc) continue;
    if (doc.inIndex) ctx.warn(indexPath, `lists ${line} twice`);
    doc.inIndex = true;
    doc.directory = dir;
  }
  const changesPath = `${dir}/changes.csv`;
  const changes = await ctx.readText(changesPath, "changes", "not found (requirement 13)");
  if (changes === undefined) return;
  const parsed = parseChangesCsv(changes);
  for (const error of parsed.errors) ctx.fail(changesPath, error);
  for (const change of parsed.entries) {
    const location = ctx.resolve(dir, change.path);
    if (!location) {
      ctx.fail(changesPath, `"${change.path}" is not a path inside the folder`);
      continue;
    }
    const doc = entry(ctx, listings, location, changesPath);
    if (!doc) continue;
    if (doc.changed !== undefined) ctx.fail(changesPath, `lists ${change.path} twice`);
    doc.changed = change.currentReleaseDate;
    doc.directory = dir;
  }
}

/** Reads every ROLIE feed and directory distribution named in provider-metadata.json. */
export async function readListings(
  ctx: VerifyContext,
  metadata: unknown,
  metadataPath: string,
): Promise<Listings> {
  const listings: Listings = { documents: new Map(), feeds: [], directories: [] };
  const distributions = arr(metadata, "distributions");
  for (const distribution of distributions) {
    for (const feed of arr(distribution, "rolie", "feeds")) {
      const url = str(feed, "url");
      if (url) await readFeed(ctx, listings, url, str(feed, "tlp_label") ?? "UNLABELED");
    }
    const directoryUrl = str(distribution, "directory_url");
    if (directoryUrl) await readDirectory(ctx, listings, directoryUrl);
  }
  if (listings.feeds.length === 0 && listings.directories.length === 0)
    ctx.fail(metadataPath, "names no ROLIE feed and no directory_url: no documents can be found");
  return listings;
}

/** Every document must be in every list that covers its folder. */
export function checkAgreement(ctx: VerifyContext, listings: Listings): void {
  const hasRolie = listings.feeds.length > 0;
  for (const doc of listings.documents.values()) {
    const dir = doc.directory ?? listings.directories.find((d) => doc.location.startsWith(`${d}/`));
    const missing: string[] = [];
    if (hasRolie && !doc.rolie) missing.push("the ROLIE feeds");
    if (dir && !doc.inIndex) missing.push(`${dir}/index.txt`);
    if (dir && doc.changed === undefined) missing.push(`${dir}/changes.csv`);
    if (missing.length === 0) continue;
    const listed = [
      ...(doc.rolie ? [doc.rolie.feed] : []),
      ...(doc.inIndex ? [`${dir}/index.txt`] : []),
      ...(doc.changed !== undefined ? [`${dir}/changes.csv`] : []),
    ];
    ctx.fail(doc.location, `listed in ${listed.join(" and ")} but missing from ${missing.join(" and ")}`);
  }
}
