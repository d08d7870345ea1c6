/**
 * Is a package version affected by an OSV `affected[]` entry? Implements the OSV schema's
 * evaluation algorithm (https://ossf.github.io/osv-schema/#evaluation): explicit `versions`, then
 * each range's events sorted by version and walked (`introduced` sets, `fixed` and
 * `last_affected` clear), within the range's `limit`s. `introduced: "0"` sorts before everything,
 * a `limit` containing `*` is infinity. `SEMVER` ranges use SemVer 2.0 whatever the ecosystem;
 * `GIT` ranges need a repository and are ignored for package versions.
 */
import type { OsvEvent, OsvRange, PackageAffected } from "../feeds/types.ts";
import type { VersionScheme } from "../versions/index.ts";
import { semver } from "../versions/semver.ts";

/** What the algorithm needs from an affected entry. */
export type OsvAffected = Pick<PackageAffected, "ranges" | "versions">;

export interface OsvEvaluation {
  affected: boolean;
  /** Why some range or version could not be evaluated (unparsable versions); empty when all were. */
  problems: string[];
}

type Kind = "introduced" | "fixed" | "last_affected" | "limit";

interface Event {
  kind: Kind;
  value: string;
  /** -1: sorts before everything (`introduced: "0"`); 1: after everything (`limit: "*"`). */
  infinity: -1 | 0 | 1;
}

function toEvent(e: OsvEvent): Event {
  const [kind, value] = Object.entries(e)[0] as [Kind, string];
  const infinity =
    kind === "introduced" && value === "0" ? -1 : kind === "limit" && value.includes("*") ? 1 : 0;
  return { kind, value, infinity };
}

const compareEvents = (scheme: VersionScheme) => (a: Event, b: Event) =>
  a.infinity || b.infinity ? a.infinity - b.infinity : scheme.compare(a.value, b.value);

/** The comparator a range's versions follow: its own for SEMVER, the ecosystem's otherwise. */
const schemeOf = (range: OsvRange, ecosystem: VersionScheme): VersionScheme =>
  range.type === "SEMVER" ? semver : ecosystem;

/** Runs the OSV algorithm; `problems` lists what could not be evaluated instead of guessing. */
export function evaluateOsv(version: string, affected: OsvAffected, scheme: VersionScheme): OsvEvaluation {
  const problems: string[] = [];
  const found = (hit: boolean): OsvEvaluation => ({ affected: hit, problems });

  for (const listed of affected.versions) {
    if (listed === version) return found(true);
    const c = scheme.tryCompare(listed, version);
    if (c.ok && c.value === 0) return found(true);
  }

  let hit = false;
  affected.ranges.forEach((range, index) => {
    if (range.type === "GIT") return;
    const where = `range ${index + 1} (${range.type})`;
    const s = schemeOf(range, scheme);
    const tested = s.parse(version);
    if (!tested.ok) {
      problems.push(`${where}: unparsable ${s.label} version ${JSON.stringify(version)}: ${tested.error}`);
      return;
    }
    const events = range.events.map(toEvent);
    const bad = events.find((e) => e.infinity === 0 && !s.isValid(e.value));
    if (bad) {
      problems.push(`${where}: unparsable ${s.label} version ${JSON.stringify(bad.value)} in "${bad.kind}"`);
      return;
    }
    if (includedInRange(version, events, s)) hit = true;
  });
  return found(hit);
}

function includedInRange(v: string, events: Event[], s: VersionScheme): boolean {
  const cmp = (e: Event): number => (e.infinity ? -e.infinity : s.compare(v, e.value));
  const limits = events.filter((e) => e.kind === "limit");
  if (limits.length > 0 && !limits.some((e) => cmp(e) < 0)) return false;
  let vulnerable = false;
  for (const e of [...events].sort(compareEvents(s))) {
    if (e.kind === "introduced" && cmp(e) >= 0) vulnerable = true;
    else if (e.kind === "fixed" && cmp(e) >= 0) vulnerable = false;
    else if (e.kind === "last_affected" && cmp(e) > 0) vulnerable = false;
  }
  return vulnerable;
}

/** True when the OSV algorithm says `version` is affected; false also when nothing could be evaluated. */
export function isAffectedOsv(version: string, affected: OsvAffected, scheme: VersionScheme): boolean {
  return evaluateOsv(version, affected, scheme).affected;
}

/** Every `fixed` version of the non-GIT ranges, once each; sorted when a comparator is given. */
export function fixedVersionsOf(affected: OsvAffected, scheme?: VersionScheme): string[] {
  const fixed = [
    ...new Set(
      affected.ranges
        .filter((r) => r.type !== "GIT")
        .flatMap((r) => r.events.map(toEvent).filter((e) => e.kind === "fixed"))
        .map((e) => e.value),
    ),
  ];
  return scheme ? fixed.sort((a, b) => scheme.compare(a, b)) : fixed;
}

/**
 * Human text for the affected versions, one interval per introduced event:
 * minimist → "< 0.2.4; >= 1.0.0, < 1.2.6"; ecdsa → "<= 0.18.0". With a comparator, events and
 * intervals are sorted by version; without, they are taken in record order.
 */
export function describeOsvRanges(affected: OsvAffected, scheme?: VersionScheme): string {
  const intervals: { start: Event; text: string }[] = [];
  for (const range of affected.ranges) {
    if (range.type === "GIT") continue;
    const events = range.events.map(toEvent);
    if (scheme) events.sort(compareEvents(schemeOf(range, scheme)));
    let open: { start: Event; parts: string[] } | undefined;
    const close = (upper?: string) => {
      if (!open) return;
      if (upper) open.parts.push(upper);
      intervals.push({ start: open.start, text: open.parts.join(", ") || "all versions" });
      open = undefined;
    };
    for (const e of events) {
      if (e.kind === "introduced") {
        close();
        open = { start: e, parts: e.infinity ? [] : [`>= ${e.value}`] };
      } else if (e.kind === "fixed") close(`< ${e.value}`);
      else if (e.kind === "last_affected") close(`<= ${e.value}`);
      else if (e.kind === "limit" && !e.infinity) open?.parts.push(`(limit < ${e.value})`);
    }
    close();
  }
  if (scheme) intervals.sort((a, b) => compareEvents(scheme)(a.start, b.start));
  const parts = intervals.map((i) => i.text);
  if (affected.versions.length > 0 && parts.length === 0)
    parts.push(affected.versions.map((v) => `= ${v}`).join(", "));
  if (parts.length === 0) return affected.ranges.length > 0 ? "git commit ranges only" : "no versions";
  return parts.join("; ");
}
