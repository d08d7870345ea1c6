/**
 * verify reads an untrusted tree with limits: per kind of file (a Content-Length over the limit is
 * refused unread, a body passing it is stopped, a local file over it is not read), and per run
 * (documents taken from the lists, keys, files and bytes read). Each limit met is one failure
 * naming the file and the limit; the rest of the tree is still verified. Served from 127.0.0.1.
 */
import { execFileSync } from "node:child_process";
import { rmSync, truncateSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ProviderTree } from "../../../scripts/core/provider/tree.ts";
import type { VerifyLimits } from "../../../scripts/core/verify/context.ts";
import { verifyTree } from "../../../scripts/core/verify/verify-tree.ts";
import { directorySource, urlSource } from "../../../scripts/io/tree-source.ts";
import { type FeedServer, type Reply, startServer } from "../matching/server.ts";
import { buildTestTree, testKey, VERIFY_NOW, writeTree } from "../provider/helpers.ts";

const W = ".well-known/csaf/white";
const DOC1 = `${W}/2022/bsi-2022-0001.json`;
const DOC2 = `${W}/2022/bsi-2022-0002.json`;
const METADATA = ".well-known/csaf/provider-metadata.json";
const FEED = ".well-known/csaf/feed-tlp-white.json";

let server: FeedServer;
beforeEach(async () => {
  server = await startServer();
});
afterEach(async () => {
  await server.close();
});

