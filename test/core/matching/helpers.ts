/** Helpers for the matching tests: shared feeds and SBOMs into a session, fixtures, summaries. */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { readFeed } from "../../../scripts/core/feeds/detect.ts";
import { loadSbom } from "../../../scripts/core/load/sbom.ts";
import { MatchSession } from "../../../scripts/core/matching/session.ts";
import { fileTarget } from "../../../scripts/core/matching/targets.ts";
import type { Match, SbomTarget } from "../../../scripts/core/matching/types.ts";
import { FIXTURES, SHARED_DATA } from "../../helpers/repo.ts";

export const FEEDS = join(SHARED_DATA, "feeds");
export const REAL_WORLD = join(SHARED_DATA, "sbom/real-world");
export const MATCH_FIXTURES = join(FIXTURES, "matching");

export const GHSA_FILES = readdirSync(join(FEEDS, "ghsa"))
  .filter((f) => f.endsWith(".json"))
  .sort()
  .map((f) => join(FEEDS, "ghsa", f));
export const NVD_FILES = readdirSync(join(FEEDS, "nvd"))
  .filter((f) => f.endsWith(".json"))
  .sort()
  .map((f) => join(FEEDS, "nvd", f));
export const KEV_FILE = join(FEEDS, "kev/known_exploited_vulnerabilities.excerpt.json");
export const EPSS_FILE = join(FEEDS, "epss/epss_scores.excerpt.csv");

/** A session with the given feed files added (labelled by file name). */
export function sessionWith(files: readonly string[]): MatchSession {
  const session = new MatchSession();
  for (const f of files) addFile(session, f);
  return session;
}

export function addFile(session: MatchSession, path: string, label = path.replace(/^.*\//, "")): void {
  session.addFeed(label, readFeed(new Uint8Array(readFileSync(path)), label));
}

export function addBytes(session: MatchSession, label: string, bytes: Uint8Array | string): void {
  session.addFeed(
    label,
    readFeed(typeof bytes === "string" ? new TextEncoder().encode(bytes) : bytes, label),
  );
}

/** A target for an SBOM file outside the inventory (lenient CycloneDX reading). */
export async function sbomTarget(path: string, label = path.replace(/^.*\//, "")): Promise<SbomTarget> {
  const { sbom, findings } = await loadSbom(label, new Uint8Array(readFileSync(path)), false);
  if (!sbom) throw new Error(`${label}: ${findings.map((f) => f.message).join("; ")}`);
  return fileTarget(sbom, undefined);
}

/** A target made of the given components (purl/cpe/name/version), for small cases. */
export function target(
  components: { purl?: string; cpe?: string; name?: string; version?: string; bomRef?: string }[],
  extra: Partial<SbomTarget> = {},
): SbomTarget {
  return {
    file: "test.cdx.json",
    product: "product",
    productVersion: "1.0.0",
    inInventory: false,
    components: components.map((c, i) => ({ name: c.name ?? `c${i}`, ...c })),
    ...extra,
  };
}

/** `id product productVersion purl` lines, sorted: what a finding is about. */
export const brief = (matches: readonly Match[]): string[] =>
  matches.map((m) => `${m.id} ${m.product} ${m.productVersion} ${m.purl ?? m.cpe ?? m.component}`).sort();

export const fixture = (name: string): string => join(MATCH_FIXTURES, name);
export const fixtureText = (name: string): string => readFileSync(fixture(name), "utf8");
