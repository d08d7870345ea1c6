/**
 * Treatment urgency: whether an incident calls for an immediate bugfix or can wait for the next
 * planned release. The rule is a table (scripts/docs/workflow.md, "Treatment urgency"); the first
 * row that matches decides:
 *
 * | # | condition                                                                   | recommends      |
 * | 1 | no analysed product version is affected                                     | planned_release |
 * | 2 | listed in CISA KEV (`intel.kev_date_added`)                                  | immediate_fix   |
 * | 3 | CVSS ≥ 9.0 and exposure internet or internal                                 | immediate_fix   |
 * | 4 | CVSS ≥ 7.0 and exposure internet                                             | immediate_fix   |
 * | 5 | EPSS ≥ 0.1 or EPSS percentile ≥ 0.95, and exposure internet or internal      | immediate_fix   |
 * | 6 | otherwise                                                                    | planned_release |
 *
 * CVSS is the highest base score of the incident's and its analyses' vectors (v3 and v4). Exposure
 * is the widest `exposure` of the inventory products whose analysis is exploitable or in_triage;
 * with no analysis yet it is taken as internet (assume the worst until analysed). Pure.
 */
import type { Incident } from "../../../schemas/incident.ts";
import type { Product } from "../../../schemas/product.ts";
import { scoreCvss } from "../cvss/index.ts";

export type Exposure = Product["exposure"];
export type Decision = "immediate_fix" | "planned_release";

export interface UrgencyInput {
  /** Highest CVSS base score, if any vector scores. */
  cvss?: number;
  /** Date the vulnerability was added to CISA KEV, if it is listed. */
  kevDateAdded?: string;
  epss?: number;
  epssPercentile?: number;
  /** Widest exposure of the affected products; "none" when the analysis found nothing affected. */
  exposure: Exposure | "none";
  /** True when exposure was assumed (no analysis yet). */
  exposureAssumed: boolean;
}

export interface Urgency {
  decision: Decision;
  /** Table row (1–6) that decided. */
  row: number;
  /** Why, in words: "listed in CISA KEV since 2021-12-10". */
  reason: string;
}

export const EPSS_THRESHOLD = 0.1;
export const EPSS_PERCENTILE_THRESHOLD = 0.95;

const EXPOSURE_RANK: Record<Exposure, number> = { local: 0, internal: 1, internet: 2 };
const AFFECTED_STATES: ReadonlySet<string> = new Set(["exploitable", "in_triage"]);

function maxScore(vectors: readonly (string | undefined)[]): number | undefined {
  let best: number | undefined;
  for (const vector of vectors) {
    if (!vector) continue;
    const r = scoreCvss(vector);
    if (!("error" in r) && (best === undefined || r.baseScore > best)) best = r.baseScore;
  }
  return best;
}

/** The inputs of the rule, read from an incident and the inventory's products. */
export function urgencyInput(
  incident: Incident,
  products: ReadonlyMap<string, { exposure: Exposure }>,
): UrgencyInput {
  const cvss = maxScore([
    incident.cvss?.v3?.vector,
    incident.cvss?.v4?.vector,
    ...incident.analysis.flatMap((a) => [a.cvss?.v3?.vector, a.cvss?.v4?.vector]),
  ]);
  let exposure: Exposure | "none" = "internet";
  let exposureAssumed = true;
  if (incident.analysis.length > 0) {
    exposureAssumed = false;
    const affected = incident.analysis.filter((a) => AFFECTED_STATES.has(a.state));
    if (affected.length === 0) exposure = "none";
    else {
      // An affected product missing from the inventory (validate reports it) counts as internet.
      const ranks = affected.map((a) => EXPOSURE_RANK[products.get(a.product)?.exposure ?? "internet"]);
      exposure = (Object.keys(EXPOSURE_RANK) as Exposure[])[Math.max(...ranks)]!;
    }
  }
  return {
    cvss,
    kevDateAdded: incident.intel?.kev_date_added,
    epss: incident.intel?.epss,
    epssPercentile: incident.intel?.epss_percentile,
    exposure,
    exposureAssumed,
  };
}

/** Applies the table above. */
export function recommendTreatment(input: UrgencyInput): Urgency {
  const { cvss, exposure } = input;
  const where = `${exposure === "internet" ? "internet-facing" : exposure} product${input.exposureAssumed ? " (exposure assumed: no analysis yet)" : ""}`;
  if (exposure === "none")
    return { decision: "planned_release", row: 1, reason: "no analysed product version is affected" };
  if (input.kevDateAdded)
    return {
      decision: "immediate_fix",
      row: 2,
      reason: `known exploited: listed in CISA KEV since ${input.kevDateAdded}`,
    };
  if (cvss !== undefined && cvss >= 9 && exposure !== "local")
    return { decision: "immediate_fix", row: 3, reason: `CVSS ${cvss.toFixed(1)} on an ${where}` };
  if (cvss !== undefined && cvss >= 7 && exposure === "internet")
    return { decision: "immediate_fix", row: 4, reason: `CVSS ${cvss.toFixed(1)} on an ${where}` };
  const epssHigh =
    (input.epss ?? 0) >= EPSS_THRESHOLD || (input.epssPercentile ?? 0) >= EPSS_PERCENTILE_THRESHOLD;
  if (epssHigh && exposure !== "local")
    return {
      decision: "immediate_fix",
      row: 5,
      reason: `likely to be exploited (EPSS ${input.epss ?? "?"}, percentile ${input.epssPercentile ?? "?"}) on an ${where}`,
    };
  return {
    decision: "planned_release",
    row: 6,
    reason: `no urgency criterion met (CVSS ${cvss?.toFixed(1) ?? "unknown"}, not in KEV, EPSS below thresholds, ${exposure} exposure)`,
  };
}
