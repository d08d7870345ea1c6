/**
 * `feeds pull` against a feed server on 127.0.0.1: conditional requests (304), retries after 500,
 * timeouts, truncated bodies, bad content, NVD windows, paging and rate limiting, one failing
 * source among others, download limits (made small through `maxBytes`), and the atomic, capped
 * cache (a failed download never touches the cached copy; no cached file is read whole).
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { zipSync } from "fflate";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { readFeed } from "../../../scripts/core/feeds/detect.ts";
import {
  nvdShardOf,
  type PullDeps,
  type PullReporter,
  pullAll,
} from "../../../scripts/core/matching/pull.ts";
import type { PullJob } from "../../../scripts/core/matching/sources.ts";
import { FeedCache, writeAtomic } from "../../../scripts/io/feeds-cache.ts";
import { httpFetcher } from "../../../scripts/io/http.ts";
import { KEV_FILE } from "./helpers.ts";
import { type FeedServer, startServer } from "./server.ts";

const KEV = readFileSync(KEV_FILE);
const ZIP = zipSync({ "A.json": new TextEncoder().encode('{"id":"A","modified":"2024-01-01T00:00:00Z"}') });
const NOW = new Date("2026-11-23T12:00:00Z");

let server: FeedServer;
let cache: FeedCache;
let events: string[];
let sleeps: number[];

const reporter: PullReporter = {
  start: (job) => events.push(`start ${job.name}`),
  progress: () => {},
  done: (job, detail) => events.push(`done ${job.name}: ${detail}`),
  fail: (job, message) => events.push(`fail ${job.name}: ${message}`),
};

function deps(overrides: Partial<PullDeps> = {}): PullDeps {
  return {
    fetcher: httpFetcher({ timeoutMs: 300, retries: 2, backoffMs: 1 }),
    store: cache,
    reporter,
    now: NOW,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    nvdDelayMs: 6000,
    ...overrides,
  };
}

const kevJob = (): PullJob => ({
  kind: "file",
  feed: "kev",
  name: "kev",
  url: `${server.url}/kev.json`,
  file: "kev/kev.json",
});
const osvJob = (): PullJob => ({
  kind: "file",
  feed: "osv",
  name: "osv/npm",
  url: `${server.url}/npm/all.zip`,
  file: "osv/npm.zip",
});

beforeEach(async () => {
  server = await startServer();
  cache = new FeedCache(mkdtempSync(join(tmpdir(), "psirt-feeds-")));
  events = [];
  sleeps = [];
});
afterEach(async () => {
  await server.close();
});

describe("file sources (OSV zip, KEV, EPSS, CSAF)", () => {
  it("downloads, stores ETag and Last-Modified, then asks conditionally and keeps the copy on 304", async () => {
    server.route("/kev.json", [
      { status: 200, body: KEV, headers: { ETag: '"v1"', "Last-Modified": "Mon, 25 Aug 2025 10:00:00 GMT" } },
      { status: 304 },
    ]);
    const first = await pullAll([kevJob()], deps());
    expect(first).toEqual([
      { name: "kev", ok: true, message: `updated, ${(KEV.length / 1e3).toFixed(1)} kB` },
    ]);
    expect(Buffer.from((await cache.read("kev/kev.json"))!)).toEqual(KEV);
    expect(await cache.readMeta("kev/kev.json")).toEqual({
      url: `${server.url}/kev.json`,
      etag: '"v1"',
      lastModified: "Mon, 25 Aug 2025 10:00:00 GMT",
      fetchedAt: NOW.toISOString(),
      bytes: KEV.length,
    });
    const second = await pullAll([kevJob()], deps());
    expect(second[0]).toMatchObject({ ok: true, message: `not modified since ${NOW.toISOString()}` });
    expect(server.requests[1]!.headers["if-none-match"]).toBe('"v1"');
    expect(server.requests[1]!.headers["if-modified-since"]).toBe("Mon, 25 Aug 2025 10:00:00 GMT");
    expect(Buffer.from((await cache.read("kev/kev.json"))!)).toEqual(KEV);
  });

  it("retries after HTTP 500 with exponential backoff and succeeds", async () => {
    server.route("/npm/all.zip", [{ status: 500 }, { status: 503 }, { status: 200, body: ZIP }]);
    const sleepsSeen: number[] = [];
    const fetcher = httpFetcher({
      timeoutMs: 300,
      retries: 3,
      backoffMs: 50,
      sleep: async (ms) => {
        sleepsSeen.push(ms);
      },
    });
    const [outcome] = await pullAll([osvJob()], deps({ fetcher }));
    expect(outcome).toMatchObject({ ok: true });
    expect(sleepsSeen).toEqual([50, 100]);
    expect(server.requests).toHaveLength(3);
  });

  it("gives up after the retries, names the source and keeps the previous copy", async () => {
    await cache.write("osv/npm.zip", ZIP);
    server.route("/npm/all.zip", [{ status: 500 }]);
    const [outcome] = await pullAll([osvJob()], deps());
    expect(outcome).toEqual({
      name: "osv/npm",
      ok: false,
      message: `GET ${server.url}/npm/all.zip failed after 3 attempts: HTTP 500 Internal Server Error`,
    });
    expect(events.at(-1)).toBe(`fail osv/npm: ${outcome!.message}`);
    expect(Buffer.from((await cache.read("osv/npm.zip"))!)).toEqual(Buffer.from(ZIP));
  });

  it("does not retry a 404", async () => {
    const [outcome] = await pullAll([kevJob()], deps());
    expect(outcome!.message).toBe(`GET ${server.url}/kev.json failed: HTTP 404 Not Found`);
    expect(server.requests).toHaveLength(1);
  });

  it("times out a server that does not answer", async () => {
    server.route("/kev.json", [{ hang: true }]);
    const fetcher = httpFetcher({ timeoutMs: 100, retries: 1, backoffMs: 1 });
    const [outcome] = await pullAll([kevJob()], deps({ fetcher }));
    expect(outcome!.message).toBe(
      `GET ${server.url}/kev.json failed after 2 attempts: no response within 100 ms`,
    );
  });

  it("rejects a truncated body and keeps the cached copy intact", async () => {
    await cache.write("kev/kev.json", KEV);
    server.route("/kev.json", [{ truncate: KEV.subarray(0, 1000), announce: KEV.length }]);
    const [outcome] = await pullAll([kevJob()], deps());
    expect(outcome!.ok).toBe(false);
    expect(outcome!.message).toMatch(
      new RegExp(
        `^GET ${server.url}/kev\\.json failed after 3 attempts: (truncated body: 1000 of ${KEV.length} bytes|body interrupted after 1000 bytes of ${KEV.length})`,
      ),
    );
    expect(Buffer.from((await cache.read("kev/kev.json"))!)).toEqual(KEV);
  });

  it("reads a gzip-encoded answer, whose Content-Length counts the compressed bytes", async () => {
    const gzipped = gzipSync(KEV);
    server.route("/kev.json", [
      {
        status: 200,
        body: gzipped,
        headers: { "Content-Encoding": "gzip", "Content-Length": String(gzipped.length) },
      },
    ]);
    const [outcome] = await pullAll([kevJob()], deps());
    expect(outcome!.ok).toBe(true);
    expect(Buffer.from((await cache.read("kev/kev.json"))!)).toEqual(KEV);
  });

  it("rejects a truncated gzip-encoded body and keeps the cached copy intact", async () => {
    await cache.write("kev/kev.json", KEV);
    const gzipped = gzipSync(KEV);
    server.route("/kev.json", [
      {
        truncate: gzipped.subarray(0, gzipped.length >> 1),
        announce: gzipped.length,
        headers: { "Content-Encoding": "gzip" },
      },
    ]);
    const [outcome] = await pullAll([kevJob()], deps());
    expect(outcome!.ok).toBe(false);
    expect(outcome!.message).toMatch(
      new RegExp(`^GET ${server.url}/kev\\.json failed after 3 attempts: body interrupted after \\d+ bytes`),
    );
    expect(Buffer.from((await cache.read("kev/kev.json"))!)).toEqual(KEV);
  });

  it("rejects bad JSON and a corrupt zip without touching the cache", async () => {
    await cache.write("kev/kev.json", KEV);
    server.route("/kev.json", [{ status: 200, body: '{"title": "CISA Catalog", "vulnerabilities": [' }]);
    server.route("/npm/all.zip", [{ status: 200, body: ZIP.subarray(0, ZIP.length - 10) }]);
    const outcomes = await pullAll([kevJob(), osvJob()], deps());
    expect(outcomes.map((o) => o.message)).toEqual([
      `${server.url}/kev.json: expected the CISA KEV catalog, found unreadable content (bad JSON, truncated?); the cached copy is kept`,
      expect.stringMatching(/all\.zip: zip archive is truncated or corrupt \(.*\); the cached copy is kept$/),
    ]);
    expect(Buffer.from((await cache.read("kev/kev.json"))!)).toEqual(KEV);
    expect(await cache.read("osv/npm.zip")).toBeUndefined();
  });

  it("one failing source does not stop the others", async () => {
    server.route("/npm/all.zip", [{ status: 500 }]);
    server.route("/kev.json", [{ status: 200, body: KEV }]);
    const outcomes = await pullAll([osvJob(), kevJob()], deps());
    expect(outcomes.map((o) => `${o.name} ${o.ok}`)).toEqual(["osv/npm false", "kev true"]);
    expect(await cache.list()).toEqual(["kev/kev.json"]);
  });
});

describe("NVD CVE API 2.0", () => {
  const cve = (id: string, modified = "2026-11-01T00:00:00.000") => ({
    cve: {
      id,
      sourceIdentifier: "x@example.test",
      lastModified: modified,
      vulnStatus: "Analyzed",
      descriptions: [],
    },
  });
  const page = (entries: unknown[], startIndex: number, total: number) =>
    JSON.stringify({
      resultsPerPage: entries.length,
      startIndex,
      totalResults: total,
      format: "NVD_CVE",
      version: "2.0",
      vulnerabilities: entries,
    });
  const nvdJob = (sinceDays: number): PullJob => ({
    kind: "nvd",
    name: "nvd",
    baseUrl: `${server.url}/rest/json/cves/2.0`,
    sinceDays,
    resultsPerPage: 2,
  });
  const text = async (file: string) => new TextDecoder().decode(await cache.read(file));
  const idsIn = async (file: string) =>
    JSON.parse(await text(file)).vulnerabilities.map((v: { cve: { id: string } }) => v.cve.id);
  const modifiedIn = async (file: string) =>
    JSON.parse(await text(file)).vulnerabilities.map(
      (v: { cve: { lastModified: string } }) => v.cve.lastModified,
    );
  const writeJson = (file: string, value: unknown) =>
    cache.write(file, new TextEncoder().encode(typeof value === "string" ? value : JSON.stringify(value)));
  /** The cache as a previous pull left it: shards with these CVEs and a state naming them. */
  const seed = async (shards: Record<string, string[]>, lastModEnd = "2026-11-20T00:00:00.000Z") => {
    for (const [file, ids] of Object.entries(shards))
      await writeJson(
        file,
        page(
          ids.map((id) => cve(id, "2026-01-01T00:00:00.000")),
          0,
          ids.length,
        ),
      );
    await writeJson("nvd/state.json", { lastModEnd, shards: Object.keys(shards).sort() });
  };
  const answer = (...ids: string[]) =>
    server.route("/rest/json/cves/2.0", [
      {
        status: 200,
        body: page(
          ids.map((id) => cve(id)),
          0,
          ids.length,
        ),
      },
    ]);

  it("pages through lastModStartDate windows of at most 120 days, spaced by the rate limit", async () => {
    const all = ["CVE-2026-0001", "CVE-2026-0002", "CVE-2026-0003"];
    server.route("/rest/json/cves/2.0", (req) => {
      const start = Number(req.query.get("startIndex"));
      const first = req.query.get("lastModStartDate")!.startsWith("2026-05");
      const ids = first ? all : ["CVE-2026-0004"];
      return {
        status: 200,
        body: page(
          ids.slice(start, start + 2).map((id) => cve(id)),
          start,
          ids.length,
        ),
      };
    });
    const [outcome] = await pullAll([nvdJob(200)], deps({ nvdApiKey: "secret", nvdDelayMs: 600 }));
    expect(outcome).toEqual({
      name: "nvd",
      ok: true,
      message: "4 CVEs updated in 3 request(s); 4 cached in 1 shard(s), 1 written",
    });
    expect(
      server.requests.map(
        (r) =>
          `${r.query.get("lastModStartDate")} ${r.query.get("lastModEndDate")} ${r.query.get("startIndex")}`,
      ),
    ).toEqual([
      "2026-05-07T12:00:00.000+00:00 2026-09-04T12:00:00.000+00:00 0",
      "2026-05-07T12:00:00.000+00:00 2026-09-04T12:00:00.000+00:00 2",
      "2026-09-04T12:00:00.000+00:00 2026-11-23T12:00:00.000+00:00 0",
    ]);
    expect(server.requests.every((r) => r.headers.apikey === "secret")).toBe(true);
    expect(sleeps).toEqual([600, 600]);
    expect(await idsIn("nvd/cves-2026-0.json")).toEqual([...all, "CVE-2026-0004"]);
    expect(JSON.parse(await text("nvd/state.json"))).toEqual({
      lastModEnd: NOW.toISOString(),
      shards: ["nvd/cves-2026-0.json"],
    });
  });

  it("keeps the CVEs in shards by the id's year and block of 1,000, each a page match reads", async () => {
    answer("CVE-2024-0001", "CVE-2024-1500", "CVE-2024-1999", "CVE-2025-0042", "CVE-2026-123456");
    const [outcome] = await pullAll([nvdJob(10)], deps());
    expect(outcome!.message).toBe("5 CVEs updated in 1 request(s); 5 cached in 4 shard(s), 4 written");
    expect(await cache.list("nvd")).toEqual([
      "nvd/cves-2024-0.json",
      "nvd/cves-2024-1.json",
      "nvd/cves-2025-0.json",
      "nvd/cves-2026-123.json",
    ]);
    expect(await idsIn("nvd/cves-2024-1.json")).toEqual(["CVE-2024-1500", "CVE-2024-1999"]);
    // Each shard is an NVD API 2.0 page: the reader `match` uses takes it as it is.
    const read = readFeed(new Uint8Array((await cache.read("nvd/cves-2024-1.json"))!), "shard");
    expect(read.kind).toBe("nvd");
    expect(read.diagnostics).toEqual([]);
    expect(nvdShardOf("CVE-2021-44228")).toBe("nvd/cves-2021-44.json");
    expect(nvdShardOf("CVE-2017-1000117")).toBe("nvd/cves-2017-1000.json");
    expect(nvdShardOf("not-a-cve")).toBe("nvd/cves-other.json");
  });

  it("continues from the last pull and rewrites only the shards it touches, the state last", async () => {
    await seed({
      "nvd/cves-2024-0.json": ["CVE-2024-0001"],
      "nvd/cves-2024-1.json": ["CVE-2024-1500"],
      "nvd/cves-2025-0.json": ["CVE-2025-0042"],
    });
    const before = await text("nvd/cves-2024-0.json");
    answer("CVE-2024-1500", "CVE-2024-1501");
    const writes: string[] = [];
    const write = cache.write.bind(cache);
    cache.write = (file, bytes) => {
      writes.push(file);
      return write(file, bytes);
    };
    const [outcome] = await pullAll([nvdJob(120)], deps());
    expect(outcome!.message).toBe("2 CVEs updated in 1 request(s); 4 cached in 3 shard(s), 1 written");
    expect(server.requests[0]!.query.get("lastModStartDate")).toBe("2026-11-20T00:00:00.000+00:00");
    expect(writes).toEqual(["nvd/cves-2024-1.json", "nvd/state.json"]);
    expect(await text("nvd/cves-2024-0.json")).toBe(before);
    expect(await idsIn("nvd/cves-2024-1.json")).toEqual(["CVE-2024-1500", "CVE-2024-1501"]);
    // The newest copy wins.
    expect(await modifiedIn("nvd/cves-2024-1.json")).toEqual([
      "2026-11-01T00:00:00.000",
      "2026-11-01T00:00:00.000",
    ]);
    expect(JSON.parse(await text("nvd/state.json")).shards).toEqual([
      "nvd/cves-2024-0.json",
      "nvd/cves-2024-1.json",
      "nvd/cves-2025-0.json",
    ]);
  });

  it("a pull that fails while writing shards leaves the previous state, and the next pull catches up", async () => {
    await seed({ "nvd/cves-2024-0.json": ["CVE-2024-0001"], "nvd/cves-2025-0.json": ["CVE-2025-0042"] });
    answer("CVE-2024-0002", "CVE-2025-0043");
    const write = cache.write.bind(cache);
    cache.write = (file, bytes) =>
      file === "nvd/cves-2025-0.json"
        ? Promise.reject(new Error("ENOSPC: no space left"))
        : write(file, bytes);
    const [failed] = await pullAll([nvdJob(120)], deps());
    expect(failed).toMatchObject({ ok: false, message: "ENOSPC: no space left" });
    // Each shard is whole: the one written is newer than the state, the other as it was.
    expect(await idsIn("nvd/cves-2024-0.json")).toEqual(["CVE-2024-0001", "CVE-2024-0002"]);
    expect(await idsIn("nvd/cves-2025-0.json")).toEqual(["CVE-2025-0042"]);
    expect(JSON.parse(await text("nvd/state.json")).lastModEnd).toBe("2026-11-20T00:00:00.000Z");
    cache.write = write;
    const [next] = await pullAll([nvdJob(120)], deps());
    expect(next!.message).toBe("2 CVEs updated in 1 request(s); 4 cached in 2 shard(s), 2 written");
    expect(server.requests[1]!.query.get("lastModStartDate")).toBe("2026-11-20T00:00:00.000+00:00");
    expect(await idsIn("nvd/cves-2025-0.json")).toEqual(["CVE-2025-0042", "CVE-2025-0043"]);
  });

  it("moves the nvd/cves.json of earlier versions into shards once, losing nothing, then removes it", async () => {
    await writeJson(
      "nvd/cves.json",
      page(
        [cve("CVE-2024-0001", "2026-01-01T00:00:00.000"), cve("CVE-2025-0042", "2026-01-01T00:00:00.000")],
        0,
        2,
      ),
    );
    await writeJson("nvd/state.json", { lastModEnd: "2026-11-20T00:00:00.000Z" });
    answer("CVE-2025-0042", "CVE-2026-0007");
    const [outcome] = await pullAll([nvdJob(120)], deps());
    expect(outcome!.message).toBe(
      "2 CVEs updated in 1 request(s); 3 cached in 3 shard(s), 3 written; nvd/cves.json (2 CVEs) moved into shards",
    );
    // Not a rebuild: the old file holds the CVEs the old state speaks of.
    expect(server.requests[0]!.query.get("lastModStartDate")).toBe("2026-11-20T00:00:00.000+00:00");
    expect(await cache.read("nvd/cves.json")).toBeUndefined();
    expect(await cache.list("nvd")).toEqual([
      "nvd/cves-2024-0.json",
      "nvd/cves-2025-0.json",
      "nvd/cves-2026-0.json",
    ]);
    expect(await modifiedIn("nvd/cves-2024-0.json")).toEqual(["2026-01-01T00:00:00.000"]);
    expect(await modifiedIn("nvd/cves-2025-0.json")).toEqual(["2026-11-01T00:00:00.000"]);
    answer();
    const [again] = await pullAll([nvdJob(120)], deps());
    expect(again!.message).toBe("0 CVEs updated in 0 request(s); 3 cached in 3 shard(s), 0 written");
  });

  it("pulls the full window again when the cached CVEs are unreadable, instead of only what changed", async () => {
    await seed({ "nvd/cves-2024-0.json": ["CVE-2024-0001"], "nvd/cves-2025-0.json": ["CVE-2025-0042"] });
    await writeJson("nvd/cves-2025-0.json", '{"vulnerabilities": [{"cve"');
    answer("CVE-2026-0001");
    const [outcome] = await pullAll([nvdJob(30)], deps());
    expect(outcome!.message).toBe(
      "1 CVEs updated in 1 request(s); 2 cached in 2 shard(s), 1 written (rebuilt: nvd/cves-2025-0.json was unreadable)",
    );
    expect(events[0]).toBe("start nvd");
    expect(server.requests[0]!.query.get("lastModStartDate")).toBe("2026-10-24T12:00:00.000+00:00");
    // The readable shard is kept; the unreadable one, which nothing replaced, is gone.
    expect(await cache.list("nvd")).toEqual(["nvd/cves-2024-0.json", "nvd/cves-2026-0.json"]);
  });

  it("pulls the full window again when a shard the state names is missing", async () => {
    await seed({ "nvd/cves-2024-0.json": ["CVE-2024-0001"], "nvd/cves-2025-0.json": ["CVE-2025-0042"] });
    await cache.remove("nvd/cves-2024-0.json");
    answer("CVE-2024-0001");
    const [outcome] = await pullAll([nvdJob(30)], deps());
    expect(outcome!.message).toBe(
      "1 CVEs updated in 1 request(s); 2 cached in 2 shard(s), 1 written (rebuilt: nvd/cves-2024-0.json was missing)",
    );
    expect(server.requests[0]!.query.get("lastModStartDate")).toBe("2026-10-24T12:00:00.000+00:00");
  });

  it("pulls the full window again when the state of an earlier version has lost its nvd/cves.json", async () => {
    await writeJson("nvd/state.json", { lastModEnd: "2026-11-20T00:00:00.000Z" });
    answer("CVE-2024-0001");
    const [outcome] = await pullAll([nvdJob(30)], deps());
    expect(outcome!.message).toBe(
      "1 CVEs updated in 1 request(s); 1 cached in 1 shard(s), 1 written (rebuilt: nvd/cves.json was missing)",
    );
    expect(server.requests[0]!.query.get("lastModStartDate")).toBe("2026-10-24T12:00:00.000+00:00");
  });

  it("a bad page fails the source and leaves cache and state unchanged", async () => {
    server.route("/rest/json/cves/2.0", [
      { status: 200, body: page([cve("CVE-2026-0001")], 0, 3) },
      { status: 200, body: "<html>oops" },
    ]);
    const [outcome] = await pullAll([nvdJob(10)], deps());
    expect(outcome!.ok).toBe(false);
    expect(outcome!.message).toMatch(
      /not an NVD CVE API 2\.0 response page \(bad JSON\?\); the cache is unchanged$/,
    );
    expect(await cache.list("nvd")).toEqual([]);
    expect(await cache.read("nvd/state.json")).toBeUndefined();
  });

  it("retries 403 (the NVD's answer to too many requests)", async () => {
    server.route("/rest/json/cves/2.0", [{ status: 403 }, { status: 200, body: page([], 0, 0) }]);
    const [outcome] = await pullAll([nvdJob(10)], deps());
    expect(outcome).toMatchObject({
      ok: true,
      message: "0 CVEs updated in 1 request(s); 0 cached in 0 shard(s), 0 written",
    });
  });
});

