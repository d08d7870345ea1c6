/**
 * Version ranges as our advisories write them: the purl `vers` syntax
 * (https://github.com/package-url/purl-spec/blob/main/VERSION-RANGE-SPEC.rst) with the
 * `vers:<scheme>/` prefix optional. `>=2.0.0|<2.17.1`, `<0.2.4|>=1.0.0|<1.2.6`, `1.2.3`, `*`.
 * Parsing validates as the spec requires (sorted, unique versions; bounds alternate); containment
 * follows the spec's algorithm.
 */
import { getScheme, schemeFor } from "./index.ts";
import type { SchemeName, VersionScheme } from "./scheme.ts";

export type Comparator = "=" | "!=" | "<" | "<=" | ">" | ">=";

export interface Constraint {
  comparator: Comparator;
  /** The version as written (after URL-unquoting). */
  version: string;
}

/** A parsed, validated range: constraints sorted by version, each version once. */
export interface VersionRange {
  scheme: SchemeName;
  /** `*`: every version. `constraints` is then empty. */
  all: boolean;
  constraints: Constraint[];
}

export type ParseRangeResult = { ok: true; range: VersionRange } | { ok: false; error: string };

const COMPARATORS: readonly string[] = ["=", "!=", "<", "<=", ">", ">="];
const isLower = (c: Comparator): boolean => c === "<" || c === "<=";
const isUpper = (c: Comparator): boolean => c === ">" || c === ">=";

const fail = (error: string): ParseRangeResult => ({ ok: false, error });

/**
 * Parses a range for the given scheme (a scheme name, OSV ecosystem or purl type, or a comparator).
 * Never throws; errors say what is wrong, what was expected and what was found.
 */
export function parseRange(text: string, scheme: string | VersionScheme): ParseRangeResult {
  const expected = typeof scheme === "string" ? schemeFor(scheme) : scheme;
  if (!expected) return fail(`unknown versioning scheme ${JSON.stringify(scheme)}`);
  let body = text.replace(/[ \t]/g, "");
  if (body.startsWith("vers:")) {
    const slash = body.indexOf("/");
    if (slash === -1) return fail(`expected "vers:<scheme>/<constraints>", found ${JSON.stringify(text)}`);
    const declared = body.slice("vers:".length, slash);
    const named = schemeFor(declared);
    if (declared !== declared.toLowerCase()) {
      return fail(`the versioning scheme must be lowercase: found "vers:${declared}/"`);
    }
    if (!named) return fail(`unknown versioning scheme "${declared}" in "vers:${declared}/"`);
    if (named.name !== expected.name) {
      return fail(
        `range is for "${declared}" (${named.label} ordering) but ${expected.label} ordering is expected here`,
      );
    }
    body = body.slice(slash + 1);
  }
  if (body === "")
    return fail("empty range: expected constraints such as >=1.0.0|<1.2.0, or * for all versions");
  if (body === "*") return { ok: true, range: { scheme: expected.name, all: true, constraints: [] } };
  if (body.includes("*"))
    return fail(`"*" must stand alone, without other constraints: found ${JSON.stringify(text)}`);

  const constraints: Constraint[] = [];
  for (const part of body.split("|").filter((p) => p !== "")) {
    const c = parseConstraint(part, expected);
    if ("error" in c) return fail(c.error);
    constraints.push(c);
  }
  if (constraints.length === 0) return fail("empty range: only pipes were found");
  const problem = checkOrder(constraints, expected);
  if (problem) return fail(problem);
  return { ok: true, range: { scheme: expected.name, all: false, constraints } };
}

function parseConstraint(part: string, scheme: VersionScheme): Constraint | { error: string } {
  const op = /^[<>=!~^]*/.exec(part)![0];
  if (op !== "" && !COMPARATORS.includes(op)) {
    return { error: `unknown comparator "${op}" in "${part}": expected one of =, !=, <, <=, >, >=` };
  }
  let version = part.slice(op.length);
  if (version === "") return { error: `missing version after "${op}"` };
  if (version.includes("%")) {
    try {
      version = decodeURIComponent(version);
    } catch {
      return { error: `bad percent-encoding in version ${JSON.stringify(version)}` };
    }
  }
  const parsed = scheme.parse(version);
  if (!parsed.ok) {
    return {
      error: `unparsable ${scheme.label} version ${JSON.stringify(version)} in "${part}": ${parsed.error}`,
    };
  }
  return { comparator: (op || "=") as Comparator, version };
}

