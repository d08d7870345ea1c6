/**
 * `feeds pull` as a plan run against injected network and cache clients (scripts/io/http.ts,
 * scripts/io/feeds-cache.ts; tests use a server on 127.0.0.1). Each source either completes or
 * fails on its own: a failure is reported with the source's name and the cache keeps the previous
 * copy, since nothing is stored before the new content has been checked. Every download and every
 * read of the cache is capped ({@link DOWNLOAD_LIMITS}): a hostile or broken server can fill
 * neither memory nor disk.
 */
import { unzipSync } from "fflate";
import { binarySize } from "../binary-size.ts";
import { isZip, MAX_FEED_BYTES, MAX_FEED_FILE_BYTES } from "../feeds/bytes.ts";
import { detectFeed } from "../feeds/detect.ts";
import { nvdPageInfo } from "../feeds/nvd.ts";
import { nvdDate, nvdWindows, type PullJob } from "./sources.ts";

export interface FetchResult {
  /** 200, or 304 when a conditional request found nothing new. */
  status: number;
  etag?: string;
  lastModified?: string;
  body: Uint8Array;
}

/** HTTP GET with retries; throws an Error saying what failed (status, timeout, truncation). */
export interface Fetcher {
  get(
    url: string,
    options: {
      headers?: Record<string, string>;
      /** Statuses besides 429 and 5xx worth retrying (NVD answers 403 when rate-limited). */
      retryOn?: number[];
      onProgress?: (received: number, total?: number) => void;
      /**
       * Largest body accepted, in bytes as received (after any Content-Encoding is decoded): a
       * Content-Length over it is refused before the body is read, a body passing it is aborted.
       * Either throws {@link TooLarge}, never retried (the next attempt would be as large).
       */
      maxBytes?: number;
    },
  ): Promise<FetchResult>;
}

/** What a {@link Fetcher} throws for a response over its `maxBytes`. */
export class TooLarge extends Error {
  readonly limit: number;
  /** The Content-Length that was refused; undefined when the body itself passed the limit. */
  readonly announced: number | undefined;
  constructor(url: string, limit: number, announced?: number) {
    super(
      announced === undefined
        ? `GET ${url}: the body passed the limit of ${limit} bytes`
        : `GET ${url}: Content-Length ${announced} is over the limit of ${limit} bytes`,
    );
    this.name = "TooLarge";
    this.limit = limit;
    this.announced = announced;
  }
}

/** What is stored beside each cached file. */
export interface CacheMeta {
  url: string;
  etag?: string;
  lastModified?: string;
  fetchedAt: string;
  bytes: number;
}

/** The cache: `write` must be atomic (temporary file + rename). */
export interface FeedStore {
  /**
   * The file's bytes when it holds at most `maxBytes`; otherwise `maxBytes + 1` bytes, meaning
   * "larger" (such a file is not read); undefined when absent.
   */
  read(file: string, maxBytes: number): Promise<Uint8Array | undefined>;
  /** Size in bytes of a cached file; undefined when absent. */
  size(file: string): Promise<number | undefined>;
  write(file: string, bytes: Uint8Array): Promise<void>;
  /** Deletes a cached file; nothing happens when it is absent. */
  remove(file: string): Promise<void>;
  /** Feed files below a folder of the cache (no metadata, state or temporary files), sorted. */
  list(folder: string): Promise<string[]>;
  readMeta(file: string): Promise<CacheMeta | undefined>;
  writeMeta(file: string, meta: CacheMeta): Promise<void>;
}

export interface PullReporter {
  start(job: PullJob, detail: string): void;
  progress(job: PullJob, received: number, total?: number): void;
  done(job: PullJob, detail: string): void;
  fail(job: PullJob, message: string): void;
}

export interface PullDeps {
  fetcher: Fetcher;
  store: FeedStore;
  reporter: PullReporter;
  now: Date;
  /** Waits between NVD requests (rate limit). */
  sleep: (ms: number) => Promise<void>;
  nvdApiKey?: string;
  /** Minimum spacing of NVD requests: 6000 ms without an API key, 600 ms with one. */
  nvdDelayMs: number;
  /** Download limits that differ from {@link DOWNLOAD_LIMITS} (tests make them small). */
  maxBytes?: Partial<Record<FeedKind, number>>;
}

export type FeedKind = Extract<PullJob, { kind: "file" }>["feed"] | "nvd";

