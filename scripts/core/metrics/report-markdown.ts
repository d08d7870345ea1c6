/** The metrics as GitHub-flavoured Markdown (`--format markdown`, e.g. for a step summary or wiki page). */
import { INCIDENT_STATES } from "../../../schemas/incident.ts";
import { AGE_BUCKETS, type PsirtMetrics, SEVERITY_ROWS } from "./compute.ts";
import { DURATION_KINDS, METRIC_SEVERITIES, SOURCE_TYPES } from "./incident-facts.ts";
import { fmtDays, fmtSummary, KIND_LABEL, SEVERITY_LABEL, slaCell } from "./present.ts";

/** Escapes what would break a table cell or start Markdown/HTML syntax. */
export function mdCell(text: string): string {
  return text.replace(/[\\|*_`[\]<>#]/g, (c) => `\\${c}`).replace(/\r?\n/g, " ");
}

function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => `| ${cells.join(" | ")} |\n`;
  return line(header) + line(header.map(() => "---")) + rows.map(line).join("");
}

export function metricsMarkdown(m: PsirtMetrics): string {
  const out: string[] = [];
  out.push(
    `## PSIRT metrics\n\nAt ${m.now.slice(0, 10)}${m.since ? `, incidents received since ${m.since}` : ""}: **${m.total}** incidents, **${m.open}** open.\n`,
  );
  out.push(
    `### Incidents\n\n${table(
      ["state", "incidents"],
      INCIDENT_STATES.map((s) => [s, String(m.byState[s])]),
    )}\n${table(
      ["source", "incidents"],
      SOURCE_TYPES.map((s) => [s, String(m.bySource[s])]),
    )}\n${table(
      ["severity", "incidents"],
      METRIC_SEVERITIES.map((s) => [SEVERITY_LABEL[s], String(m.bySeverity[s])]),
    )}`,
  );
  out.push(
    `### Days from receipt\n\nMedian / 90th percentile (nearest rank), n = incidents measured.\n\n${table(
      ["severity", ...DURATION_KINDS.map((k) => KIND_LABEL[k])],
      SEVERITY_ROWS.map((s) => [SEVERITY_LABEL[s], ...DURATION_KINDS.map((k) => fmtSummary(m.times[s][k]))]),
    )}`,
  );
  out.push(
    `### SLA breaches\n\nTarget in days: number of breaches.\n\n${table(
      ["severity", ...DURATION_KINDS.map((k) => KIND_LABEL[k])],
      SEVERITY_ROWS.map((s) => [SEVERITY_LABEL[s], ...DURATION_KINDS.map((k) => slaCell(m, s, k))]),
    )}`,
  );
  if (m.breaches.length > 0) {
    out.push(
      table(
        ["incident", "severity", "measure", "days", "target", "status"],
        m.breaches.map((b) => [
          mdCell(b.incident),
          SEVERITY_LABEL[b.severity],
          KIND_LABEL[b.kind],
          fmtDays(b.days),
          String(b.targetDays),
          b.status === "late" ? "late" : "overdue (still open)",
        ]),
      ),
    );
  }
  out.push(
    `### Open incidents by age\n\n${table(
      ["age", "open incidents"],
      AGE_BUCKETS.map((b) => [b.label, String(m.openByAge[b.key])]),
    )}`,
  );
  return out.join("\n");
}
