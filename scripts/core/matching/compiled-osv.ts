/**
 * The OSV evaluation of scripts/core/match/osv-range.ts, prepared once per affected entry: event
 * versions parsed and sorted ahead of time, so that testing a version costs a few comparisons of
 * parsed values instead of re-reading the events on every call. It decides exactly what
 * `evaluateOsv(...).affected` decides (test/core/matching/compiled-osv.test.ts checks this on
 * random ranges and versions of every scheme); whenever evaluateOsv would report a problem (an
 * unparsable version), it answers `undefined` and the caller asks evaluateOsv itself.
 */
import type { OsvEvent, PackageAffected } from "../feeds/types.ts";
import type { ParseResult, VersionScheme } from "../versions/index.ts";
import { semver } from "../versions/semver.ts";

type Parse = (v: string) => ParseResult<unknown>;
type Compare = (a: unknown, b: unknown) => number;

interface Ordering {
  parse: Parse;
  compare: Compare;
}

interface Event {
  kind: "introduced" | "fixed" | "last_affected" | "limit";
  /** Parsed version; undefined for the infinities. */
  value: unknown;
  /** -1: `introduced: "0"`, before everything; 1: a `limit` containing `*`, after everything. */
  infinity: -1 | 0 | 1;
}

interface Range {
  ordering: Ordering;
  events: Event[];
  limits: Event[];
}

/** A prepared entry: `true`/`false`, or `undefined` when evaluateOsv must decide (and explain). */
export type CompiledEntry = (version: string) => boolean | undefined;

/** The ordering of a scheme built by defineScheme (parse + compareParsed), if it exposes one. */
function orderingOf(scheme: VersionScheme, parse: Parse): Ordering | undefined {
  const compareParsed = (scheme as VersionScheme & { compareParsed?: Compare }).compareParsed;
  return compareParsed ? { parse, compare: compareParsed } : undefined;
}

const semverOrdering = orderingOf(semver, (v) => semver.parse(v));

/**
 * Prepares `affected` for repeated tests with `scheme` (the record's ecosystem ordering, itself
 * built by defineScheme) and `parse` (a memoizing parse of that scheme). Undefined when some event
 * version does not parse: evaluateOsv then reports it for every component.
 */
export function compileAffected(
  affected: Pick<PackageAffected, "ranges" | "versions">,
  scheme: VersionScheme,
  parse: Parse = (v) => scheme.parse(v),
): CompiledEntry | undefined {
  const ecosystem = orderingOf(scheme, parse);
  if (ecosystem === undefined || semverOrdering === undefined) return undefined;
  // An entry is kept for the whole run (hundreds of thousands in a large one): nothing is
  // allocated for what it does not have (explicit versions, limits).
  let listed: Set<string> | undefined;
  let listedParsed: unknown[] | undefined;
  if (affected.versions.length > 0) {
    listed = new Set(affected.versions);
    const parsed: unknown[] = [];
    for (const v of affected.versions) {
      const p = ecosystem.parse(v);
      if (p.ok) parsed.push(p.value);
    }
    if (parsed.length > 0) listedParsed = parsed;
  }
  const ranges: Range[] = [];
  for (const range of affected.ranges) {
    if (range.type === "GIT") continue;
    const ordering = range.type === "SEMVER" ? semverOrdering : ecosystem;
    const events: Event[] = [];
    let limits = NO_LIMITS;
    for (const e of range.events) {
      const [kind, value] = eventOf(e);
      const infinity =
        kind === "introduced" && value === "0" ? -1 : kind === "limit" && value.includes("*") ? 1 : 0;
      let event: Event;
      if (infinity !== 0) event = { kind, value: undefined, infinity };
      else {
        const p = ordering.parse(value);
        if (!p.ok) return undefined;
        event = { kind, value: p.value, infinity };
      }
      events.push(event);
      if (kind === "limit") limits = limits === NO_LIMITS ? [event] : [...limits, event];
    }
    // Same comparator as osv-range.ts's compareEvents; Array.prototype.sort is stable.
    events.sort((a, b) =>
      a.infinity || b.infinity ? a.infinity - b.infinity : Math.sign(ordering.compare(a.value, b.value)),
    );
    ranges.push({ ordering, events, limits });
  }
  return test.bind({ ecosystem, listed, listedParsed, ranges });
}

const NO_LIMITS: Event[] = [];

interface Prepared {
  ecosystem: Ordering;
  listed: Set<string> | undefined;
  listedParsed: unknown[] | undefined;
  ranges: Range[];
}

function test(this: Prepared, version: string): boolean | undefined {
  const { ecosystem, listedParsed } = this;
  if (this.listed?.has(version)) return true;
  if (listedParsed !== undefined) {
    const p = ecosystem.parse(version);
    if (p.ok && listedParsed.some((l) => ecosystem.compare(l, p.value) === 0)) return true;
  }
  let hit = false;
  for (const range of this.ranges) {
    const p = range.ordering.parse(version);
    if (!p.ok) return undefined;
    if (!hit && included(p.value, range)) hit = true;
  }
  return hit;
}

/** The one key of an OSV event and its version. */
function eventOf(e: OsvEvent): [Event["kind"], string] {
  if ("introduced" in e) return ["introduced", e.introduced];
  if ("fixed" in e) return ["fixed", e.fixed];
  if ("last_affected" in e) return ["last_affected", e.last_affected];
  return ["limit", e.limit];
}

/** osv-range.ts's includedInRange on parsed values. */
function included(v: unknown, range: Range): boolean {
  const cmp = (e: Event): number =>
    e.infinity ? -e.infinity : Math.sign(range.ordering.compare(v, e.value));
  if (range.limits.length > 0 && !range.limits.some((e) => cmp(e) < 0)) return false;
  let vulnerable = false;
  for (const e of range.events) {
    if (e.kind === "introduced" && cmp(e) >= 0) vulnerable = true;
    else if (e.kind === "fixed" && cmp(e) >= 0) vulnerable = false;
    else if (e.kind === "last_affected" && cmp(e) > 0) vulnerable = false;
  }
  return vulnerable;
}