describe("download limits", () => {
  const cachedFiles = () => readdirSync(cache.root, { recursive: true }).map(String).sort();

  it("refuses a Content-Length over the limit unread and unretried; the other sources complete", async () => {
    await cache.write("kev/kev.json", KEV);
    server.route("/kev.json", [
      { status: 200, body: KEV, headers: { "Content-Length": String(KEV.length) } },
    ]);
    server.route("/npm/all.zip", [{ status: 200, body: ZIP }]);
    const outcomes = await pullAll([kevJob(), osvJob()], deps({ maxBytes: { kev: 1000 } }));
    expect(outcomes).toEqual([
      {
        name: "kev",
        ok: false,
        message: `GET ${server.url}/kev.json: Content-Length ${KEV.length} is over the download limit of 1000 bytes for kev sources: not downloaded, the cached copy is kept`,
      },
      { name: "osv/npm", ok: true, message: `updated, ${ZIP.length} bytes` },
    ]);
    expect(events).toContain(`fail kev: ${outcomes[0]!.message}`);
    expect(server.requests.filter((r) => r.path === "/kev.json")).toHaveLength(1);
    expect(Buffer.from((await cache.read("kev/kev.json"))!)).toEqual(KEV);
  });

  it("stops a body without Content-Length once it passes the limit, leaving no partial file", async () => {
    await cache.write("osv/npm.zip", ZIP);
    await cache.writeMeta("osv/npm.zip", { url: "u", fetchedAt: "t", bytes: ZIP.length });
    server.route("/npm/all.zip", [{ endless: new Uint8Array(16 * 1024).fill(0x50) }]);
    const [outcome] = await pullAll([osvJob()], deps({ maxBytes: { osv: 64 * 1024 } }));
    expect(outcome).toEqual({
      name: "osv/npm",
      ok: false,
      message: `GET ${server.url}/npm/all.zip: the response passed the download limit of 65536 bytes (64 KiB) for osv sources: download stopped, the cached copy is kept`,
    });
    expect(server.requests).toHaveLength(1);
    expect(Buffer.from((await cache.read("osv/npm.zip"))!)).toEqual(Buffer.from(ZIP));
    expect(cachedFiles()).toEqual(["osv", "osv/npm.zip", "osv/npm.zip.meta.json"]);
  });

  it("counts the decoded bytes: a small gzip-encoded answer inflating past the limit is stopped", async () => {
    const bomb = gzipSync(new Uint8Array(4 * 1024 * 1024));
    expect(bomb.length).toBeLessThan(10_000);
    server.route("/kev.json", [
      {
        status: 200,
        body: bomb,
        headers: { "Content-Encoding": "gzip", "Content-Length": String(bomb.length) },
      },
    ]);
    const [outcome] = await pullAll([kevJob()], deps({ maxBytes: { kev: 100_000 } }));
    expect(outcome!.message).toBe(
      `GET ${server.url}/kev.json: the response passed the download limit of 100000 bytes for kev sources: download stopped, the cached copy is kept`,
    );
    expect(await cache.read("kev/kev.json")).toBeUndefined();
  });

  it("a cached copy over the limit is not asked for conditionally (a 304 would keep it)", async () => {
    await cache.write("kev/kev.json", KEV);
    await cache.writeMeta("kev/kev.json", { url: "u", etag: '"v1"', fetchedAt: "t", bytes: KEV.length });
    server.route("/kev.json", [{ status: 304 }]);
    const [within] = await pullAll([kevJob()], deps());
    expect(within).toMatchObject({ ok: true, message: "not modified since t" });
    expect(server.requests[0]!.headers["if-none-match"]).toBe('"v1"');
    await pullAll([kevJob()], deps({ maxBytes: { kev: KEV.length - 1 } }));
    expect(server.requests[1]!.headers["if-none-match"]).toBeUndefined();
  });

  describe("NVD", () => {
    const entry = (id: string) => ({
      cve: {
        id,
        sourceIdentifier: "x@example.test",
        lastModified: "2026-11-01T00:00:00.000",
        vulnStatus: "Analyzed",
        descriptions: [],
      },
    });
    const page = (ids: string[], startIndex: number, total: number) =>
      JSON.stringify({
        resultsPerPage: ids.length,
        startIndex,
        totalResults: total,
        format: "NVD_CVE",
        version: "2.0",
        vulnerabilities: ids.map(entry),
      });
    const nvdJob = (): PullJob => ({
      kind: "nvd",
      name: "nvd",
      baseUrl: `${server.url}/nvd`,
      sinceDays: 10,
      resultsPerPage: 1,
    });

    it("counts the pages of one pull together: a server announcing ever more pages is stopped", async () => {
      // Every page is small and well formed, and there is always one more.
      server.route("/nvd", (req) => {
        const start = Number(req.query.get("startIndex"));
        return { status: 200, body: page([`CVE-2026-${String(start + 1).padStart(4, "0")}`], start, 1e9) };
      });
      const one = page(["CVE-2026-0001"], 0, 1e9).length;
      const [outcome] = await pullAll([nvdJob()], deps({ nvdDelayMs: 0, maxBytes: { nvd: 10 * one } }));
      expect(outcome).toMatchObject({ ok: false });
      expect(outcome!.message).toMatch(
        new RegExp(
          `^GET ${server.url}/nvd\\?.*: the NVD pages of this pull (passed|would pass \\(Content-Length \\d+\\)) the download limit of ${10 * one} bytes for nvd sources: (download stopped|not downloaded), the cache is unchanged$`,
        ),
      );
      expect(server.requests.length).toBeGreaterThan(9);
      expect(server.requests.length).toBeLessThan(12);
      expect(await cache.list("nvd")).toEqual([]);
      expect(await cache.read("nvd/state.json")).toBeUndefined();
    });

    it("does not read a shard over the limit: the full window is pulled afresh, and it says why", async () => {
      const big = new TextEncoder().encode(page(["CVE-2026-0001", "CVE-2026-0002", "CVE-2026-0003"], 0, 3));
      await cache.write("nvd/cves-2026-0.json", big);
      await cache.write("nvd/cves-2025-0.json", new TextEncoder().encode(page(["CVE-2025-0001"], 0, 1)));
      await cache.write(
        "nvd/state.json",
        new TextEncoder().encode(
          '{"lastModEnd":"2026-11-20T00:00:00.000Z","shards":["nvd/cves-2025-0.json","nvd/cves-2026-0.json"]}',
        ),
      );
      server.route("/nvd", [{ status: 200, body: page(["CVE-2026-0009"], 0, 1) }]);
      const [outcome] = await pullAll([nvdJob()], deps({ maxBytes: { nvd: big.length - 1 } }));
      expect(outcome!.message).toBe(
        `1 CVEs updated in 1 request(s); 2 cached in 2 shard(s), 1 written (rebuilt: nvd/cves-2026-0.json was larger than the download limit of ${big.length - 1} bytes for nvd sources)`,
      );
      expect(server.requests[0]!.query.get("lastModStartDate")).toBe("2026-11-13T12:00:00.000+00:00");
      expect(
        JSON.parse(new TextDecoder().decode(await cache.read("nvd/cves-2026-0.json"))).totalResults,
      ).toBe(1);
    });

    it("never writes a shard over the limit match reads: the pull fails and the state stays", async () => {
      const three = page(["CVE-2026-0001", "CVE-2026-0002", "CVE-2026-0003"], 0, 3);
      server.route("/nvd", [{ status: 200, body: three }]);
      // The page fits; the shard, which adds a timestamp, does not.
      const [outcome] = await pullAll([nvdJob()], deps({ maxBytes: { nvd: three.length + 5 } }));
      expect(outcome).toMatchObject({ ok: false });
      expect(outcome!.message).toMatch(
        new RegExp(
          `^nvd/cves-2026-0\\.json would hold 3 CVEs in \\d+ bytes, over the download limit of ${three.length + 5} bytes for nvd sources: not written; nvd/state\\.json is unchanged`,
        ),
      );
      expect(await cache.list("nvd")).toEqual([]);
      expect(await cache.read("nvd/state.json")).toBeUndefined();
    });

    it("does not read a cached nvd/cves.json over the limit: it is pulled afresh, and says why", async () => {
      const big = new TextEncoder().encode(page(["CVE-2026-0001", "CVE-2026-0002", "CVE-2026-0003"], 0, 3));
      await cache.write("nvd/cves.json", big);
      await cache.write(
        "nvd/state.json",
        new TextEncoder().encode('{"lastModEnd":"2026-11-20T00:00:00.000Z"}'),
      );
      server.route("/nvd", [{ status: 200, body: page(["CVE-2026-0009"], 0, 1) }]);
      const [outcome] = await pullAll([nvdJob()], deps({ maxBytes: { nvd: big.length - 1 } }));
      expect(outcome!.message).toBe(
        `1 CVEs updated in 1 request(s); 1 cached in 1 shard(s), 1 written (rebuilt: nvd/cves.json was larger than the download limit of ${big.length - 1} bytes for nvd sources)`,
      );
      expect(server.requests[0]!.query.get("lastModStartDate")).toBe("2026-11-13T12:00:00.000+00:00");
      expect(await cache.list("nvd")).toEqual(["nvd/cves-2026-0.json"]);
    });
  });
});