/**
 * Largest download per source kind: what `match` reads of the stored file, so that nothing is
 * downloaded only to be refused there. An OSV export is a zip that `match` reads entry by entry,
 * from files of up to 1 GiB; KEV, EPSS and CSAF files are read as one piece, and a gzip file
 * inflates, up to 256 MiB. NVD's limit holds for all the pages of one pull together (a server
 * announcing ever more pages cannot fill memory); the shards they are merged into are read as one
 * piece each, so they keep below 256 MiB ({@link NVD_SHARD_BLOCK}).
 */
export const DOWNLOAD_LIMITS: Readonly<Record<FeedKind, number>> = {
  osv: MAX_FEED_FILE_BYTES,
  nvd: MAX_FEED_FILE_BYTES,
  kev: MAX_FEED_BYTES,
  epss: MAX_FEED_BYTES,
  csaf: MAX_FEED_BYTES,
};

/** `nvd/state.json` holds one date: anything larger is not a state file. */
const STATE_LIMIT = 64 * 1024;

const limitOf = (kind: FeedKind, deps: PullDeps): number => deps.maxBytes?.[kind] ?? DOWNLOAD_LIMITS[kind];

/** The limit of a kind, for messages: "the download limit of 1073741824 bytes (1 GiB) for osv sources". */
function limitText(kind: FeedKind, limit: number): string {
  const size = binarySize(limit);
  return `the download limit of ${limit} bytes${size === `${limit} bytes` ? "" : ` (${size})`} for ${kind} sources`;
}

/** A GET that a {@link TooLarge} answer turns into an error saying which limit, for which source. */
async function getCapped(
  deps: PullDeps,
  url: string,
  kind: FeedKind,
  limit: number,
  options: Omit<Parameters<Fetcher["get"]>[1], "maxBytes">,
  spent = 0,
): Promise<FetchResult> {
  try {
    return await deps.fetcher.get(url, { ...options, maxBytes: limit - spent });
  } catch (error) {
    if (!(error instanceof TooLarge)) throw error;
    const kept = kind === "nvd" ? "the cache is unchanged" : "the cached copy is kept";
    const what =
      kind === "nvd"
        ? `the NVD pages of this pull ${error.announced === undefined ? "passed" : `would pass (Content-Length ${error.announced})`}`
        : error.announced === undefined
          ? "the response passed"
          : `Content-Length ${error.announced} is over`;
    const done = error.announced === undefined ? "download stopped" : "not downloaded";
    throw new Error(`GET ${url}: ${what} ${limitText(kind, limit)}: ${done}, ${kept}`);
  }
}

export interface PullOutcome {
  name: string;
  ok: boolean;
  /** What happened ("updated, 12.3 MB", "not modified") or why it failed. */
  message: string;
}

/** Runs every job in order; one failing job does not stop the others. */
export async function pullAll(jobs: readonly PullJob[], deps: PullDeps): Promise<PullOutcome[]> {
  const outcomes: PullOutcome[] = [];
  for (const job of jobs) {
    try {
      const message = job.kind === "nvd" ? await pullNvd(job, deps) : await pullFile(job, deps);
      deps.reporter.done(job, message);
      outcomes.push({ name: job.name, ok: true, message });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      deps.reporter.fail(job, message);
      outcomes.push({ name: job.name, ok: false, message });
    }
  }
  return outcomes;
}

/** A size for people: "512 bytes", "38.4 kB", "12.3 MB". */
export const byteSize = (n: number): string =>
  n < 1e3 ? `${n} bytes` : n < 1e6 ? `${(n / 1e3).toFixed(1)} kB` : `${(n / 1e6).toFixed(1)} MB`;

async function pullFile(job: Extract<PullJob, { kind: "file" }>, deps: PullDeps): Promise<string> {
  const limit = limitOf(job.feed, deps);
  const meta = await deps.store.readMeta(job.file);
  // A cached copy over the limit is not asked for conditionally: a 304 would keep a file that
  // `match` refuses. Its size is enough to know; the file itself is not read.
  const size = meta === undefined ? undefined : await deps.store.size(job.file);
  const cached = meta !== undefined && size !== undefined && size <= limit;
  const headers: Record<string, string> = {};
  if (cached && meta.etag) headers["If-None-Match"] = meta.etag;
  if (cached && meta.lastModified) headers["If-Modified-Since"] = meta.lastModified;
  deps.reporter.start(job, job.url);
  const response = await getCapped(deps, job.url, job.feed, limit, {
    headers,
    onProgress: (received, total) => deps.reporter.progress(job, received, total),
  });
  if (response.status === 304) {
    if (!cached) throw new Error(`${job.url} answered 304 Not Modified but nothing is cached`);
    await deps.store.writeMeta(job.file, { ...meta, fetchedAt: deps.now.toISOString() });
    return `not modified since ${meta.fetchedAt}`;
  }
  const problem = checkContent(job.feed, response.body);
  if (problem) throw new Error(`${job.url}: ${problem}; the cached copy is kept`);
  await deps.store.write(job.file, response.body);
  const next: CacheMeta = { url: job.url, fetchedAt: deps.now.toISOString(), bytes: response.body.length };
  if (response.etag) next.etag = response.etag;
  if (response.lastModified) next.lastModified = response.lastModified;
  await deps.store.writeMeta(job.file, next);
  return `updated, ${byteSize(response.body.length)}`;
}

