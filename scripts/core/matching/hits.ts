/**
 * Component × record: which index entries affect a component. purl first: the package's entries
 * (those of the component's distribution release, for Debian, Ubuntu and Alpine) are evaluated
 * with the OSV algorithm in the record's ecosystem ordering. Then CPE, with the
 * false-positive guards: only criteria naming the component's vendor and product are tried, and a
 * vulnerability already evaluated for the component by purl (hit or not) is not tried again by CPE,
 * so a purl record saying "fixed" is never overruled by a vaguer CPE range.
 */
import type { CpeAffected } from "../feeds/types.ts";
import { type Cpe, evaluateCpeMatch, formatCpe } from "../match/cpe.ts";
import { describeOsvRanges, evaluateOsv, fixedVersionsOf } from "../match/osv-range.ts";
import { sameRelease } from "../match/purl.ts";
import { generic } from "../versions/generic.ts";
import type { AliasGroup } from "./aliases.ts";
import { compileAffected } from "./compiled-osv.ts";
import type { Candidate } from "./components.ts";
import type { DiagnosticLog } from "./diagnostics.ts";
import type { FeedIndex, IndexedRecord } from "./feed-index.ts";

/** One record entry affecting one component. */
export interface Hit {
  record: IndexedRecord;
  group: AliasGroup;
  via: "purl" | "cpe";
  /** Affected versions of the entry that matched. */
  affected: string;
  fixed: string[];
  /** The component CPE, for CPE hits. */
  cpe?: string;
}

const NO_HITS: Hit[] = [];

const where = (c: Candidate["component"]): string => c.purl ?? c.bomRef ?? c.name;

/** Every hit for one component of `file`; problems (unparsable versions) are logged. */
export function hitsFor(candidate: Candidate, index: FeedIndex, file: string, log: DiagnosticLog): Hit[] {
  const { component, key, version } = candidate;
  const entries = key === undefined ? undefined : index.packageEntries(key);
  if (entries === undefined && candidate.cpe === undefined) return NO_HITS;
  const hits: Hit[] = [];
  if (entries !== undefined && version === undefined) {
    log.warn(
      file,
      where(component),
      "component has no version, so feed ranges cannot be evaluated",
      "no-version",
    );
  } else if (entries !== undefined && version !== undefined) {
    for (const entry of entries) {
      // "Debian:12" entries say nothing about a package of Debian 11; without a `distro`
      // qualifier the component's release is unknown and every entry applies.
      const { release } = candidate;
      if (entry.release !== undefined && release !== undefined && !sameRelease(entry.release, release))
        continue;
      if (entry.compiled === undefined)
        entry.compiled = compileAffected(entry.affected, entry.scheme) ?? null;
      let affected = entry.compiled?.(version);
      if (affected === undefined) {
        // The reference evaluation, which also explains unparsable versions (once per version).
        entry.results ??= new Map();
        let result = entry.results.get(version);
        if (result === undefined) {
          result = evaluateOsv(version, entry.affected, entry.scheme);
          entry.results.set(version, result);
          for (const problem of result.problems) {
            log.warn(
              file,
              `${where(component)} × ${entry.record.id}`,
              problem,
              `version:${entry.record.id}:${version}`,
            );
          }
        }
        affected = result.affected;
      }
      if (!affected) continue;
      entry.described ??= {
        affected: describeOsvRanges(entry.affected, entry.scheme),
        fixed: [
          ...new Set([...fixedVersionsOf(entry.affected), ...(entry.affected.fixedVersions ?? [])]),
        ].sort((a, b) => entry.scheme.compare(a, b)),
      };
      hits.push({
        record: entry.record,
        group: index.groupOf(entry.record),
        via: "purl",
        affected: entry.described.affected,
        fixed: above(entry.described.fixed, version, entry.scheme),
      });
    }
  }
  if (candidate.cpe !== undefined) {
    // Vulnerabilities the purl entries already decided for this component (hit or not).
    const byPurl = new Set<string>();
    if (version !== undefined) for (const entry of entries ?? []) byPurl.add(entry.record.root);
    cpeHits(candidate, candidate.cpe, byPurl, index, file, log, hits);
  }
  return hits;
}

function cpeHits(
  candidate: Candidate,
  cpe: Cpe,
  byPurl: Set<string>,
  index: FeedIndex,
  file: string,
  log: DiagnosticLog,
  hits: Hit[],
): void {
  const own = cpe.version;
  const concrete = own.kind === "value" && !own.before && !own.after;
  const version = concrete ? undefined : candidate.version;
  const text = formatCpe(cpe);
  for (const entry of index.cpeEntries(cpe)) {
    if (byPurl.has(entry.record.root)) continue;
    const key = `${text}\0${version ?? ""}\0${candidate.scheme?.name ?? ""}`;
    entry.results ??= new Map();
    let result = entry.results.get(key);
    if (result === undefined) {
      const options =
        version === undefined ? { criteria: entry.criteria } : { version, criteria: entry.criteria };
      result = evaluateCpeMatch(entry.affected, cpe, { ...options, scheme: candidate.scheme ?? generic });
      if (!result.ok && candidate.scheme !== undefined)
        result = evaluateCpeMatch(entry.affected, cpe, { ...options, scheme: generic });
      entry.results.set(key, result);
    }
    if (!result.ok) {
      log.warn(file, `${text} × ${entry.record.id}`, result.error, `cpe:${entry.record.id}`);
      continue;
    }
    if (!result.affected) continue;
    hits.push({
      record: entry.record,
      group: index.groupOf(entry.record),
      via: "cpe",
      affected: describeCpe(entry.affected),
      fixed: entry.affected.versionEndExcluding ? [entry.affected.versionEndExcluding] : [],
      cpe: text,
    });
  }
}

/**
 * The fixes that are upgrades from `version`. None when every fix is older: the version is on a
 * branch with no fix yet (introduced again after the last fix), and naming an older fix would
 * recommend a downgrade.
 */
function above(
  fixed: readonly string[],
  version: string,
  scheme: { compare(a: string, b: string): number },
): string[] {
  return fixed.filter((f) => scheme.compare(f, version) > 0);
}

/** ">= 3.0.0, < 3.0.7" from NVD bounds; the criteria's own version when there are none. */
export function describeCpe(match: CpeAffected): string {
  const parts: string[] = [];
  if (match.versionStartIncluding) parts.push(`>= ${match.versionStartIncluding}`);
  if (match.versionStartExcluding) parts.push(`> ${match.versionStartExcluding}`);
  if (match.versionEndIncluding) parts.push(`<= ${match.versionEndIncluding}`);
  if (match.versionEndExcluding) parts.push(`< ${match.versionEndExcluding}`);
  if (parts.length > 0) return parts.join(", ");
  const version = match.criteria.split(":")[5];
  return version === undefined || version === "*" ? "all versions" : `= ${version.replace(/\\/g, "")}`;
}
