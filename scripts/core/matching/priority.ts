/**
 * Priority of a finding, P1 (act now) to P4 (routine), from points (scripts/docs/matching.md):
 *
 * | input | points |
 * | --- | --- |
 * | CVSS base score ≥ 9.0 / ≥ 7.0 / ≥ 4.0 / below 4.0 | 3 / 2 / 1 / 0 |
 * | no CVSS score in any record | 1 (unknown is not low) |
 * | listed in CISA KEV (exploited in the wild) | +2 |
 * | EPSS probability ≥ 0.10 (or percentile ≥ 0.95) | +1 |
 * | product exposure internet / internal / local | +1 / 0 / −1 |
 *
 * P1: 5 or more; P2: 3–4; P3: 2; P4: 1 or less. So a critical flaw in an internet-facing product
 * is P2, and P1 once it is exploited (KEV) or likely to be (EPSS); a high one in a local tool is P4
 * unless exploited. An SBOM outside the inventory has no exposure (0 points).
 */
import type { Exposure, Priority } from "./types.ts";

export interface PriorityInput {
  cvssScore?: number;
  kev: boolean;
  epss?: { score: number; percentile: number };
  exposure?: Exposure;
}

export const EPSS_THRESHOLD = 0.1;
export const EPSS_PERCENTILE_THRESHOLD = 0.95;

/** The points of the rule above. */
export function priorityPoints(input: PriorityInput): number {
  const s = input.cvssScore;
  let points = s === undefined ? 1 : s >= 9 ? 3 : s >= 7 ? 2 : s >= 4 ? 1 : 0;
  if (input.kev) points += 2;
  if (
    input.epss &&
    (input.epss.score >= EPSS_THRESHOLD || input.epss.percentile >= EPSS_PERCENTILE_THRESHOLD)
  )
    points += 1;
  if (input.exposure === "internet") points += 1;
  else if (input.exposure === "local") points -= 1;
  return points;
}

/** P1..P4 from the points. */
export function priorityOf(input: PriorityInput): Priority {
  const points = priorityPoints(input);
  return points >= 5 ? "P1" : points >= 3 ? "P2" : points === 2 ? "P3" : "P4";
}
