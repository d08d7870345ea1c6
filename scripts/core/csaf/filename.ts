/** CSAF 2.0 section 5.1: the file name of a CSAF document follows from its tracking id. */

/**
 * The file name of the CSAF document with tracking id `trackingId`: the id in lower case, every
 * run of characters outside `[+\-a-z0-9]` replaced by one `_`, then `.json`
 * (`EXC-SA-2026-0001` → `exc-sa-2026-0001.json`, `OASIS: #/CSAF` → `oasis_csaf.json`).
 */
export function csafFileName(trackingId: string): string {
  return `${trackingId.toLowerCase().replace(/[^+\-a-z0-9]+/g, "_")}.json`;
}