describe("verify's read limits", async () => {
  const key = await testKey();
  const tree = await buildTestTree(key);

  /** Serves `files` (default: the test tree), with `replies` instead for some paths. */
  const serve = (replies: Record<string, Reply> = {}, files: ProviderTree = tree) => {
    for (const [path, content] of files) server.route(`/${path}`, [{ status: 200, body: content }]);
    for (const [path, reply] of Object.entries(replies)) server.route(`/${path}`, [reply]);
  };
  const verify = (limits?: VerifyLimits, source = urlSource(server.url)) =>
    verifyTree({
      source,
      now: new Date(VERIFY_NOW),
      validateCsaf: () => ({ valid: true, errors: [] }),
      ...(limits ? { limits } : {}),
    });
  const failures = (report: Awaited<ReturnType<typeof verify>>) =>
    report.failures.map((f) => `${f.path}: ${f.message}`);
  const requested = (path: string) => server.requests.filter((r) => r.path === `/${path}`).length;

  it("passes the served tree as it is", async () => {
    serve();
    const report = await verify();
    expect(failures(report)).toEqual([]);
    expect(report.networkErrors).toEqual([]);
  });

  it("refuses a document whose Content-Length is over its limit unread, and verifies the rest", async () => {
    serve({ [DOC1]: { truncate: "{", announce: 2 ** 30 } });
    const report = await verify();
    expect(failures(report)).toEqual([
      `${DOC1}: 1073741824 bytes, over the limit of 33554432 bytes (32 MiB) for a CSAF document: not read, not checked`,
    ]);
    expect(report.networkErrors).toEqual([]);
    expect(report.documents).toBe(2);
    expect(requested(DOC1)).toBe(1);
    // The other document was checked in full: its hashes and signature were fetched.
    for (const suffix of [".sha256", ".sha512", ".asc"]) expect(requested(`${DOC2}${suffix}`)).toBe(1);
  });

  it("stops a body without Content-Length once it passes the limit: an endless hash file", async () => {
    serve({ [`${DOC1}.sha256`]: { endless: new Uint8Array(1024).fill(0x61) } });
    const report = await verify();
    expect(failures(report)).toEqual([
      `${DOC1}.sha256: over the limit of 4096 bytes (4 KiB) for a hash file: download stopped, not checked`,
    ]);
  });

  it("counts decoded bytes: a small gzip-encoded signature inflating past its limit is stopped", async () => {
    const bomb = gzipSync(new Uint8Array(4 * 1024 * 1024));
    serve({
      [`${DOC2}.asc`]: {
        status: 200,
        body: bomb,
        headers: { "Content-Encoding": "gzip", "Content-Length": String(bomb.length) },
      },
    });
    expect(failures(await verify())).toEqual([
      `${DOC2}.asc: over the limit of 65536 bytes (64 KiB) for an OpenPGP signature: download stopped, not checked`,
    ]);
  });

  it("an endless provider-metadata.json is stopped: nothing else can be verified", async () => {
    serve({ [METADATA]: { endless: new Uint8Array(64 * 1024).fill(0x20) } });
    const report = await verify();
    expect(failures(report)).toEqual([
      `${METADATA}: over the limit of 1048576 bytes (1 MiB) for provider-metadata.json: download stopped, not checked`,
    ]);
    expect(report.documents).toBe(0);
  });

  it("a ROLIE feed listing ever more documents: only the run's limit are checked, and that fails", async () => {
    const feed = JSON.parse(tree.get(FEED) as string);
    const fake = Array.from({ length: 5000 }, (_, i) => ({
      id: `FAKE-${i}`,
      link: [{ rel: "self", href: `https://psirt.example.test/${W}/2022/fake-${i}.json` }],
    }));
    feed.feed.entry = [...fake, ...feed.feed.entry];
    serve({ [FEED]: { status: 200, body: JSON.stringify(feed) } });
    const report = await verify({ budget: { documents: 10 } });
    expect(failures(report)).toContain(
      `${FEED}: lists more documents than the 10 one verify checks: the others are not checked`,
    );
    expect(report.documents).toBe(10);
    // The two real documents (index.txt is read first) and the first eight of the feed.
    expect(server.requests.filter((r) => r.path.includes("/fake-")).length).toBe(8);
    expect(requested(DOC1)).toBe(1);
  });

  it("stops after the run's limit of files read, saying so once", async () => {
    serve();
    const report = await verify({ budget: { files: 6 } });
    const spent = report.failures.filter((f) => f.message.includes("the most one run reads"));
    expect(spent).toHaveLength(1);
    expect(spent[0]!.message).toBe(
      "not read: this verify has read 6 files, the most one run reads; the rest of the tree is not verified",
    );
    expect(server.requests).toHaveLength(6);
    expect(report.ok).toBe(false);
  });

  it("stops after the run's limit of bytes read", async () => {
    serve();
    const report = await verify({ budget: { bytes: 1024 } });
    expect(failures(report)).toContainEqual(
      expect.stringMatching(
        /^\S+: not read: this verify has read \d+ bytes \(1 KiB at most per run\); the rest of the tree is not verified$/,
      ),
    );
    // provider-metadata.json (over 1 KiB) was the only file read.
    expect(server.requests).toHaveLength(1);
  });

  it("reads at most the run's limit of public_openpgp_keys", async () => {
    const metadata = JSON.parse(tree.get(METADATA) as string);
    const [first] = metadata.public_openpgp_keys;
    metadata.public_openpgp_keys = [first, { ...first, url: "https://psirt.example.test/other-1.asc" }];
    serve({ [METADATA]: { status: 200, body: JSON.stringify(metadata) } });
    const report = await verify({ budget: { keys: 1 } });
    expect(failures(report)).toEqual([
      `${METADATA}: lists 2 public_openpgp_keys, more than the 1 one verify reads: the others are not read`,
    ]);
    expect(requested("other-1.asc")).toBe(0);
  });

  describe("in a folder", () => {
    it("does not read a file over its limit: a sparse 3 GiB document", async () => {
      const dir = writeTree(tree);
      truncateSync(join(dir, DOC1), 3 * 1024 ** 3);
      const report = await verify(undefined, directorySource(dir));
      expect(failures(report)).toEqual([
        `${DOC1}: 3221225472 bytes, over the limit of 33554432 bytes (32 MiB) for a CSAF document: not read, not checked`,
      ]);
      expect(report.documents).toBe(2);
    });

    it("takes a pipe for a missing file instead of waiting on it for ever", async () => {
      const dir = writeTree(tree);
      rmSync(join(dir, `${DOC2}.sha512`));
      execFileSync("mkfifo", [join(dir, `${DOC2}.sha512`)]);
      expect(failures(await verify(undefined, directorySource(dir)))).toEqual([
        `${DOC2}.sha512: not found (requirement 18)`,
      ]);
    }, 10_000);
  });
});
