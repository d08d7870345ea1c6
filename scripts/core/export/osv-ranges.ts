/**
 * OSV range events from the status of each concrete inventory version (oldest first):
 *
 * - each run of consecutive affected versions starts with `introduced: <first of the run>`;
 * - the run ends with `fixed: <next version>` when the next version is fixed or not affected,
 *   stays open (no end event) when no later version exists, and ends with
 *   `last_affected: <last of the run>` when the next version's status is unknown (under
 *   investigation or not mentioned): nothing is claimed about versions the advisory does not cover.
 *
 * OSV forbids `fixed` and `last_affected` in one range, so the runs go into at most two ranges:
 * one with introduced/fixed (and open) runs, one with introduced/last_affected runs.
 */

export type VersionStatus = "affected" | "fixed" | "not_affected" | "unknown";

export type OsvEvent = { introduced: string } | { fixed: string } | { last_affected: string };

export interface OsvRange {
  type: "ECOSYSTEM";
  events: OsvEvent[];
}

export function osvRanges(versions: readonly { version: string; status: VersionStatus }[]): OsvRange[] {
  const fixedRuns: OsvEvent[] = [];
  const lastRuns: OsvEvent[] = [];
  let i = 0;
  while (i < versions.length) {
    if (versions[i]!.status !== "affected") {
      i++;
      continue;
    }
    const first = versions[i]!.version;
    let j = i;
    while (j + 1 < versions.length && versions[j + 1]!.status === "affected") j++;
    const next = versions[j + 1];
    if (!next) fixedRuns.push({ introduced: first });
    else if (next.status === "fixed" || next.status === "not_affected")
      fixedRuns.push({ introduced: first }, { fixed: next.version });
    else lastRuns.push({ introduced: first }, { last_affected: versions[j]!.version });
    i = j + 1;
  }
  const out: OsvRange[] = [];
  if (fixedRuns.length > 0) out.push({ type: "ECOSYSTEM", events: fixedRuns });
  if (lastRuns.length > 0) out.push({ type: "ECOSYSTEM", events: lastRuns });
  return out;
}
