/** Builds the site for tests: `astro build` with the pinned Node, then the Pagefind index as `build` writes it. */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync } from "node:fs";
import { join } from "node:path";
import { publishedAdvisories } from "../../scripts/core/publish/select.ts";
import { modelOf, siteModel } from "../../scripts/core/publish/site-model.ts";
import { indexSiteModel } from "../../scripts/io/search-index.ts";
import { EXAMPLE, ROOT, validateDir } from "../helpers/repo.ts";

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
        PSIRT_ROOT: options.root ?? EXAMPLE,
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

/**
 * Writes `outDir/pagefind/` as the build command does: from the model cut down to the advisories
 * published at `now` (scripts/core/publish/site-model.ts).
 */
export async function indexSite(outDir: string, options: BuildOptions = {}): Promise<void> {
  const now = new Date(options.now ?? TEST_NOW);
  const { model } = await validateDir(options.root ?? EXAMPLE, now);
  await indexSiteModel(modelOf(siteModel(model, publishedAdvisories(model, now))), join(outDir, "pagefind"));
}
