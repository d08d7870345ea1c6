/**
 * The site model file `build` writes for the Astro process (scripts/core/publish/site-model.ts),
 * in V8's serialization format, which keeps Dates as they are and is quick to read.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { deserialize, serialize } from "node:v8";
import type { Model } from "../core/load/repository.ts";
import { modelOf, type SiteModel } from "../core/publish/site-model.ts";

export function writeSiteModel(path: string, cut: SiteModel): void {
  writeFileSync(path, serialize(cut));
}

export function readSiteModel(path: string): Model {
  return modelOf(deserialize(readFileSync(path)) as SiteModel);
}
