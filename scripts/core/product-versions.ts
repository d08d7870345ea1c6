/**
 * Version ranges over a product's declared scheme (adapter over scripts/core/versions/range.ts), and
 * which inventory versions a range in an advisory stands for (`rangeCoverage`).
 */
import { dateMs } from "../../schemas/common.ts";
import type { ProductVersion } from "../../schemas/product.ts";
import { getScheme } from "./versions/index.ts";
import { inRange, parseRange } from "./versions/range.ts";

export type CompiledRange =
  | {
      ok: true;
      text: string;
      contains(version: string): boolean;
      /** True when the range names `version` exactly (`7.3.2`, `=7.3.2`, `7.3.1|7.3.2`). */
      names(version: string): boolean;
    }
  | { ok: false; error: string };

export function compileRange(text: string, scheme: string): CompiledRange {
  const parsed = parseRange(text, scheme);
  if (!parsed.ok) return { ok: false, error: parsed.error };
  const range = parsed.range;
  const order = getScheme(range.scheme);
  const exact = range.constraints.filter((c) => c.comparator === "=").map((c) => c.version);
  const equal = (a: string, b: string) => {
    const c = order.tryCompare(a, b);
    return c.ok && c.value === 0;
  };
  return {
    ok: true,
    text,
    contains: (v: string) => inRange(v, range),
    names: (v: string) => exact.some((e) => equal(v, e)),
  };
}

const DAY_MS = 86_400_000;

/**
 * True when a version released at `released` was out by `date`. A calendar date stands for its
 * whole UTC day (dates are 00:00 UTC elsewhere: dateMs), so a release and a revision of the same
 * day match whichever of the two carries a time of day.
 */
export function releasedBy(released: string, date: string): boolean {
  const end = dateMs(date) + (date.length === 10 ? DAY_MS - 1 : 0);
  return dateMs(released) <= end;
}

/** The inventory versions inside a range, split by whether an advisory dated `asOf` covers them. */
export interface RangeCoverage {
  /** Covered, in inventory order: released by `asOf`, or named exactly by the range. */
  covered: string[];
  /** Inside the range but released after `asOf` (and not named exactly): not covered. */
  later: ProductVersion[];
}

/**
 * Which versions a range of an advisory whose current revision is dated `asOf` stands for. A range
 * covers the releases out by that date, so a later release never changes a published document
 * under the same revision: it appears once the advisory gets a revision dated on or after it. A
 * version the range names exactly is the analyst's explicit statement (a fix announced before its
 * release date) and is covered whatever its date; it had to be in the inventory already for the
 * advisory to validate (PSIRT-E024), so adding releases cannot change that either.
 */
export function rangeCoverage(
  range: Extract<CompiledRange, { ok: true }>,
  versions: readonly ProductVersion[],
  asOf: string,
): RangeCoverage {
  const out: RangeCoverage = { covered: [], later: [] };
  for (const v of versions) {
    if (!range.contains(v.version)) continue;
    if (releasedBy(v.released, asOf) || range.names(v.version)) out.covered.push(v.version);
    else out.later.push(v);
  }
  return out;
}

/**
 * Whether two labels name the same shipped version as written, a leading `v` aside (`v1.2.0` and
 * `1.2.0`): an SBOM's `metadata.component.version` against the inventory's version.
 */
export const sameVersionName = (a: string, b: string): boolean => {
  const bare = (v: string) => v.trim().replace(/^v(?=\d)/i, "");
  return bare(a) === bare(b);
};

/** The hint for an unknown product id: the ids there are, or how to add the first one. */
export function productIdHint(ids: Iterable<string>): string {
  const known = [...ids].join(", ");
  return known === ""
    ? "no product is defined yet: add inventory/products/<id>.yaml first"
    : `use a product id from inventory/products/ (${known})`;
}
