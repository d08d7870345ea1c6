/**
 * Which built pages Pagefind indexes: the advisory pages only (their content is marked with
 * data-pagefind-body). Reading just those keeps indexing proportional to the advisories rather
 * than to every filter and CVE page.
 */
export const SEARCH_GLOB = "advisories/*-SA-*/index.html";

/**
 * Pagefind writes `pagefind-entry.json` with `include_characters` in hash-set order, which can
 * differ between runs; the reader does not care about the order, reproducible builds do.
 */
export function canonicalPagefindEntry(text: string): string {
  const entry = JSON.parse(text) as { include_characters?: string[] };
  if (Array.isArray(entry.include_characters))
    entry.include_characters = [...entry.include_characters].sort();
  return JSON.stringify(entry);
}
