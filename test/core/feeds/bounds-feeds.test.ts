/**
 * Decompression bombs and oversized feed content: a gzip file or zip export that inflates past the
 * limit is one error naming the file (and the zip entry), inflating stops at the limit, and the
 * rest of the run goes on. Text too long to decode is a diagnostic too, never a crash.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { crc32, deflateRawSync, gzipSync } from "node:zlib";
import { zipSync } from "fflate";
import { beforeAll, describe, expect, it } from "vitest";
import { MAX_FEED_BYTES } from "../../../scripts/core/feeds/bytes.ts";
import { readFeed } from "../../../scripts/core/feeds/detect.ts";
import { MAX_ZIP_ENTRY_BYTES, readOsv } from "../../../scripts/core/feeds/osv.ts";
import { psirt, tempRepo } from "../../helpers/repo.ts";
import { FEEDS, shared, utf8 } from "./helpers.ts";

const GOOD_ID = "GHSA-xvch-5gv4-984h";
const good = () => shared("feeds", "ghsa", `${GOOD_ID}.json`);
const HUGE = 600 * 1024 * 1024;

/** A zip archive of deflated entries, written by hand so that a huge entry costs little memory. */
function zipOf(entries: [string, Uint8Array][]): Uint8Array {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of entries) {
    const data = deflateRawSync(content, { level: 9 });
    const fileName = Buffer.from(name);
    const header = (signature: number, size: number) => {
      const b = Buffer.alloc(size);
      b.writeUInt32LE(signature, 0);
      return b;
    };
    const local = header(0x04034b50, 30);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc32(content), 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(content.length, 22);
    local.writeUInt16LE(fileName.length, 26);
    const entry = header(0x02014b50, 46);
    entry.writeUInt16LE(20, 4);
    entry.writeUInt16LE(20, 6);
    entry.writeUInt16LE(8, 10);
    entry.writeUInt32LE(crc32(content), 16);
    entry.writeUInt32LE(data.length, 20);
    entry.writeUInt32LE(content.length, 24);
    entry.writeUInt16LE(fileName.length, 28);
    entry.writeUInt32LE(offset, 42);
    locals.push(local, fileName, data);
    central.push(entry, fileName);
    offset += local.length + fileName.length + data.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, directory, end]));
}

/** Sets the uncompressed size the central directory declares for the entry `name`. */
function declare(zip: Uint8Array, name: string, size: number): Uint8Array {
  const out = Buffer.from(zip);
  for (let i = out.length - 22; i >= 0; i--) {
    if (out.readUInt32LE(i) !== 0x02014b50) continue;
    const length = out.readUInt16LE(i + 28);
    if (out.subarray(i + 46, i + 46 + length).toString() === name) out.writeUInt32LE(size, i + 24);
  }
  return new Uint8Array(out);
}

let huge: Buffer;
let gzipBomb: Uint8Array;
let zipBomb: Uint8Array;

beforeAll(() => {
  // 600 MiB of JSON whitespace: past the limit, and past the longest string V8 can decode into.
  huge = Buffer.alloc(HUGE, 0x20);
  gzipBomb = new Uint8Array(gzipSync(huge, { level: 9 }));
  zipBomb = zipOf([
    [`${GOOD_ID}.json`, good()],
    ["bomb.json", huge],
  ]);
}, 60_000);

describe("gzip content is capped", () => {
  it("a gzip file inflating to 600 MiB is one error naming the file; inflating stops", () => {
    expect(gzipBomb.length).toBeLessThan(1024 * 1024);
    const result = readFeed(gzipBomb, "bomb.json.gz");
    expect(result.kind).toBe("unknown");
    expect(result.diagnostics).toEqual([
      {
        severity: "error",
        source: "bomb.json.gz",
        message: `gzip content inflates past the limit of ${MAX_FEED_BYTES} bytes: not read`,
      },
    ]);
  });

  it("content too long to decode as text is one error, not a thrown RangeError", () => {
    const result = readFeed(huge, "huge.json");
    expect(result.diagnostics).toEqual([
      {
        severity: "error",
        source: "huge.json",
        message: `content of ${HUGE} bytes is over the limit of ${MAX_FEED_BYTES} bytes: not read`,
      },
    ]);
  });
});