/** Why downloaded bytes are not the expected feed, or undefined when they are. */
export function checkContent(
  feed: "osv" | "kev" | "epss" | "csaf" | "nvd",
  bytes: Uint8Array,
): string | undefined {
  if (bytes.length === 0) return "empty response";
  if (feed === "osv") {
    if (!isZip(bytes)) return "expected a zip archive (OSV all.zip)";
    try {
      unzipSync(bytes, { filter: () => false });
    } catch (error) {
      return `zip archive is truncated or corrupt (${(error as Error).message})`;
    }
    return undefined;
  }
  const kind = detectFeed(bytes);
  if (feed === "nvd")
    return nvdPageInfo(bytes) ? undefined : "not an NVD CVE API 2.0 response page (bad JSON?)";
  if (kind !== feed) {
    const expected = { kev: "the CISA KEV catalog", epss: "an EPSS CSV", csaf: "a CSAF 2.0 document" }[feed];
    return `expected ${expected}, found ${kind === "unknown" ? "unreadable content (bad JSON, truncated?)" : `a ${kind} feed`}`;
  }
  return undefined;
}

interface NvdPage {
  totalResults: number;
  resultsPerPage: number;
  vulnerabilities: NvdEntry[];
}

type NvdEntry = { cve: { id: string } };

/**
 * CVE sequence numbers per NVD shard. One file for every CVE grew with each pull (the scheduled
 * workflow keeps the cache between runs) until `match` could no longer read it as one piece, so
 * the CVEs are kept in shards by the id's year and block of sequence numbers:
 * `nvd/cves-2024-21.json` holds CVE-2024-21000 to CVE-2024-21999. At 2–20 KB per NVD entry a
 * shard is 2–20 MB, far below the {@link MAX_FEED_BYTES} that `match` reads of a file, and a busy
 * year only adds shards. Each shard is an NVD API 2.0 page, which `match` reads like any other.
 */
export const NVD_SHARD_BLOCK = 1000;
export const NVD_STATE = "nvd/state.json";
/** Where earlier versions kept every CVE: read once, moved into shards, then removed. */
export const NVD_LEGACY_FILE = "nvd/cves.json";
/** For an id that is not `CVE-<year>-<number>` (NVD has none; such an entry is kept, not dropped). */
const NVD_OTHER_SHARD = "nvd/cves-other.json";
const SHARD_NAME = /^nvd\/cves-(\d{4}-\d{1,9}|other)\.json$/;

/** The shard file of a CVE id: `nvd/cves-2024-21.json` for CVE-2024-21762. */
export function nvdShardOf(id: string): string {
  const m = /^CVE-(\d{4})-(\d{4,12})$/i.exec(id);
  return m ? `nvd/cves-${m[1]}-${Math.floor(Number(m[2]) / NVD_SHARD_BLOCK)}.json` : NVD_OTHER_SHARD;
}

/** True for the path of an NVD shard (`nvd/cves-2024-21.json`), not for the state or other files. */
export const isNvdShard = (file: string): boolean => SHARD_NAME.test(file);

/** `nvd/state.json`: where the last pull ended, and the shards it left (so that a lost one is noticed). */
export interface NvdState {
  lastModEnd?: string;
  /** Absent in the state of versions that kept one `nvd/cves.json`. */
  shards?: string[];
}

/** The NVD state; an absent or unreadable one is empty (the next pull starts afresh). */
export async function readNvdState(store: FeedStore): Promise<NvdState> {
  const bytes = await store.read(NVD_STATE, STATE_LIMIT);
  const raw = bytes && bytes.length <= STATE_LIMIT ? readJson<Record<string, unknown>>(bytes) : undefined;
  const state: NvdState = {};
  if (typeof raw?.lastModEnd === "string") state.lastModEnd = raw.lastModEnd;
  // The state names files to read: a name that is not a shard's is ignored.
  if (Array.isArray(raw?.shards))
    state.shards = raw.shards.filter((s): s is string => typeof s === "string" && isNvdShard(s));
  return state;
}

