/** What the public exports of the example data must never contain, and how to search them. */
import { unzipSync } from "fflate";

/**
 * The canaries in the titles of the draft, embargoed and TLP:AMBER example advisories, their ids,
 * and every incident id prefix (incidents are never published in any form).
 */
export const FORBIDDEN = [
  "CANARY",
  "CANARY-DRAFT-7f3a",
  "CANARY-EMBARGO-91c2",
  "CANARY-AMBER-4d8e",
  "NLS-SA-2026-0002", // embargoed until 2027-10-15
  "NLS-SA-2026-0004", // TLP:AMBER
  "NLS-SA-2026-0005", // draft
  "NLS-IR-",
  "EXC-IR-",
];

/** The text of an export file; a ZIP archive's entries are decompressed and concatenated. */
export function textOf(content: string | Uint8Array): string {
  if (typeof content === "string") return content;
  const entries = unzipSync(content);
  return Object.values(entries)
    .map((b) => new TextDecoder().decode(b))
    .join("\n");
}