describe("the cache", () => {
  it("writes atomically: a failed write leaves the previous file and no temporary file", async () => {
    const dir = mkdtempSync(join(tmpdir(), "psirt-atomic-"));
    const path = join(dir, "feed.json");
    writeFileSync(path, "old");
    await writeAtomic(path, "new");
    expect(readFileSync(path, "utf8")).toBe("new");
    // A directory where the file should go makes the rename fail.
    mkdirSync(join(dir, "blocked.json"));
    writeFileSync(join(dir, "blocked.json", "keep"), "x");
    await expect(writeAtomic(join(dir, "blocked.json"), "data")).rejects.toThrow();
    expect(readdirSync(dir).sort()).toEqual(["blocked.json", "feed.json"]);
  });

  it("a file over the limit is never read: one byte more than asked says it is larger", async () => {
    await cache.write("osv/npm.zip", ZIP);
    expect((await cache.read("osv/npm.zip", 10))?.length).toBe(11);
    expect(await cache.read("osv/npm.zip", ZIP.length)).toEqual(ZIP);
    expect(await cache.read("osv/none.zip", 10)).toBeUndefined();
    expect(await cache.size("osv/npm.zip")).toBe(ZIP.length);
  });

  it("lists feed files only (no metadata, state or temporary files), every NVD shard among them", async () => {
    await cache.write("osv/npm.zip", ZIP);
    await cache.writeMeta("osv/npm.zip", { url: "u", fetchedAt: "t", bytes: 1 });
    await cache.write("nvd/state.json", new Uint8Array());
    await cache.write("nvd/cves-2024-21.json", new Uint8Array());
    await cache.write("nvd/cves-2025-0.json", new Uint8Array());
    writeFileSync(join(cache.root, "osv", "npm.zip.tmp-abcdef"), "partial");
    writeFileSync(join(cache.root, "nvd", "cves-2025-0.json.tmp-abcdef"), "partial");
    expect(await cache.list()).toEqual(["nvd/cves-2024-21.json", "nvd/cves-2025-0.json", "osv/npm.zip"]);
    expect(await cache.list("nvd")).toEqual(["nvd/cves-2024-21.json", "nvd/cves-2025-0.json"]);
    expect(await cache.list("kev")).toEqual([]);
  });
});