/**
 * The CVEs of a cached NVD file (a shard or the legacy file), or why it cannot be used: "missing",
 * "unreadable", "larger than …". Read up to `limit`: a larger file is not read whole.
 */
async function readNvdFile(
  store: FeedStore,
  file: string,
  limit: number,
): Promise<{ entries: NvdEntry[] } | { why: string }> {
  const bytes = await store.read(file, limit);
  if (bytes === undefined) return { why: "missing" };
  if (bytes.length > limit) return { why: `larger than ${limitText("nvd", limit)}` };
  const page = readJson<NvdPage>(bytes);
  if (!page || !Array.isArray(page.vulnerabilities)) return { why: "unreadable" };
  return { entries: page.vulnerabilities.filter((e) => typeof e?.cve?.id === "string") };
}

/** One shard as an NVD API 2.0 page, its entries sorted by id. */
function shardBytes(entries: Map<string, NvdEntry>, now: Date): Uint8Array {
  const vulnerabilities = [...entries.keys()].sort().map((id) => entries.get(id));
  const page = {
    resultsPerPage: vulnerabilities.length,
    startIndex: 0,
    totalResults: vulnerabilities.length,
    format: "NVD_CVE",
    version: "2.0",
    timestamp: now.toISOString(),
    vulnerabilities,
  };
  return new TextEncoder().encode(JSON.stringify(page));
}

function byShard(entries: Iterable<NvdEntry>): Map<string, NvdEntry[]> {
  const out = new Map<string, NvdEntry[]>();
  for (const entry of entries) {
    const shard = nvdShardOf(entry.cve.id);
    const list = out.get(shard);
    if (list) list.push(entry);
    else out.set(shard, [entry]);
  }
  return out;
}

/**
 * Pulls the CVEs modified since the last pull and merges them into their shards. Every cached
 * shard is read (one at a time) to know that the cache still holds what the state says; only the
 * shards that receive CVEs are written, each atomically, and `nvd/state.json` after all of them. A
 * pull that stops half-way leaves whole shards (some newer than the state) and the previous state,
 * so the next pull fetches the same window again and merges it once more.
 */
