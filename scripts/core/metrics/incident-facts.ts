/**
 * What the metrics need to know about one incident, derived from its fields and timeline: its
 * severity, whether it is open, its age, and the days from receipt to triage, fix and disclosure.
 */
import { dateMs } from "../../../schemas/common.ts";
import type { Incident, IncidentState } from "../../../schemas/incident.ts";
import { scoreCvss } from "../cvss/index.ts";

export const METRIC_SEVERITIES = ["critical", "high", "medium", "low", "none", "unknown"] as const;
/** Triage severity; `unknown` when the incident has neither a severity nor a CVSS vector (not triaged yet). */
export type MetricSeverity = (typeof METRIC_SEVERITIES)[number];

export const DURATION_KINDS = ["triage", "fix", "disclose"] as const;
export type DurationKind = (typeof DURATION_KINDS)[number];

/** The timeline event that ends each measured duration (the first such event counts). */
export const END_EVENT = {
  triage: "triaged",
  fix: "fix_available",
  disclose: "advisory_published",
} as const satisfies Record<DurationKind, string>;

export type SourceType = Incident["source"]["type"];
export const SOURCE_TYPES: readonly SourceType[] = [
  "external_report",
  "internal",
  "feed_match",
  "customer",
  "cert",
];

export interface IncidentFacts {
  id: string;
  title: string;
  state: IncidentState;
  resolution?: string;
  source: SourceType;
  severity: MetricSeverity;
  /** Where the severity comes from: the triage field, the incident's CVSS vector, or nowhere. */
  severityFrom: "severity" | "cvss" | "none";
  received: string;
  /** Not closed. */
  open: boolean;
  /** Days from receipt to `now` (every incident; the age buckets use open ones only). */
  ageDays: number;
  /** Days from receipt to the first event ending each duration, when that event happened. */
  days: Partial<Record<DurationKind, number>>;
  advisory?: string;
}

const DAY_MS = 86_400_000;

/** Whole days for dates, hundredths for date-times (so that output stays short and stable). */
export function daysBetween(from: string, to: string | Date): number {
  const end = typeof to === "string" ? dateMs(to) : to.getTime();
  return Math.round(((end - dateMs(from)) / DAY_MS) * 100) / 100;
}

/** Severity of an incident: its triage severity, else the base severity of its CVSS vector (v4 before v3). */
export function incidentSeverity(incident: Incident): {
  severity: MetricSeverity;
  from: IncidentFacts["severityFrom"];
} {
  if (incident.severity) return { severity: incident.severity, from: "severity" };
  for (const vector of [incident.cvss?.v4?.vector, incident.cvss?.v3?.vector]) {
    if (!vector) continue;
    const r = scoreCvss(vector);
    if (!("error" in r)) return { severity: r.baseSeverity.toLowerCase() as MetricSeverity, from: "cvss" };
  }
  return { severity: "unknown", from: "none" };
}

/** The date of the earliest `event` in the timeline, if any. */
function firstEvent(incident: Incident, event: string): string | undefined {
  let first: string | undefined;
  for (const e of incident.timeline)
    if (e.event === event && (first === undefined || dateMs(e.date) < dateMs(first))) first = e.date;
  return first;
}

export function incidentFacts(incident: Incident, now: Date): IncidentFacts {
  const { severity, from } = incidentSeverity(incident);
  const days: IncidentFacts["days"] = {};
  for (const kind of DURATION_KINDS) {
    const end = firstEvent(incident, END_EVENT[kind]);
    if (end !== undefined) days[kind] = daysBetween(incident.received, end);
  }
  const facts: IncidentFacts = {
    id: incident.id,
    title: incident.title,
    state: incident.state,
    source: incident.source.type,
    severity,
    severityFrom: from,
    received: incident.received,
    open: incident.state !== "closed",
    ageDays: daysBetween(incident.received, now),
    days,
  };
  if (incident.resolution) facts.resolution = incident.resolution;
  if (incident.advisory) facts.advisory = incident.advisory;
  return facts;
}
