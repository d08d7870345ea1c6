/**
 * `check` as a pure function: base and head snapshots + now → the change rules' findings and the
 * publication plan. The command adds validate's findings on the head (scripts/commands/check.ts).
 */
import { type Finding, sortFindings } from "../finding.ts";
import type { ChangeRule, CheckContext } from "./context.ts";
import { rule as publishedRevisions } from "./E101-published-revisions.ts";
import { rule as publishedStays } from "./E102-published-stays.ts";
import { rule as incidentTransitions } from "./E110-incident-transitions.ts";
import { rule as embargo } from "./E120-embargo.ts";
import { rule as tlp } from "./E121-tlp.ts";
import { type PublicationPlan, publicationPlan } from "./plan.ts";
import { rule as derivedChanges } from "./W106-derived-changes.ts";
import { rule as uncoveredReleases } from "./W107-uncovered-releases.ts";
import { rule as treatmentUrgency } from "./W130-treatment-urgency.ts";

export type { CheckContext, Snapshot } from "./context.ts";
export type { PlanEntry, PublicationPlan } from "./plan.ts";

export const CHANGE_RULES: readonly ChangeRule[] = [
  publishedRevisions,
  publishedStays,
  derivedChanges,
  uncoveredReleases,
  incidentTransitions,
  embargo,
  tlp,
  treatmentUrgency,
];

export interface ChangeResult {
  findings: Finding[];
  plan: PublicationPlan;
}

export function checkChange(ctx: CheckContext): ChangeResult {
  return {
    findings: sortFindings(CHANGE_RULES.flatMap((r) => r.check(ctx))),
    plan: publicationPlan(ctx),
  };
}
