/** A cap on the findings of one kind in one file: a generated file can hold thousands of the same mistake. */
import type { Finding } from "../finding.ts";

/** Findings of one kind listed per file; the rest are summed up in one more finding. */
export const MAX_FINDINGS_PER_FILE = 100;

/**
 * The finding that stands for `omitted` findings not listed, at the first of them (`next`): same
 * code, file and position, so that a user who fixes the listed ones goes on from there.
 */
export function moreFindings(next: Finding, omitted: number, what: string): Finding {
  return {
    ...next,
    message: `… and ${omitted} more ${what} in this file, not listed; the next: ${next.message}`,
    hint: `fix the ${MAX_FINDINGS_PER_FILE} listed above and validate again`,
  };
}
