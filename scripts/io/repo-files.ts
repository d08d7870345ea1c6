/** Reads the repository's content folders into memory for the loader (the only file system access). */
import type { Stats } from "node:fs";
import { lstat, open, readdir } from "node:fs/promises";
import { join, relative, sep } from "node:path";
import type { RepoFile } from "../core/load/repository.ts";
import { MAX_SBOM_BYTES } from "../core/load/source.ts";

export const CONTENT_ROOTS = ["advisories", "incidents", "inventory"] as const;

/**
 * The file's bytes when it holds at most `cap` of them; otherwise `cap + 1` bytes, which is how
 * every caller tells that a file is too large. The size of the open descriptor decides first: a
 * larger file is not read at all, and the `cap + 1` bytes standing for it are zeros never written,
 * which the system maps lazily (refusing a 2 GiB file costs address space, not memory). A smaller
 * file is read, at most `cap + 1` bytes of it, since it may grow between fstat and read.
 */
export async function readCapped(path: string, cap: number): Promise<Uint8Array> {
  const handle = await open(path, "r");
  try {
    const { size } = await handle.stat();
    if (size > cap) return new Uint8Array(cap + 1);
    // One byte more than fstat said, to notice growth without another call.
    let buffer = Buffer.alloc(size + 1);
    let length = 0;
    for (;;) {
      if (length === buffer.length) {
        if (length > cap) break;
        const grown = Buffer.alloc(Math.min(buffer.length * 2, cap + 1));
        buffer.copy(grown, 0, 0, length);
        buffer = grown;
      }
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, length);
      if (bytesRead === 0) break;
      length += bytesRead;
    }
    return new Uint8Array(buffer.buffer, buffer.byteOffset, length);
  } finally {
    await handle.close();
  }
}

/**
 * Regular files under `dir` whose names `keep` accepts, as paths relative to `root` with forward
 * slashes, appended to `out`; names starting with "." are skipped, a missing `dir` is empty.
 * Symbolic links and other special files are never followed (content is untrusted); with
 * `others`, their paths are appended there, so that a caller can say why they were not read.
 */
export async function walkFiles(
  root: string,
  dir: string,
  out: string[],
  keep: (name: string) => boolean = () => true,
  others?: string[],
): Promise<void> {
  let entries: import("node:fs").Dirent[];
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return;
    throw error;
  }
  for (const entry of entries) {
    if (entry.name.startsWith(".")) continue;
    const full = join(dir, entry.name);
    if (entry.isDirectory()) await walkFiles(root, full, out, keep, others);
    else if (!keep(entry.name)) continue;
    else if (entry.isFile()) out.push(relative(root, full).split(sep).join("/"));
    else others?.push(relative(root, full).split(sep).join("/"));
  }
}

/**
 * Lists every entry under the content folders of `root`, repository-relative, sorted: regular
 * files, and also symbolic links and other special files, which readFiles marks as not read.
 */
export async function listContentFiles(root: string): Promise<string[]> {
  const out: string[] = [];
  for (const top of CONTENT_ROOTS) await walkFiles(root, join(root, top), out, undefined, out);
  return out.sort();
}

/** What a directory entry that is not a regular file is, for messages ("a symbolic link"). */
function specialKind(info: Stats): string {
  if (info.isSymbolicLink()) return "a symbolic link";
  if (info.isDirectory()) return "a folder";
  if (info.isFIFO()) return "a named pipe";
  if (info.isSocket()) return "a socket";
  return "a device";
}

/** Reads the content files of the repository at `root` (files over the size cap are read up to it). */
export async function readRepository(root: string): Promise<RepoFile[]> {
  return readFiles(root, await listContentFiles(root));
}

/** Reads the given repository-relative paths under `root`. */
export async function readFiles(root: string, paths: readonly string[]): Promise<RepoFile[]> {
  const files: RepoFile[] = [];
  const BATCH = 64;
  for (let i = 0; i < paths.length; i += BATCH) {
    const batch = paths.slice(i, i + BATCH);
    const read = await Promise.all(
      batch.map(async (path) => {
        const full = join(root, path);
        const info = await lstat(full);
        if (info.isFile()) return { path, bytes: await readCapped(full, MAX_SBOM_BYTES) };
        return { path, bytes: new Uint8Array(), special: specialKind(info) };
      }),
    );
    files.push(...read);
  }
  return files;
}
