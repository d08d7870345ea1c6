/** Percentile (nearest rank) and median, table-driven. */
import { describe, expect, it } from "vitest";
import { median, percentile, summarize } from "../../../scripts/core/metrics/stats.ts";

describe("percentile: nearest rank, value at rank ⌈p/100 × N⌉ of the sorted values", () => {
  const cases: [number[], number, number | undefined][] = [
    [[], 90, undefined],
    [[7], 0, 7],
    [[7], 50, 7],
    [[7], 90, 7],
    [[7], 100, 7],
    // N = 2: p90 → rank ⌈1.8⌉ = 2; p50 → rank 1
    [[12, 19], 90, 19],
    [[19, 12], 50, 12],
    // N = 5: p90 → rank ⌈4.5⌉ = 5; p80 → rank 4; p20 → rank 1; p21 → rank ⌈1.05⌉ = 2
    [[15, 20, 35, 40, 50], 90, 50],
    [[15, 20, 35, 40, 50], 80, 40],
    [[15, 20, 35, 40, 50], 20, 15],
    [[15, 20, 35, 40, 50], 21, 20],
    [[15, 20, 35, 40, 50], 0, 15],
    [[50, 40, 35, 20, 15], 100, 50],
    // N = 10 (1…10): p90 → rank 9 = 9; p91 → rank ⌈9.1⌉ = 10
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90, 9],
    [[10, 9, 8, 7, 6, 5, 4, 3, 2, 1], 91, 10],
    // N = 13 (the example's time to triage): p90 → rank ⌈11.7⌉ = 12
    [[0, 0, 1, 1, 1, 1, 1, 2, 2, 3, 3, 3, 3], 90, 3],
    // duplicates and fractions
    [[0.5, 0.25, 0.25], 50, 0.25],
  ];
  it.each(cases)("percentile(%j, %d) = %s", (values, p, expected) => {
    expect(percentile(values, p)).toBe(expected);
  });

  it("rejects p outside 0…100", () => {
    expect(() => percentile([1], 101)).toThrow(RangeError);
    expect(() => percentile([1], -1)).toThrow(RangeError);
    expect(() => percentile([1], Number.NaN)).toThrow(RangeError);
  });

  it("does not reorder its input", () => {
    const values = [3, 1, 2];
    percentile(values, 50);
    expect(values).toEqual([3, 1, 2]);
  });
});

describe("median: middle value, mean of the two middle values for an even count", () => {
  const cases: [number[], number | undefined][] = [
    [[], undefined],
    [[4], 4],
    [[12, 19], 15.5],
    [[3, 1, 2], 2],
    [[1, 1, 1, 1, 2, 2], 1],
    [[12, 19, 35, 53, 63, 71, 84, 92], 58],
    [[-1, 1], 0],
  ];
  it.each(cases)("median(%j) = %s", (values, expected) => {
    expect(median(values)).toBe(expected);
  });
});

describe("summarize", () => {
  it("gives count, median and p90, and only the count for no values", () => {
    expect(summarize([35, 53])).toEqual({ count: 2, median: 44, p90: 53 });
    expect(summarize([])).toEqual({ count: 0 });
  });
});
