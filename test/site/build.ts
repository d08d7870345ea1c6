/** Builds the site for tests: `astro build` with the pinned Node, then the Pagefind index (its Node API). */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import * as pagefind from "pagefind";
import { canonicalPagefindEntry, SEARCH_GLOB } from "../../scripts/core/build/search.ts";
import { ROOT } from "../helpers/repo.ts";

/** The publication date of the test builds: the example's embargoed advisory is still embargoed. */
export const TEST_NOW = "2026-11-23";

export interface BuildOptions {
  /** Repository to build (default: this repository with its example data). */
  root?: string;
  now?: string;
}

/**
 * A fresh folder for a test build, inside the repository (under node_modules/.cache/). Astro writes
 * its prerender chunks to `<outDir>/.prerender/` only when the output folder is inside the working
 * directory; otherwise to `<cwd>/.astro/.prerender/`, which concurrent builds share and delete.
 */
export function tempBuildDir(): string {
  const parent = join(ROOT, "node_modules/.cache");
  mkdirSync(parent, { recursive: true });
  return mkdtempSync(join(parent, "psirt-site-"));
}

/** Runs `astro build --root site` into `outDir` (see tempBuildDir); returns the wall time in milliseconds. */
export function buildSite(outDir: string, options: BuildOptions = {}): number {
  const started = performance.now();
  const result = spawnSync(
    process.execPath,
    [join(ROOT, "node_modules/astro/bin/astro.mjs"), "build", "--root", "site"],
    {
      cwd: ROOT,
      encoding: "utf8",
      env: {
        ...process.env,
        PSIRT_ROOT: options.root ?? ROOT,
        PSIRT_NOW: options.now ?? TEST_NOW,
        PSIRT_SITE_OUT: outDir,
        ASTRO_TELEMETRY_DISABLED: "1",
      },
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  if (result.status !== 0)
    throw new Error(`astro build failed (${result.status}):\n${result.stdout}\n${result.stderr}`);
  return performance.now() - started;
}

/** Indexes `outDir` with Pagefind (what the build command does after Astro), writing `outDir/pagefind/`. */
export async function indexSite(outDir: string): Promise<void> {
  const { index, errors } = await pagefind.createIndex({});
  if (!index) throw new Error(`pagefind: ${errors.join("; ")}`);
  const added = await index.addDirectory({ path: outDir, glob: SEARCH_GLOB });
  if (added.errors.length > 0) throw new Error(`pagefind: ${added.errors.join("; ")}`);
  const written = await index.writeFiles({ outputPath: join(outDir, "pagefind") });
  if (written.errors.length > 0) throw new Error(`pagefind: ${written.errors.join("; ")}`);
  await pagefind.close();
  const entry = join(outDir, "pagefind/pagefind-entry.json");
  writeFileSync(entry, canonicalPagefindEntry(readFileSync(entry, "utf8")));
}