/** The vers validation rules: sorted unique versions, then which comparator may follow which. */
function checkOrder(constraints: Constraint[], scheme: VersionScheme): string | undefined {
  for (let i = 1; i < constraints.length; i++) {
    const prev = constraints[i - 1]!;
    const cur = constraints[i]!;
    const c = scheme.compare(prev.version, cur.version);
    if (c === 0) {
      return `version ${cur.version} appears twice ("${show(prev)}" and "${show(cur)}"); each version may appear only once`;
    }
    if (c > 0) {
      const sorted = [...constraints].sort((a, b) => scheme.compare(a.version, b.version));
      return `constraints must be sorted by version: "${show(cur)}" comes after "${show(prev)}"; expected ${sorted.map(show).join("|")}`;
    }
  }
  const kept = constraints.filter((c) => c.comparator !== "!=");
  for (let i = 1; i < kept.length; i++) {
    const prev = kept[i - 1]!;
    const cur = kept[i]!;
    if (prev.comparator === "=" && isLower(cur.comparator)) {
      return `"${show(cur)}" cannot follow "${show(prev)}": the upper bound already includes ${prev.version}`;
    }
  }
  const bounds = kept.filter((c) => c.comparator !== "=");
  for (let i = 1; i < bounds.length; i++) {
    const prev = bounds[i - 1]!;
    const cur = bounds[i]!;
    if (isLower(prev.comparator) === isLower(cur.comparator)) {
      const kind = isLower(cur.comparator) ? "upper" : "lower";
      return `"${show(cur)}" cannot follow "${show(prev)}": two ${kind} bounds in a row; lower (>, >=) and upper (<, <=) bounds must alternate`;
    }
  }
  return undefined;
}

const show = (c: Constraint): string => (c.comparator === "=" ? c.version : `${c.comparator}${c.version}`);

/** Result of testing one version; `ok: false` when the version does not parse. */
export type ContainsResult = { ok: true; value: boolean } | { ok: false; error: string };

/** The vers containment algorithm; says so when `version` is unparsable. */
export function testRange(version: string, range: VersionRange): ContainsResult {
  const scheme = getScheme(range.scheme);
  const parsed = scheme.parse(version);
  if (!parsed.ok)
    return {
      ok: false,
      error: `unparsable ${scheme.label} version ${JSON.stringify(version)}: ${parsed.error}`,
    };
  if (range.all) return { ok: true, value: true };
  const cmp = (a: string, b: string): number => scheme.compare(a, b);
  const { constraints } = range;
  for (const c of constraints) {
    if (
      (c.comparator === "=" || c.comparator === "<=" || c.comparator === ">=") &&
      cmp(version, c.version) === 0
    ) {
      return { ok: true, value: true };
    }
  }
  for (const c of constraints) {
    if (c.comparator === "!=" && cmp(version, c.version) === 0) return { ok: true, value: false };
  }
  const bounds = constraints.filter((c) => c.comparator !== "=" && c.comparator !== "!=");
  // Only "=" / "!=": the spec's pairwise walk says nothing; "!=" alone means "all but these".
  if (bounds.length === 0) return { ok: true, value: constraints.every((c) => c.comparator === "!=") };
  // A single bound: the spec's pairwise walk has no pair; the bound alone decides.
  if (bounds.length === 1) {
    const only = bounds[0]!;
    const c = cmp(version, only.version);
    return { ok: true, value: isLower(only.comparator) ? c < 0 : c > 0 };
  }
  for (let i = 0; i + 1 < bounds.length; i++) {
    const cur = bounds[i]!;
    const next = bounds[i + 1]!;
    if (i === 0 && isLower(cur.comparator) && cmp(version, cur.version) < 0) return { ok: true, value: true };
    if (i + 2 === bounds.length && isUpper(next.comparator) && cmp(version, next.version) > 0) {
      return { ok: true, value: true };
    }
    if (
      isUpper(cur.comparator) &&
      isLower(next.comparator) &&
      cmp(version, cur.version) > 0 &&
      cmp(version, next.version) < 0
    ) {
      return { ok: true, value: true };
    }
  }
  return { ok: true, value: false };
}

/** True when `version` is in the range; false also when it does not parse (use `testRange` to tell). */
export function inRange(version: string, range: VersionRange): boolean {
  const r = testRange(version, range);
  return r.ok && r.value;
}

/** The canonical text (`>=2.0.0|<2.17.1`), optionally with the `vers:<scheme>/` prefix. */
export function formatRange(range: VersionRange, prefix?: string): string {
  const body = range.all ? "*" : range.constraints.map(show).join("|");
  return prefix ? `vers:${prefix}/${body}` : body;
}

/**
 * Human text: intervals separated by "; ", bounds within one by ", ".
 * `>=2.0.0|<2.17.1` → ">= 2.0.0, < 2.17.1"; `<0.2.4|>=1.0.0|<1.2.6` → "< 0.2.4; >= 1.0.0, < 1.2.6".
 */
export function describeRange(range: VersionRange): string {
  if (range.all) return "all versions";
  const groups: string[][] = [];
  let open = false;
  for (const c of range.constraints) {
    const text = `${c.comparator} ${c.version}`;
    if (open) groups[groups.length - 1]!.push(text);
    else groups.push([text]);
    open = isUpper(c.comparator) || (c.comparator === "!=" && open);
  }
  return groups.map((g) => g.join(", ")).join("; ");
}
