/**
 * The public exports in one call, for `build` and `export`: OSV records and CycloneDX VEX of the
 * published advisories, each checked (OSV rules, CycloneDX 1.6 strict JSON schema). A problem is a
 * bug in the generator: the caller fails instead of publishing it.
 */
import type { AdvisoryDoc, Model } from "../load/repository.ts";
import { osvExports } from "./osv.ts";
import { checkOsv } from "./osv-check.ts";
import { validateCycloneDx } from "./validate-cyclonedx.ts";
import { vexExports } from "./vex-public.ts";

export interface Exports {
  /** Path below the output folder → content. */
  files: Map<string, string | Uint8Array>;
  /** `path: problem` for every document that does not validate. */
  problems: string[];
}

/** Checks generated export files: `osv/*.json` against the OSV rules, `*.cdx.json` against CycloneDX 1.6. */
export async function checkExports(files: ReadonlyMap<string, string | Uint8Array>): Promise<string[]> {
  const problems: string[] = [];
  for (const [path, content] of files) {
    if (typeof content !== "string") continue;
    if (path.endsWith(".cdx.json")) {
      const error = await validateCycloneDx(content);
      if (error) problems.push(`${path}: ${error}`);
    } else if (/^osv\/[^/]+\.json$/.test(path)) {
      for (const p of checkOsv(JSON.parse(content))) problems.push(`${path}: ${p}`);
    }
  }
  return problems;
}

/** OSV (`osv/…`) and VEX (`vex/…`) exports of the published advisories, checked. */
export async function publicExports(
  model: Model,
  published: readonly AdvisoryDoc[],
  now: Date,
  which: { osv?: boolean; vex?: boolean } = { osv: true, vex: true },
): Promise<Exports> {
  const files = new Map<string, string | Uint8Array>();
  if (which.osv) for (const [p, c] of osvExports(model, published, now)) files.set(p, c);
  if (which.vex) for (const [p, c] of vexExports(model, published, now)) files.set(p, c);
  return { files, problems: await checkExports(files) };
}
