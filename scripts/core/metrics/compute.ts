/**
 * PSIRT metrics from the incidents (pure: model + `now` in, data out). Definitions are in
 * scripts/docs/metrics.md; the text, Markdown and SVG reporters only present this data.
 */
import { dateMs } from "../../../schemas/common.ts";
import { INCIDENT_STATES, type IncidentState } from "../../../schemas/incident.ts";
import type { Model } from "../load/repository.ts";
import {
  DURATION_KINDS,
  type DurationKind,
  type IncidentFacts,
  incidentFacts,
  METRIC_SEVERITIES,
  type MetricSeverity,
  SOURCE_TYPES,
  type SourceType,
} from "./incident-facts.ts";
import { type Breach, breachesOf, type ResponseTargets, targetDays } from "./sla.ts";
import { type Summary, summarize } from "./stats.ts";

/** Age buckets of open incidents: a bucket holds ages `min <= age < max` days. */
export const AGE_BUCKETS = [
  { key: "under_7d", label: "< 7 days", min: 0, max: 7 },
  { key: "7_to_30d", label: "7–30 days", min: 7, max: 30 },
  { key: "30_to_90d", label: "30–90 days", min: 30, max: 90 },
  { key: "over_90d", label: "> 90 days", min: 90, max: Number.POSITIVE_INFINITY },
] as const;
export type AgeBucket = (typeof AGE_BUCKETS)[number]["key"];

/** Rows of the per-severity tables: each severity, then all incidents together. */
export type SeverityRow = MetricSeverity | "all";
export const SEVERITY_ROWS: readonly SeverityRow[] = [...METRIC_SEVERITIES, "all"];

export interface PsirtMetrics {
  /** The date ages and open breaches are measured at (ISO). */
  now: string;
  /** Only incidents received on or after this date are counted. */
  since?: string;
  total: number;
  open: number;
  byState: Record<IncidentState, number>;
  bySource: Record<SourceType, number>;
  bySeverity: Record<MetricSeverity, number>;
  /** Days from receipt to triage, fix, disclosure: count, median, 90th percentile. */
  times: Record<SeverityRow, Record<DurationKind, Summary>>;
  /** Targets in days per severity (undefined where none applies). */
  targets: Record<MetricSeverity, Partial<Record<DurationKind, number>>>;
  breaches: Breach[];
  breachCounts: Record<SeverityRow, Record<DurationKind, number>>;
  openByAge: Record<AgeBucket, number>;
  /** Every counted incident, oldest first. */
  incidents: IncidentFacts[];
}

export interface MetricsOptions {
  now: Date;
  /** `YYYY-MM-DD`: count only incidents received on or after it. */
  since?: string;
}

function zeros<K extends string>(keys: readonly K[]): Record<K, number> {
  return Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
}

function perKind<T>(make: () => T): Record<DurationKind, T> {
  return { triage: make(), fix: make(), disclose: make() };
}

export function bucketOf(ageDays: number): AgeBucket {
  for (const b of AGE_BUCKETS) if (ageDays < b.max) return b.key;
  return "over_90d";
}

export function computeMetrics(model: Model, options: MetricsOptions): PsirtMetrics {
  const { now, since } = options;
  const sinceMs = since === undefined ? undefined : dateMs(since);
  const targets: ResponseTargets = model.vendor?.data.response_targets ?? {};
  const incidents = model.incidents
    .map((doc) => doc.data)
    .filter((i) => sinceMs === undefined || dateMs(i.received) >= sinceMs)
    .map((i) => incidentFacts(i, now))
    .sort((a, b) => dateMs(a.received) - dateMs(b.received) || (a.id < b.id ? -1 : 1));

  const byState = zeros(INCIDENT_STATES);
  const bySource = zeros(SOURCE_TYPES);
  const bySeverity = zeros(METRIC_SEVERITIES);
  const openByAge = zeros(AGE_BUCKETS.map((b) => b.key));
  const samples = Object.fromEntries(SEVERITY_ROWS.map((s) => [s, perKind<number[]>(() => [])])) as Record<
    SeverityRow,
    Record<DurationKind, number[]>
  >;
  const breaches: Breach[] = [];
  const breachCounts = Object.fromEntries(SEVERITY_ROWS.map((s) => [s, perKind(() => 0)])) as Record<
    SeverityRow,
    Record<DurationKind, number>
  >;

  for (const f of incidents) {
    byState[f.state]++;
    bySource[f.source]++;
    bySeverity[f.severity]++;
    if (f.open) openByAge[bucketOf(f.ageDays)]++;
    for (const kind of DURATION_KINDS) {
      const d = f.days[kind];
      if (d === undefined) continue;
      samples[f.severity][kind].push(d);
      samples.all[kind].push(d);
    }
    for (const b of breachesOf(f, targets)) {
      breaches.push(b);
      breachCounts[b.severity][b.kind]++;
      breachCounts.all[b.kind]++;
    }
  }

  const times = Object.fromEntries(
    SEVERITY_ROWS.map((s) => [
      s,
      {
        triage: summarize(samples[s].triage),
        fix: summarize(samples[s].fix),
        disclose: summarize(samples[s].disclose),
      },
    ]),
  ) as PsirtMetrics["times"];
  const targetTable = Object.fromEntries(
    METRIC_SEVERITIES.map((s) => {
      const row: Partial<Record<DurationKind, number>> = {};
      for (const kind of DURATION_KINDS) {
        const t = targetDays(targets, s, kind);
        if (t !== undefined) row[kind] = t;
      }
      return [s, row];
    }),
  ) as PsirtMetrics["targets"];

  const metrics: PsirtMetrics = {
    now: now.toISOString(),
    ...(since === undefined ? {} : { since }),
    total: incidents.length,
    open: incidents.filter((f) => f.open).length,
    byState,
    bySource,
    bySeverity,
    times,
    targets: targetTable,
    breaches,
    breachCounts,
    openByAge,
    incidents,
  };
  return metrics;
}
