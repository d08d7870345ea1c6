/**
 * readCapped: a file over the cap is refused from its size (fstat on the open descriptor) without
 * reading it, so refusing a huge file costs no memory; a file that grows after fstat is still
 * read at most `cap + 1` bytes.
 */
import { mkdtempSync, truncateSync, writeFileSync } from "node:fs";
import { open } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { readCapped } from "../../scripts/io/repo-files.ts";

const dir = mkdtempSync(join(tmpdir(), "psirt-read-capped-"));

/** The prototype of the FileHandle that readCapped opens, to watch its reads. */
async function fileHandlePrototype(): Promise<{ read: unknown; stat: unknown }> {
  const path = join(dir, "probe");
  writeFileSync(path, "");
  const handle = await open(path, "r");
  await handle.close();
  return Object.getPrototypeOf(handle);
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe("readCapped", () => {
  it("reads a file within the cap whole", async () => {
    const path = join(dir, "small.json");
    writeFileSync(path, '{"a": 1}');
    expect(new TextDecoder().decode(await readCapped(path, 8))).toBe('{"a": 1}');
    expect(new TextDecoder().decode(await readCapped(path, 1000))).toBe('{"a": 1}');
    writeFileSync(join(dir, "empty"), "");
    expect(await readCapped(join(dir, "empty"), 10)).toEqual(new Uint8Array());
  });

  it("refuses a huge sparse file from its size, reading none of it: cap + 1 bytes say it is too large", async () => {
    const path = join(dir, "huge.json");
    writeFileSync(path, "X".repeat(4096));
    truncateSync(path, 4 * 1024 ** 3); // 4 GiB, sparse: nothing is written to disk
    const proto = (await fileHandlePrototype()) as { read: (...args: unknown[]) => unknown };
    const read = vi.spyOn(proto, "read");
    const bytes = await readCapped(path, 1024);
    expect(read).not.toHaveBeenCalled();
    expect(bytes.length).toBe(1025);
    // Not the file's content: zeros standing for "larger than the cap".
    expect(bytes.every((b) => b === 0)).toBe(true);
  });

  it("reads a file that grew after fstat up to cap + 1 bytes only", async () => {
    const path = join(dir, "growing.json");
    writeFileSync(path, "Y".repeat(100));
    const proto = (await fileHandlePrototype()) as { stat: (...args: unknown[]) => Promise<unknown> };
    // fstat saw the file when it held 10 bytes; it holds 100 when read.
    const stat = proto.stat;
    vi.spyOn(proto, "stat").mockImplementation(async function (this: unknown, ...args: unknown[]) {
      return { ...((await stat.apply(this, args)) as object), size: 10 };
    });
    const over = await readCapped(path, 50);
    expect(over.length).toBe(51);
    const within = await readCapped(path, 200);
    expect(new TextDecoder().decode(within)).toBe("Y".repeat(100));
  });
});
