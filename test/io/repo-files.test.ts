/**
 * Reading content files. readCapped: a file over the cap is refused from its size (fstat on the open descriptor) without
 * reading it, so refusing a huge file costs no memory; a file that grows after fstat is still
 * read at most `cap + 1` bytes.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, symlinkSync, truncateSync, writeFileSync } from "node:fs";
import { open } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { loadRepository } from "../../scripts/core/load/repository.ts";
import { readCapped, readRepository } from "../../scripts/io/repo-files.ts";

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

describe("content entries that are not regular files", () => {
  it("are listed, never followed, and reported by the loader with the fix", async () => {
    const root = mkdtempSync(join(tmpdir(), "psirt-special-"));
    mkdirSync(join(root, "advisories/2026"), { recursive: true });
    mkdirSync(join(root, "inventory/sbom/app"), { recursive: true });
    writeFileSync(join(root, "outside.json"), '{"secret": "CANARY-LINK-2b9e"}');
    symlinkSync(join(root, "outside.json"), join(root, "inventory/sbom/app/1.0.0.cdx.json"));
    symlinkSync("/etc", join(root, "advisories/2026/linked-folder"));
    execFileSync("mkfifo", [join(root, "advisories/2026/NLS-SA-2026-0001.mdx")]);
    const files = await readRepository(root);
    expect(files.map((f) => [f.path, f.special])).toEqual([
      ["advisories/2026/NLS-SA-2026-0001.mdx", "a named pipe"],
      ["advisories/2026/linked-folder", "a symbolic link"],
      ["inventory/sbom/app/1.0.0.cdx.json", "a symbolic link"],
    ]);
    expect(files.every((f) => f.bytes.length === 0)).toBe(true);
    const { findings } = await loadRepository(files);
    expect(findings.map((f) => `${f.file} ${f.code} ${f.message.split(",")[0]}`)).toEqual([
      "advisories/2026/NLS-SA-2026-0001.mdx PSIRT-E001 file is not read: it is a named pipe",
      "advisories/2026/linked-folder PSIRT-E001 file is not read: it is a symbolic link",
      "inventory/sbom/app/1.0.0.cdx.json PSIRT-E001 file is not read: it is a symbolic link",
    ]);
    expect(findings[2]!.hint).toBe("replace the link with a copy of the file it points to");
    expect(JSON.stringify(findings)).not.toContain("CANARY-LINK-2b9e");
  });
});
