/**
 * Version comparators that remember what they parsed. Matching compares the same few versions
 * (range events, component versions) many times over; parsing each string once keeps the cost of
 * a run proportional to components + records. Behaviour is exactly the wrapped comparator's.
 */
import type { CompareResult, ParseResult, VersionScheme } from "../versions/index.ts";
import { compareStrings, sign, unparsable } from "../versions/scheme.ts";

type WithParsed = VersionScheme & { compareParsed?: (a: unknown, b: unknown) => number };

/** A memoizing view of `scheme`; one per run (the memo grows with the distinct versions seen). */
export function memoScheme(scheme: VersionScheme): VersionScheme {
  const memo = new Map<string, ParseResult<unknown>>();
  const parse = (v: string): ParseResult<unknown> => {
    let r = memo.get(v);
    if (r === undefined) {
      r = scheme.parse(v);
      memo.set(v, r);
    }
    return r;
  };
  const compareParsed = (scheme as WithParsed).compareParsed;
  // Without compareParsed (not built by defineScheme) fall back to the scheme's own compare.
  const compareValid = compareParsed ? (a: unknown, b: unknown) => sign(compareParsed(a, b)) : undefined;
  const memoized: VersionScheme & { compareParsed?: (a: unknown, b: unknown) => number } = {
    name: scheme.name,
    label: scheme.label,
    parse,
    isValid: (v) => parse(v).ok,
    compare(a, b) {
      if (!compareValid) return scheme.compare(a, b);
      const pa = parse(a);
      const pb = parse(b);
      if (pa.ok && pb.ok) return compareValid(pa.value, pb.value);
      if (pa.ok) return 1;
      if (pb.ok) return -1;
      return compareStrings(a, b);
    },
    tryCompare(a, b): CompareResult {
      if (!compareValid) return scheme.tryCompare(a, b);
      const pa = parse(a);
      if (!pa.ok) return { ok: false, error: unparsable(scheme.label, a, pa.error) };
      const pb = parse(b);
      if (!pb.ok) return { ok: false, error: unparsable(scheme.label, b, pb.error) };
      return { ok: true, value: compareValid(pa.value, pb.value) };
    },
  };
  // Kept visible so that prepared evaluations (compiled-osv.ts) can compare parsed values.
  if (compareParsed) memoized.compareParsed = compareParsed;
  return memoized;
}

/** Memoized comparators by scheme name, created on first use. */
export class SchemeCache {
  readonly #schemes = new Map<string, VersionScheme>();

  get(scheme: VersionScheme): VersionScheme {
    let s = this.#schemes.get(scheme.name);
    if (s === undefined) {
      s = memoScheme(scheme);
      this.#schemes.set(scheme.name, s);
    }
    return s;
  }
}
