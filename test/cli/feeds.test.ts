/**
 * `psirt feeds pull` against a feed server on 127.0.0.1 (base URLs from the environment), then
 * `psirt match` from the cache: the whole scheduled-workflow path without the internet.
 */
import { spawn } from "node:child_process";
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync, zipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FeedServer, startServer } from "../core/matching/server.ts";
import { EXAMPLE, ROOT, SHARED_DATA } from "../helpers/repo.ts";

const F = join(SHARED_DATA, "feeds");
const file = (...p: string[]) => new Uint8Array(readFileSync(join(F, ...p)));
const zipOf = (...ids: string[]) =>
  zipSync(Object.fromEntries(ids.map((id) => [`${id}.json`, file("ghsa", `${id}.json`)])));

/** Runs the CLI without blocking this process's event loop (the feed server lives here). */
function run(
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      ["--import", join(ROOT, "scripts/node-check.mjs"), join(ROOT, "scripts/psirt.ts"), ...args],
      {
        env: { ...process.env, NVD_API_KEY: "", ...env },
      },
    );
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => {
      stdout += d;
    });
    child.stderr.on("data", (d) => {
      stderr += d;
    });
    child.on("close", (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

/** One NVD API page with these CVEs of the shared test data. */
function nvdPage(ids: string[]): string {
  return JSON.stringify({
    resultsPerPage: ids.length,
    startIndex: 0,
    totalResults: ids.length,
    format: "NVD_CVE",
    version: "2.0",
    vulnerabilities: ids.map((id) => ({
      cve: JSON.parse(readFileSync(join(F, "nvd", `${id}.json`), "utf8")),
    })),
  });
}

let server: FeedServer;
let env: Record<string, string>;

beforeAll(async () => {
  server = await startServer();
  server.route("/osv/npm/all.zip", [
    { status: 200, body: zipOf("GHSA-xvch-5gv4-984h", "GHSA-32vw-r77c-gm67") },
  ]);
  server.route("/osv/Maven/all.zip", [{ status: 200, body: zipOf("GHSA-36p3-wjmg-h94x") }]);
  server.route("/osv/Go/all.zip", [
    { status: 200, body: zipOf("GHSA-4374-p667-p6c8", "GHSA-45x7-px36-x8w8") },
  ]);
  server.route("/osv/PyPI/all.zip", [
    { status: 200, body: zipOf("GHSA-wj6h-64fc-37mp", "GHSA-45x7-px36-x8w8") },
  ]);
  server.route("/osv/Debian/all.zip", [{ status: 200, body: zipSync({}) }]);
  server.route("/nvd", [{ status: 200, body: nvdPage(["CVE-2022-22965", "CVE-2022-3602"]) }]);
  server.route("/kev.json", [
    {
      status: 200,
      body: file("kev", "known_exploited_vulnerabilities.excerpt.json"),
      headers: { ETag: '"kev-1"' },
    },
  ]);
  server.route("/epss.csv.gz", [{ status: 200, body: gzipSync(file("epss", "epss_scores.excerpt.csv")) }]);
  env = {
    PSIRT_OSV_BASE_URL: `${server.url}/osv`,
    PSIRT_NVD_BASE_URL: `${server.url}/nvd`,
    PSIRT_KEV_URL: `${server.url}/kev.json`,
    PSIRT_EPSS_URL: `${server.url}/epss.csv.gz`,
    PSIRT_NVD_DELAY_MS: "0",
    PSIRT_HTTP_BACKOFF_MS: "1",
    PSIRT_HTTP_RETRIES: "1",
    PSIRT_HTTP_TIMEOUT_MS: "5000",
  };
});
afterAll(async () => {
  await server?.close();
});

function exampleCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), "psirt-feeds-cli-"));
  for (const top of ["advisories", "incidents", "inventory"])
    cpSync(join(EXAMPLE, top), join(dir, top), { recursive: true });
  return dir;
}

