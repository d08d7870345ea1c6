/** The metrics as a plain-text report (the default `psirt metrics` output). */
import { INCIDENT_STATES } from "../../../schemas/incident.ts";
import { AGE_BUCKETS, type PsirtMetrics, SEVERITY_ROWS } from "./compute.ts";
import { DURATION_KINDS, METRIC_SEVERITIES, SOURCE_TYPES } from "./incident-facts.ts";
import { fmtDays, fmtSummary, KIND_LABEL, SEVERITY_LABEL, slaCell, textTable } from "./present.ts";

function counts(title: string, entries: readonly [string, number][]): string {
  return `${title}\n${textTable(
    ["", "incidents"],
    entries.map(([k, n]) => [k, String(n)]),
  )}`;
}

export function metricsText(m: PsirtMetrics): string {
  const parts: string[] = [];
  parts.push(
    `PSIRT metrics at ${m.now.slice(0, 10)}${m.since ? ` for incidents received since ${m.since}` : ""}: ${m.total} incidents, ${m.open} open\n`,
  );
  parts.push(
    counts(
      "By state",
      INCIDENT_STATES.map((s) => [s, m.byState[s]]),
    ),
  );
  parts.push(
    counts(
      "By source",
      SOURCE_TYPES.map((s) => [s, m.bySource[s]]),
    ),
  );
  parts.push(
    counts(
      "By severity",
      METRIC_SEVERITIES.map((s) => [SEVERITY_LABEL[s], m.bySeverity[s]]),
    ),
  );
  parts.push(
    `Days from receipt: median / 90th percentile (nearest rank) (n = incidents measured)\n${textTable(
      ["severity", ...DURATION_KINDS.map((k) => KIND_LABEL[k])],
      SEVERITY_ROWS.map((s) => [SEVERITY_LABEL[s], ...DURATION_KINDS.map((k) => fmtSummary(m.times[s][k]))]),
    )}`,
  );
  parts.push(
    `SLA breaches (target in days: breaches)\n${textTable(
      ["severity", ...DURATION_KINDS.map((k) => KIND_LABEL[k])],
      SEVERITY_ROWS.map((s) => [SEVERITY_LABEL[s], ...DURATION_KINDS.map((k) => slaCell(m, s, k))]),
    )}`,
  );
  if (m.breaches.length > 0) {
    parts.push(
      `Breaches\n${textTable(
        ["incident", "severity", "measure", "days", "target", "status"],
        m.breaches.map((b) => [
          b.incident,
          SEVERITY_LABEL[b.severity],
          KIND_LABEL[b.kind],
          fmtDays(b.days),
          String(b.targetDays),
          b.status === "late" ? "late" : "overdue (still open)",
        ]),
      )}`,
    );
  }
  parts.push(
    counts(
      "Open incidents by age",
      AGE_BUCKETS.map((b) => [b.label, m.openByAge[b.key]]),
    ),
  );
  return parts.join("\n");
}
