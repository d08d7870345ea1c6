/**
 * The local feed cache (`.psirt/feeds/` by default, never committed): downloaded feed files, each
 * with `<file>.meta.json` beside it (URL, ETag, Last-Modified, fetch time). Every write goes to a
 * temporary file in the same folder that is renamed over the target, so a failed or interrupted
 * download never leaves a half-written feed: readers see the old file or the new one. Reads are
 * capped like `match`'s (a cached file is never read whole when it is over the limit).
 */
import { randomBytes } from "node:crypto";
import { mkdir, rename, rm, stat, writeFile } from "node:fs/promises";
import { dirname, join, relative } from "node:path";
import { MAX_FEED_FILE_BYTES } from "../core/feeds/bytes.ts";
import type { CacheMeta, FeedStore } from "../core/matching/pull.ts";
import { readCapped, walkFiles } from "./repo-files.ts";

const META = ".meta.json";
/** A metadata file holds a URL, two headers, a date and a size. */
const META_LIMIT = 64 * 1024;
const TEMP = /\.tmp-[0-9a-f]+$/;

/** Writes `bytes` to `path` atomically: temporary file, then rename. */
export async function writeAtomic(path: string, bytes: Uint8Array | string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temp = `${path}.tmp-${randomBytes(6).toString("hex")}`;
  try {
    await writeFile(temp, bytes, { flag: "wx" });
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

export class FeedCache implements FeedStore {
  readonly root: string;

  /** `root`: absolute path of the cache folder. */
  constructor(root: string) {
    this.root = root;
  }

  #path(file: string): string {
    const path = join(this.root, file);
    if (relative(this.root, path).startsWith("..")) throw new Error(`cache path escapes the cache: ${file}`);
    return path;
  }

  /** The file's bytes, or `maxBytes + 1` bytes for a larger file, which is not read (readCapped); undefined when absent. */
  async read(file: string, maxBytes = MAX_FEED_FILE_BYTES): Promise<Uint8Array | undefined> {
    try {
      return await readCapped(this.#path(file), maxBytes);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
      throw error;
    }
  }

  async size(file: string): Promise<number | undefined> {
    return (await this.info(file))?.bytes;
  }

  write(file: string, bytes: Uint8Array): Promise<void> {
    return writeAtomic(this.#path(file), bytes);
  }

  async remove(file: string): Promise<void> {
    await rm(this.#path(file), { force: true });
  }

  async readMeta(file: string): Promise<CacheMeta | undefined> {
    const bytes = await this.read(`${file}${META}`, META_LIMIT);
    if (bytes === undefined || bytes.length > META_LIMIT) return undefined;
    try {
      return JSON.parse(new TextDecoder().decode(bytes)) as CacheMeta;
    } catch {
      return undefined;
    }
  }

  writeMeta(file: string, meta: CacheMeta): Promise<void> {
    return writeAtomic(this.#path(`${file}${META}`), `${JSON.stringify(meta, null, 2)}\n`);
  }

  /**
   * Feed files in the cache, or below `folder` of it (no metadata, state or temporary files), as
   * cache-relative paths with forward slashes, sorted: what `match` reads, every NVD shard included.
   */
  async list(folder?: string): Promise<string[]> {
    const out: string[] = [];
    const feed = (name: string) => !name.endsWith(META) && !TEMP.test(name) && name !== "state.json";
    await walkFiles(this.root, folder === undefined ? this.root : this.#path(folder), out, feed);
    return out.sort();
  }

  /** Size and modification time of a cached file, if present. */
  async info(file: string): Promise<{ bytes: number; modified: Date } | undefined> {
    try {
      const s = await stat(this.#path(file));
      return { bytes: s.size, modified: s.mtime };
    } catch {
      return undefined;
    }
  }
}
