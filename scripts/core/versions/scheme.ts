/**
 * The shape every version comparator shares. Each scheme module implements `parse` (string → its own
 * parsed form, or a reason) and `compareParsed`; `defineScheme` derives the rest so every scheme
 * behaves the same at the edges: nothing here throws on bad input.
 */

/** Names of the comparators we implement (also accepted as a product's declared scheme). */
export type SchemeName = "semver" | "go" | "pep440" | "maven" | "dpkg" | "rpm" | "apk" | "generic";

/** Outcome of parsing one version string. */
export type ParseResult<T> = { ok: true; value: T } | { ok: false; error: string };

/** Outcome of comparing two version strings: the sign of `value` orders a before/after b. */
export type CompareResult = { ok: true; value: number } | { ok: false; error: string };

/** A version ordering, e.g. Maven's ComparableVersion or Debian's dpkg ordering. */
export interface VersionScheme {
  readonly name: SchemeName;
  /** Human name for messages ("Maven", "PEP 440"). */
  readonly label: string;
  /** Checks and explains: `{ ok: false, error }` says why `v` is not a version of this scheme. */
  parse(v: string): ParseResult<unknown>;
  isValid(v: string): boolean;
  /**
   * Negative when a < b, 0 when equal, positive when a > b. Never throws: an unparsable version
   * sorts before every valid one and unparsable versions order by their text. Use `tryCompare`
   * when the caller must report unparsable input.
   */
  compare(a: string, b: string): number;
  /** Like `compare`, but says which input did not parse and why. */
  tryCompare(a: string, b: string): CompareResult;
}

/** What a scheme module provides; `defineScheme` builds the public comparator from it. */
export interface SchemeImpl<T> {
  name: SchemeName;
  label: string;
  parse(v: string): ParseResult<T>;
  compareParsed(a: T, b: T): number;
}

/** Builds a `VersionScheme` with the shared never-throwing behaviour. */
export function defineScheme<T>(impl: SchemeImpl<T>): VersionScheme & { compareParsed(a: T, b: T): number } {
  const { name, label, parse, compareParsed } = impl;
  const tryCompare = (a: string, b: string): CompareResult => {
    const pa = parse(a);
    if (!pa.ok) return { ok: false, error: unparsable(label, a, pa.error) };
    const pb = parse(b);
    if (!pb.ok) return { ok: false, error: unparsable(label, b, pb.error) };
    return { ok: true, value: sign(compareParsed(pa.value, pb.value)) };
  };
  return {
    name,
    label,
    parse,
    compareParsed,
    isValid: (v) => parse(v).ok,
    tryCompare,
    compare(a, b) {
      const pa = parse(a);
      const pb = parse(b);
      if (pa.ok && pb.ok) return sign(compareParsed(pa.value, pb.value));
      if (pa.ok) return 1;
      if (pb.ok) return -1;
      return compareStrings(a, b);
    },
  };
}

/** The message every scheme uses for a version it cannot read. */
export function unparsable(label: string, v: string, reason: string): string {
  return `unparsable ${label} version ${JSON.stringify(v)}: ${reason}`;
}

/** -1, 0 or 1. */
export const sign = (n: number): number => (n < 0 ? -1 : n > 0 ? 1 : 0);

/** Code-unit order (like C `strcmp` on ASCII and Java `String.compareTo`), not locale order. */
export const compareStrings = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Compares two strings of ASCII digits by numeric value, any length (no precision loss). */
export function compareDigits(a: string, b: string): number {
  const x = a.replace(/^0+/, "");
  const y = b.replace(/^0+/, "");
  return x.length !== y.length ? sign(x.length - y.length) : compareStrings(x, y);
}

/** ASCII digit test that accepts `undefined` (past the end of a string). */
export const isDigit = (c: string | undefined): boolean => c !== undefined && c >= "0" && c <= "9";
/** ASCII letter test that accepts `undefined`. */
export const isAlpha = (c: string | undefined): boolean =>
  c !== undefined && ((c >= "a" && c <= "z") || (c >= "A" && c <= "Z"));

/** The parts of `[epoch:]version[-release]`, as Debian and RPM write versions. */
export interface EpochVersionRelease {
  /** Digits; "0" when the version has no epoch. */
  epoch: string;
  /** Everything after the epoch colon (the whole string without one). */
  rest: string;
  /** `rest` before its last hyphen. */
  version: string;
  /** `rest` after its last hyphen; undefined without a hyphen. */
  release: string | undefined;
}

/** Splits `[epoch:]version[-release]`: not empty, no whitespace, a numeric epoch. */
export function splitEpochVersionRelease(v: string): ParseResult<EpochVersionRelease> {
  if (v === "") return { ok: false, error: "empty version" };
  if (/\s/.test(v)) return { ok: false, error: "contains whitespace" };
  const colon = v.indexOf(":");
  const epoch = colon === -1 ? "0" : v.slice(0, colon);
  if (!/^\d+$/.test(epoch)) return { ok: false, error: `epoch ${JSON.stringify(epoch)} is not a number` };
  const rest = colon === -1 ? v : v.slice(colon + 1);
  const hyphen = rest.lastIndexOf("-");
  return {
    ok: true,
    value: {
      epoch,
      rest,
      version: hyphen === -1 ? rest : rest.slice(0, hyphen),
      release: hyphen === -1 ? undefined : rest.slice(hyphen + 1),
    },
  };
}
