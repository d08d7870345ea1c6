/** Reads the repository's content folders into memory for the loader (the only file system access). */
import { lstat, open, readdir } from "node:fs/promises";
import { join, relative, sep } from "node:path";
import type { RepoFile } from "../core/load/repository.ts";
import { MAX_SBOM_BYTES } from "../core/load/source.ts";

export const CONTENT_ROOTS = ["advisories", "incidents", "inventory"] as const;

/** The first `cap + 1` bytes of a file at most: enough to tell that it is over `cap`, never more. */
export async function readCapped(path: string, cap: number): Promise<Uint8Array> {
  const handle = await open(path, "r");
  try {
    const { size } = await handle.stat();
    const buffer = Buffer.alloc(Math.min(size, cap + 1));
    let offset = 0;
    while (offset < buffer.length) {
      const { bytesRead } = await handle.read(buffer, offset, buffer.length - offset, offset);
      if (bytesRead === 0) break;
      offset += bytesRead;
    }
    return new Uint8Array(buffer.buffer, buffer.byteOffset, offset);
  } finally {
    await handle.close();
  }
}

/**
 * Regular files under `dir` whose names `keep` accepts, as paths relative to `root` with forward
 * slashes, appended to `out`; names starting with "." are skipped, a missing `dir` is empty.
 * Symbolic links and other special files are never followed: content is untrusted.
 */
export async function walkFiles(
  root: string,
  dir: string,
  out: string[],
  keep: (name: string) => boolean = () => true,
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
    if (entry.isDirectory()) await walkFiles(root, full, out, keep);
    else if (entry.isFile() && keep(entry.name)) out.push(relative(root, full).split(sep).join("/"));
  }
}

/** Lists every file under the content folders of `root`, repository-relative, sorted. */
export async function listContentFiles(root: string): Promise<string[]> {
  const out: string[] = [];
  for (const top of CONTENT_ROOTS) await walkFiles(root, join(root, top), out);
  return out.sort();
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
        return { path, bytes: info.isFile() ? await readCapped(full, MAX_SBOM_BYTES) : new Uint8Array() };
      }),
    );
    files.push(...read);
  }
  return files;
}
