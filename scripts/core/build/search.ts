/**
 * Which built pages Pagefind indexes: the advisory pages only (their content is marked with
 * data-pagefind-body). Reading just those keeps indexing proportional to the advisories rather
 * than to every filter and CVE page.
 */
export const SEARCH_GLOB = "advisories/*-SA-*/index.html";
