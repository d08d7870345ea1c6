/**
 * A filter page lists at most MAX_FILTER_LINKS values of a group: the current one and those with
 * the most advisories, in list order; short groups are listed whole.
 */
import { describe, expect, it } from "vitest";
import { filterLinks, MAX_FILTER_LINKS } from "../../site/src/lib/filter-links.ts";

const items = (n: number) =>
  Array.from({ length: n }, (_, i) => ({ value: `p${String(i).padStart(4, "0")}`, count: (i * 7) % 13 }));

describe("filterLinks", () => {
  it("keeps a group of up to the limit whole, in order", () => {
    const list = items(MAX_FILTER_LINKS);
    expect(filterLinks(list, undefined)).toEqual({ shown: list, hidden: 0 });
  });

  it("cuts a long group to the limit: the current value first, then the most advisories, in list order", () => {
    const list = items(1000);
    const { shown, hidden } = filterLinks(list, "p0001");
    expect(shown.length).toBe(MAX_FILTER_LINKS);
    expect(hidden).toBe(1000 - MAX_FILTER_LINKS);
    expect(shown.map((i) => i.value)).toContain("p0001"); // count 7, kept as the current value
    const threshold = Math.min(...shown.filter((i) => i.value !== "p0001").map((i) => i.count));
    expect(list.filter((i) => i.count > threshold).every((i) => shown.includes(i))).toBe(true);
    expect(shown).toEqual(list.filter((i) => shown.includes(i))); // list order kept
  });
});
