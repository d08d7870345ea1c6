/**
 * Service-level breaches against `response_targets` in inventory/vendor.yaml (days from receipt):
 *
 * - late: the event happened, and later than the target (`days > target`);
 * - overdue: the incident is still open, the event has not happened, and its age already exceeds
 *   the target. Closed incidents without the event (not affected, duplicates, rejected) never breach.
 *
 * Severity `none` has no targets. An incident without a severity is not triaged yet; it could be
 * critical, so it is held to the strictest triage target and to no fix or disclosure target.
 */
import type { Vendor } from "../../../schemas/vendor.ts";
import {
  DURATION_KINDS,
  type DurationKind,
  type IncidentFacts,
  type MetricSeverity,
} from "./incident-facts.ts";

/** Targets per severity; a vendor without `response_targets` has none. */
export type ResponseTargets = Partial<NonNullable<Vendor["response_targets"]>>;

export interface Breach {
  incident: string;
  severity: MetricSeverity;
  kind: DurationKind;
  /** Measured days (late) or the age at `now` (overdue). */
  days: number;
  targetDays: number;
  status: "late" | "overdue";
}

const FIELD = { triage: "triage_days", fix: "fix_days", disclose: "disclose_days" } as const;

/** The target in days for a severity and duration, or undefined when none applies. */
export function targetDays(
  targets: ResponseTargets,
  severity: MetricSeverity,
  kind: DurationKind,
): number | undefined {
  if (severity === "none") return undefined;
  if (severity === "unknown") {
    if (kind !== "triage") return undefined;
    const all = Object.values(targets).map((t) => t.triage_days);
    return all.length > 0 ? Math.min(...all) : undefined;
  }
  return targets[severity]?.[FIELD[kind]];
}

/** Every breach of one incident, in the order triage, fix, disclose. */
export function breachesOf(facts: IncidentFacts, targets: ResponseTargets): Breach[] {
  const out: Breach[] = [];
  for (const kind of DURATION_KINDS) {
    const target = targetDays(targets, facts.severity, kind);
    if (target === undefined) continue;
    const measured = facts.days[kind];
    const base = { incident: facts.id, severity: facts.severity, kind, targetDays: target };
    if (measured !== undefined) {
      if (measured > target) out.push({ ...base, days: measured, status: "late" });
    } else if (facts.open && facts.ageDays > target) {
      out.push({ ...base, days: facts.ageDays, status: "overdue" });
    }
  }
  return out;
}
