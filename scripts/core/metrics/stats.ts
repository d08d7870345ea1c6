/**
 * Order statistics for the metrics, with the methods spelled out (scripts/docs/metrics.md):
 *
 * - `percentile(values, p)`: the nearest-rank method. Sort ascending; the p-th percentile is the
 *   value at 1-based rank ⌈p/100 × N⌉ (rank 1 for p = 0). Always one of the measured values, so
 *   "90 % of cases took at most this long" holds exactly.
 * - `median(values)`: the middle value; for an even count the mean of the two middle values (the
 *   usual definition; nearest rank would report the lower of the two).
 *
 * Both return undefined for no values.
 */

function sorted(values: readonly number[]): number[] {
  return [...values].sort((a, b) => a - b);
}

/** Nearest-rank percentile, `p` in [0, 100]. */
export function percentile(values: readonly number[], p: number): number | undefined {
  if (!(p >= 0 && p <= 100)) throw new RangeError(`percentile must be between 0 and 100, got ${p}`);
  if (values.length === 0) return undefined;
  const s = sorted(values);
  const rank = Math.max(1, Math.ceil((p / 100) * s.length));
  return s[rank - 1];
}

/** Median: the middle value, or the mean of the two middle values for an even count. */
export function median(values: readonly number[]): number | undefined {
  if (values.length === 0) return undefined;
  const s = sorted(values);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid] : (s[mid - 1]! + s[mid]!) / 2;
}

export interface Summary {
  count: number;
  median?: number;
  p90?: number;
}

/** Count, median and 90th percentile of a list of durations. */
export function summarize(values: readonly number[]): Summary {
  const out: Summary = { count: values.length };
  const m = median(values);
  const p = percentile(values, 90);
  if (m !== undefined) out.median = m;
  if (p !== undefined) out.p90 = p;
  return out;
}
