/**
 * Writes the Pagefind search index of the published advisories (scripts/core/build/search.ts)
 * through Pagefind's Node API. `build` runs this file as its own process, beside Astro:
 *
 *   node scripts/io/search-index.ts <site model file> <output folder>
 *
 * (a process of its own, because the build process is busy deriving CSAF meanwhile and Pagefind's
 * service answers over a pipe).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import * as pagefind from "pagefind";
import { canonicalPagefindEntry, type SearchRecord, searchRecords } from "../core/build/search.ts";
import type { Model } from "../core/load/repository.ts";
import { siteLanguage } from "../core/publish/site-model.ts";
import { readSiteModel } from "./site-model.ts";

/** Pagefind's records in flight at a time. */
const BATCH = 500;

/** Indexes `records` and writes the index to `outputPath` (e.g. `dist/pagefind`). */
export async function writeSearchIndex(records: readonly SearchRecord[], outputPath: string): Promise<void> {
  const { index, errors } = await pagefind.createIndex({});
  if (!index) throw new Error(`pagefind: ${errors.join("; ")}`);
  let files: { path: string; content: Uint8Array }[] = [];
  try {
    for (let i = 0; i < records.length; i += BATCH) {
      const added = await Promise.all(records.slice(i, i + BATCH).map((r) => index.addCustomRecord(r)));
      const failed = added.flatMap((a) => a.errors);
      if (failed.length > 0) throw new Error(`pagefind: ${failed.join("; ")}`);
    }
    // The files come back in memory and are written here: Pagefind's own writeFiles answers
    // before its last file is flushed, and closing the service then truncated pagefind-worker.js.
    const built = await index.getFiles();
    if (built.errors.length > 0) throw new Error(`pagefind: ${built.errors.join("; ")}`);
    files = built.files;
  } finally {
    await pagefind.close();
  }
  for (const file of files) {
    const target = join(outputPath, file.path);
    mkdirSync(dirname(target), { recursive: true });
    const content =
      file.path === "pagefind-entry.json"
        ? canonicalPagefindEntry(Buffer.from(file.content).toString("utf8"))
        : file.content;
    writeFileSync(target, content);
  }
}

/** The index of a site model (published advisories only), as `build` writes it. */
export function indexSiteModel(model: Model, outputPath: string): Promise<void> {
  const language = siteLanguage(model.vendor!.data);
  return writeSearchIndex(searchRecords(model, model.advisories, language), outputPath);
}

if (import.meta.main) {
  const [modelFile, outputPath] = process.argv.slice(2);
  if (!modelFile || !outputPath) {
    process.stderr.write("usage: node scripts/io/search-index.ts <site model file> <output folder>\n");
    process.exit(2);
  }
  await indexSiteModel(readSiteModel(modelFile), outputPath);
}
