/**
 * `feeds pull` as a plan run against injected network and cache clients (scripts/io/http.ts,
 * scripts/io/feeds-cache.ts; tests use a server on 127.0.0.1). Each source either completes or
 * fails on its own: a failure is reported with the source's name and the cache keeps the previous
 * copy, since nothing is stored before the new content has been checked. Every download and every
 * read of the cache is capped ({@link DOWNLOAD_LIMITS}): a hostile or broken server can fill
 * neither memory nor disk.
 */
import { unzipSync } from "fflate";
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
   * The file's first `maxBytes + 1` bytes at most (more than `maxBytes` means the file is larger
   * than that: it is never read whole); undefined when absent.
   */
  read(file: string, maxBytes: number): Promise<Uint8Array | undefined>;
  /** Size in bytes of a cached file; undefined when absent. */
  size(file: string): Promise<number | undefined>;
  write(file: string, bytes: Uint8Array): Promise<void>;
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
 * announcing ever more pages cannot fill memory) and for the cached `nvd/cves.json` they merge into.
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

/** "1 GiB", "256 MiB", "100 KiB", "1000 bytes": a limit as it was set. */
export function binarySize(n: number): string {
  for (const [unit, size] of [
    ["GiB", 2 ** 30],
    ["MiB", 2 ** 20],
    ["KiB", 2 ** 10],
  ] as const) {
    if (n >= size && n % size === 0) return `${n / size} ${unit}`;
  }
  return `${n} bytes`;
}

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

export const NVD_FILE = "nvd/cves.json";
export const NVD_STATE = "nvd/state.json";

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
  vulnerabilities: { cve: { id: string } }[];
}

async function pullNvd(job: Extract<PullJob, { kind: "nvd" }>, deps: PullDeps): Promise<string> {
  const limit = limitOf("nvd", deps);
  const stateBytes = await deps.store.read(NVD_STATE, STATE_LIMIT);
  const state =
    (stateBytes && stateBytes.length <= STATE_LIMIT
      ? readJson<{ lastModEnd?: string }>(stateBytes)
      : undefined) ?? {};
  // The state says where the last pull ended; it holds only with the CVEs that pull stored. Without
  // them (deleted, unreadable, or over the limit and so never read whole), pulling on from there
  // would silently lose every older CVE.
  const cached = await deps.store.read(NVD_FILE, limit);
  const oversize = cached !== undefined && cached.length > limit;
  const existing = oversize ? undefined : readJson<NvdPage>(cached);
  const intact = existing !== undefined && Array.isArray(existing.vulnerabilities);
  const lost = state.lastModEnd !== undefined && !intact;
  const why =
    cached === undefined ? "missing" : oversize ? `larger than ${limitText("nvd", limit)}` : "unreadable";
  const last = state.lastModEnd && intact ? new Date(state.lastModEnd) : undefined;
  const since =
    last && !Number.isNaN(last.getTime()) ? last : new Date(deps.now.getTime() - job.sinceDays * 86_400_000);
  const windows = nvdWindows(since, deps.now);
  deps.reporter.start(
    job,
    `${job.baseUrl}, modified since ${since.toISOString()} (${windows.length} window(s))` +
      (lost ? `; ${NVD_FILE} is ${why}, so the full ${job.sinceDays} days are pulled again` : ""),
  );
  const collected = new Map<string, unknown>();
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
  const merged = new Map<string, unknown>();
  for (const entry of intact ? existing.vulnerabilities : [])
    if (entry?.cve?.id) merged.set(entry.cve.id, entry);
  for (const [id, entry] of collected) merged.set(id, entry);
  const vulnerabilities = [...merged.keys()].sort().map((id) => merged.get(id));
  const file = {
    resultsPerPage: vulnerabilities.length,
    startIndex: 0,
    totalResults: vulnerabilities.length,
    format: "NVD_CVE",
    version: "2.0",
    timestamp: deps.now.toISOString(),
    vulnerabilities,
  };
  await deps.store.write(NVD_FILE, new TextEncoder().encode(JSON.stringify(file)));
  await deps.store.write(
    NVD_STATE,
    new TextEncoder().encode(`${JSON.stringify({ lastModEnd: deps.now.toISOString() })}\n`),
  );
  const rebuilt = lost ? ` (rebuilt: the cached file was ${why})` : "";
  return `${collected.size} CVEs updated in ${requests} request(s); ${vulnerabilities.length} cached${rebuilt}`;
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