async function pullNvd(job: Extract<PullJob, { kind: "nvd" }>, deps: PullDeps): Promise<string> {
  const { store } = deps;
  const limit = limitOf("nvd", deps);
  // `match` reads a shard as one piece: no shard may outgrow that (nor the NVD limit, which tests
  // make small).
  const shardLimit = Math.min(limit, MAX_FEED_BYTES);
  const state = await readNvdState(store);

  // The state says where the last pull ended; it holds only with the CVEs that pull stored. Without
  // them (a shard deleted, unreadable, or over the limit and so never read whole), pulling on from
  // there would silently lose every older CVE.
  const damaged: { file: string; why: string }[] = [];
  const counts = new Map<string, number>();
  const onDisk = (await store.list("nvd")).filter(isNvdShard);
  for (const file of [...new Set([...(state.shards ?? []), ...onDisk])].sort()) {
    const read = await readNvdFile(store, file, shardLimit);
    if ("why" in read) damaged.push({ file, why: read.why });
    else counts.set(file, read.entries.length);
  }
  // Earlier versions kept every CVE in one file, read up to the NVD limit as they did. Their state
  // names no shards: then that file is what the state's CVEs are in.
  const legacyRead = await readNvdFile(store, NVD_LEGACY_FILE, limit);
  const legacy = "entries" in legacyRead ? legacyRead.entries : [];
  const legacyPresent = "entries" in legacyRead || legacyRead.why !== "missing";
  if ("why" in legacyRead && (legacyPresent || state.shards === undefined))
    damaged.push({ file: NVD_LEGACY_FILE, why: legacyRead.why });
  const lost = state.lastModEnd !== undefined && damaged.length > 0;
  const first = damaged[0];
  const last = state.lastModEnd && !lost ? new Date(state.lastModEnd) : undefined;
  const since =
    last && !Number.isNaN(last.getTime()) ? last : new Date(deps.now.getTime() - job.sinceDays * 86_400_000);
  const windows = nvdWindows(since, deps.now);
  deps.reporter.start(
    job,
    `${job.baseUrl}, modified since ${since.toISOString()} (${windows.length} window(s))` +
      (lost && first
        ? `; ${first.file} is ${first.why}, so the full ${job.sinceDays} days are pulled again`
        : ""),
  );
  const collected = new Map<string, NvdEntry>();
  const headers: Record<string, string> = deps.nvdApiKey ? { apiKey: deps.nvdApiKey } : {};
  let requests = 0;
  let received = 0;
  for (const window of windows) {
    let startIndex = 0;
    for (;;) {
      if (requests++ > 0) await deps.sleep(deps.nvdDelayMs);
      const params = new URLSearchParams({
        lastModStartDate: nvdDate(window.start),
        lastModEndDate: nvdDate(window.end),
        resultsPerPage: String(job.resultsPerPage),
        startIndex: String(startIndex),
      });
      const url = `${job.baseUrl}?${params}`;
      const response = await getCapped(deps, url, "nvd", limit, { headers, retryOn: [403] }, received);
      received += response.body.length;
      const problem = checkContent("nvd", response.body);
      if (problem) throw new Error(`${url}: ${problem}; the cache is unchanged`);
      const page = JSON.parse(new TextDecoder().decode(response.body)) as NvdPage;
      for (const entry of page.vulnerabilities) {
        if (entry?.cve?.id) collected.set(entry.cve.id, entry);
      }
      const got = page.vulnerabilities.length;
      startIndex += got;
      deps.reporter.progress(job, startIndex, page.totalResults);
      if (got === 0 || startIndex >= page.totalResults) break;
    }
  }

  // Written: the shards that receive pulled CVEs or CVEs of the legacy file; no other.
  const fromLegacy = byShard(legacy);
  const pulled = byShard(collected.values());
  const touched = [...new Set([...fromLegacy.keys(), ...pulled.keys()])].sort();
  for (const shard of touched) {
    // Oldest first, so that the newest copy of a CVE wins: legacy file, shard, this pull.
    const merged = new Map<string, NvdEntry>();
    for (const entry of fromLegacy.get(shard) ?? []) merged.set(entry.cve.id, entry);
    if (counts.has(shard)) {
      const cached = await readNvdFile(store, shard, shardLimit);
      if ("why" in cached)
        throw new Error(`${shard} became ${cached.why} during the pull; nvd/state.json is unchanged`);
      for (const entry of cached.entries) merged.set(entry.cve.id, entry);
    }
    for (const entry of pulled.get(shard) ?? []) merged.set(entry.cve.id, entry);
    const bytes = shardBytes(merged, deps.now);
    if (bytes.length > shardLimit)
      throw new Error(
        `${shard} would hold ${merged.size} CVEs in ${bytes.length} bytes, over ${limitText("nvd", shardLimit)}: ` +
          "not written; nvd/state.json is unchanged, so the next pull fetches these CVEs again",
      );
    await store.write(shard, bytes);
    counts.set(shard, merged.size);
  }
  // A damaged shard that received nothing holds nothing usable: `match` would only report it.
  for (const { file } of damaged) if (file !== NVD_LEGACY_FILE && !counts.has(file)) await store.remove(file);
  const shards = [...counts.keys()].sort();
  const next: NvdState = { lastModEnd: deps.now.toISOString(), shards };
  await store.write(NVD_STATE, new TextEncoder().encode(`${JSON.stringify(next)}\n`));
  // Only once the state names the shards: until then a rerun migrates the legacy file again.
  if (legacyPresent) await store.remove(NVD_LEGACY_FILE);

  const cached = [...counts.values()].reduce((a, b) => a + b, 0);
  const moved =
    "entries" in legacyRead ? `; ${NVD_LEGACY_FILE} (${legacy.length} CVEs) moved into shards` : "";
  const more = damaged.length > 1 ? `; ${damaged.length - 1} more damaged file(s)` : "";
  const rebuilt = lost && first ? ` (rebuilt: ${first.file} was ${first.why}${more})` : "";
  return (
    `${collected.size} CVEs updated in ${requests} request(s); ${cached} cached in ${shards.length} shard(s), ` +
    `${touched.length} written${moved}${rebuilt}`
  );
}

/** Parsed JSON of a cache file; undefined when absent or unreadable (it is then rebuilt). */
function readJson<T>(bytes: Uint8Array | undefined): T | undefined {
  if (bytes === undefined) return undefined;
  try {
    return JSON.parse(new TextDecoder().decode(bytes)) as T;
  } catch {
    return undefined;
  }
}