describe("zip entries are capped", () => {
  it("an entry declaring 600 MiB is reported by name and not inflated; the others are read", () => {
    const { items, diagnostics } = readOsv(zipBomb, "npm/all.zip");
    expect(items.map((r) => r.id)).toEqual([GOOD_ID]);
    expect(diagnostics).toEqual([
      {
        severity: "error",
        source: "npm/all.zip",
        record: "bomb.json",
        message: `zip entry inflates past the limit of ${MAX_ZIP_ENTRY_BYTES} bytes (it declares ${HUGE} bytes): not read`,
      },
    ]);
  });

  it("an entry inflating past the size it declares stops there and is reported", () => {
    const zip = declare(
      zipOf([
        [`${GOOD_ID}.json`, good()],
        ["liar.json", Buffer.alloc(16 * 1024 * 1024, 0x20)],
      ]),
      "liar.json",
      1000,
    );
    const { items, diagnostics } = readOsv(zip, "npm/all.zip");
    expect(items.map((r) => r.id)).toEqual([GOOD_ID]);
    expect(diagnostics).toEqual([
      {
        severity: "error",
        source: "npm/all.zip",
        record: "liar.json",
        message: "zip entry inflates past the 1000 bytes it declares: not read",
      },
    ]);
  });

  it("an entry declaring 4 GiB in a small archive is refused before inflating", () => {
    const zip = declare(zipSync({ "a.json": good(), "b.json": utf8('{"id": "X"}') }), "b.json", 0xfffffff0);
    const { items, diagnostics } = readOsv(zip, "z.zip");
    expect(items.map((r) => r.id)).toEqual([GOOD_ID]);
    expect(diagnostics.map((d) => `${d.record}: ${d.message}`)).toEqual([
      `b.json: zip entry inflates past the limit of ${MAX_ZIP_ENTRY_BYTES} bytes (it declares ${0xfffffff0} bytes): not read`,
    ]);
  });

  it("reads archives written by other tools the same (stored entries, the hand-written writer)", () => {
    const stored = zipSync({ [`${GOOD_ID}.json`]: good() }, { level: 0 });
    expect(readOsv(stored, "s.zip").items.map((r) => r.id)).toEqual([GOOD_ID]);
    expect(readOsv(zipOf([[`${GOOD_ID}.json`, good()]]), "h.zip").items.map((r) => r.id)).toEqual([GOOD_ID]);
  });
});

describe("psirt match with decompression bombs", () => {
  it("reports the gzip and zip bombs by name, exits 0 and matches the other feeds", {
    timeout: 60_000,
  }, () => {
    const dir = mkdtempSync(join(tmpdir(), "psirt-bombs-"));
    writeFileSync(join(dir, "bomb.json.gz"), gzipBomb);
    writeFileSync(join(dir, "all.zip"), zipBomb);
    const r = psirt(
      [
        "match",
        "--feed",
        join(dir, "bomb.json.gz"),
        "--feed",
        join(dir, "all.zip"),
        "--feed",
        join(FEEDS, "ghsa", `${GOOD_ID}.json`),
      ],
      { cwd: tempRepo() },
    );
    expect(r.stderr).not.toMatch(/RangeError|Cannot create a string/);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(
      `bomb.json.gz: gzip content inflates past the limit of ${MAX_FEED_BYTES} bytes: not read`,
    );
    expect(r.stderr).toContain(
      `all.zip (bomb.json): zip entry inflates past the limit of ${MAX_ZIP_ENTRY_BYTES} bytes (it declares ${HUGE} bytes): not read`,
    );
    // The zip's good record (the same advisory as the plain file) still matches minimist 1.2.5.
    expect(r.stderr).toMatch(/against 1 records from 3 feed file\(s\), KEV 0, EPSS 0: 2 finding\(s\)/);
  });
});
