/**
 * The links one filter group shows on a filter page. The index pages list every value; a filter
 * page (one per product, severity, year and status) shows at most MAX_FILTER_LINKS of a group,
 * so that a vendor with a thousand products does not get a thousand links on each of a thousand
 * pages: the current value and the values with the most advisories, in list order, and a link
 * to the full list on the index.
 */
export const MAX_FILTER_LINKS = 20;

export interface FilterItem {
  value: string;
  count: number;
}

export function filterLinks<T extends FilterItem>(
  items: readonly T[],
  current: string | undefined,
  max = MAX_FILTER_LINKS,
): { shown: T[]; hidden: number } {
  if (items.length <= max) return { shown: [...items], hidden: 0 };
  const ranked = [...items].sort(
    (a, b) =>
      Number(b.value === current) - Number(a.value === current) ||
      b.count - a.count ||
      (a.value < b.value ? -1 : a.value > b.value ? 1 : 0),
  );
  const keep = new Set(ranked.slice(0, max).map((i) => i.value));
  const shown = items.filter((i) => keep.has(i.value));
  return { shown, hidden: items.length - shown.length };
}