describe("psirt feeds pull", () => {
  it("pulls every source into .psirt/feeds/ with plain progress lines, then match uses the cache", async () => {
    const dir = exampleCopy();
    const r = await run(["feeds", "pull", "--root", dir], env);
    expect(r.code, r.stderr).toBe(0);
    const done = r.stderr.split("\n").filter((l) => !l.includes("fetching") && l !== "");
    expect(done).toEqual([
      expect.stringMatching(/^feeds: osv\/Debian: updated, \d+ bytes$/),
      expect.stringMatching(/^feeds: osv\/Go: updated/),
      expect.stringMatching(/^feeds: osv\/Maven: updated/),
      expect.stringMatching(/^feeds: osv\/PyPI: updated/),
      expect.stringMatching(/^feeds: osv\/npm: updated/),
      "feeds: nvd: 2 CVEs updated in 1 request(s); 2 cached in 2 shard(s), 2 written",
      expect.stringMatching(/^feeds: kev: updated/),
      expect.stringMatching(/^feeds: epss: updated/),
      "feeds: 8 sources up to date in .psirt/feeds/",
    ]);
    expect(r.stderr).toContain(`feeds: kev: fetching ${server.url}/kev.json`);
    for (const f of [
      "osv/npm.zip",
      "osv/npm.zip.meta.json",
      "nvd/cves-2022-22.json",
      "nvd/cves-2022-3.json",
      "nvd/state.json",
      "kev/known_exploited_vulnerabilities.json",
      "epss/epss_scores.csv.gz",
    ])
      expect(existsSync(join(dir, ".psirt/feeds", f)), f).toBe(true);

    const again = await run(["feeds", "pull", "--root", dir], env);
    expect(again.code).toBe(0);
    expect(server.requests.filter((q) => q.path === "/kev.json").at(-1)!.headers["if-none-match"]).toBe(
      '"kev-1"',
    );

    const offline = await run(["feeds", "pull", "--offline", "--root", dir], {
      ...env,
      PSIRT_KEV_URL: "http://127.0.0.1:1/unused",
    });
    expect(offline.code, offline.stderr).toBe(0);
    expect(offline.stderr).toMatch(/feeds: kev: cached \d+\.\d kB, fetched .* \(offline: not refreshed\)/);
    expect(offline.stderr).toMatch(
      /feeds: nvd: cached \d+\.\d kB in 2 file\(s\), fetched \S+Z \(offline: not refreshed\)/,
    );

    const match = await run(["match", "--root", dir, "--format", "json"], {});
    expect(match.code, match.stderr).toBe(0);
    // Every shard is read as a feed; the state is not one.
    expect(match.stderr).not.toContain("state.json");
    const doc = JSON.parse(match.stdout);
    // GHSA-45x7-px36-x8w8 is in the Go and the PyPI export: one record.
    expect(doc.summary).toMatchObject({ sboms: 15, records: 7, withdrawn: 1, matches: 17, new: 5 });
    expect(doc.matches.find((m: { id: string }) => m.id === "CVE-2022-22965")).toMatchObject({
      kev: { dateAdded: "2022-04-04" },
    });
  });

  it("names a failing source, completes the others, and exits 3", async () => {
    const dir = exampleCopy();
    server.route("/osv/Go/all.zip", [{ status: 500 }]);
    const r = await run(["feeds", "pull", "--root", dir], env);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain(
      `feeds: osv/Go: FAILED: GET ${server.url}/osv/Go/all.zip failed after 2 attempts: HTTP 500 Internal Server Error`,
    );
    expect(r.stderr).toContain(
      "feeds: 1 of 8 sources failed (osv/Go); the others are up to date in .psirt/feeds/",
    );
    expect(existsSync(join(dir, ".psirt/feeds/osv/npm.zip"))).toBe(true);
    expect(existsSync(join(dir, ".psirt/feeds/osv/Go.zip"))).toBe(false);
  });

  it("stops a download over the limit, names source and limit, and keeps the cached copy", async () => {
    const dir = exampleCopy();
    const goZip = zipOf("GHSA-4374-p667-p6c8", "GHSA-45x7-px36-x8w8");
    server.route("/osv/Go/all.zip", [{ status: 200, body: goZip }]);
    expect((await run(["feeds", "pull", "--root", dir], env)).code).toBe(0);
    server.route("/osv/Go/all.zip", [{ endless: new Uint8Array(64 * 1024) }]);
    const r = await run(["feeds", "pull", "--root", dir], {
      ...env,
      PSIRT_FEED_MAX_BYTES: String(1024 * 1024),
    });
    expect(r.code).toBe(3);
    expect(r.stderr).toContain(
      `feeds: osv/Go: FAILED: GET ${server.url}/osv/Go/all.zip: the response passed the download limit of 1048576 bytes (1 MiB) for osv sources: download stopped, the cached copy is kept`,
    );
    expect(r.stderr).toContain("feeds: 1 of 8 sources failed (osv/Go)");
    expect(r.stderr).toMatch(/^feeds: kev: (updated|not modified)/m);
    expect(new Uint8Array(readFileSync(join(dir, ".psirt/feeds/osv/Go.zip")))).toEqual(goZip);
  });

  it("moves the nvd/cves.json of an earlier version into shards, and match still reads its CVEs", async () => {
    const dir = exampleCopy();
    const nvd = join(dir, ".psirt/feeds/nvd");
    mkdirSync(nvd, { recursive: true });
    // The earlier version's cache: every CVE in one file, and a state without shards.
    writeFileSync(
      join(nvd, "cves.json"),
      JSON.stringify({
        resultsPerPage: 1,
        startIndex: 0,
        totalResults: 1,
        format: "NVD_CVE",
        version: "2.0",
        vulnerabilities: [{ cve: JSON.parse(readFileSync(join(F, "nvd", "CVE-2022-22965.json"), "utf8")) }],
      }),
    );
    const yesterday = new Date(Date.now() - 86_400_000).toISOString();
    writeFileSync(join(nvd, "state.json"), JSON.stringify({ lastModEnd: yesterday }));
    server.route("/osv/Go/all.zip", [
      { status: 200, body: zipOf("GHSA-4374-p667-p6c8", "GHSA-45x7-px36-x8w8") },
    ]);
    server.route("/nvd", [{ status: 200, body: nvdPage(["CVE-2022-3602"]) }]);
    try {
      const r = await run(["feeds", "pull", "--root", dir], env);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toContain(
        "feeds: nvd: 1 CVEs updated in 1 request(s); 2 cached in 2 shard(s), 2 written; nvd/cves.json (1 CVEs) moved into shards\n",
      );
      // Pulled on from the old state: not a rebuild.
      expect(r.stderr).toContain(`modified since ${yesterday} (1 window(s))`);
    } finally {
      server.route("/nvd", [{ status: 200, body: nvdPage(["CVE-2022-22965", "CVE-2022-3602"]) }]);
    }
    expect(readdirSync(nvd).sort()).toEqual(["cves-2022-22.json", "cves-2022-3.json", "state.json"]);
    const match = await run(["match", "--root", dir, "--format", "json"], {});
    expect(match.code, match.stderr).toBe(0);
    // Both NVD records (one moved from the old file, one pulled) beside the five OSV ones.
    expect(JSON.parse(match.stdout).summary).toMatchObject({ records: 7, matches: 17 });
  });

  it("--offline with an empty cache exits 3; unknown subcommands exit 2", async () => {
    const dir = exampleCopy();
    const r = await run(["feeds", "pull", "--offline", "--root", dir], env);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain("feeds: nvd: not in the cache (.psirt/feeds/nvd/)");
    expect((await run(["feeds", "push"], env)).code).toBe(2);
    expect((await run(["feeds", "pull", "--root", dir], { ...env, PSIRT_KEV_URL: "ftp://nope" })).code).toBe(
      2,
    );
  });
});
