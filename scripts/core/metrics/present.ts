/** Shared wording and number formatting of the metrics reporters (text, Markdown, dashboard, SVG). */
import type { PsirtMetrics, SeverityRow } from "./compute.ts";
import type { DurationKind } from "./incident-facts.ts";
import type { Summary } from "./stats.ts";

export const KIND_LABEL: Record<DurationKind, string> = {
  triage: "time to triage",
  fix: "time to fix",
  disclose: "time to disclose",
};

export const SEVERITY_LABEL: Record<SeverityRow, string> = {
  critical: "critical",
  high: "high",
  medium: "medium",
  low: "low",
  none: "none",
  unknown: "not triaged",
  all: "all",
};

/** Days with at most two decimals and no trailing zeros: 3, 15.5, 0.25. */
export function fmtDays(days: number): string {
  return String(Math.round(days * 100) / 100);
}

/** `median / p90 (n)` or `–` when nothing was measured. */
export function fmtSummary(s: Summary): string {
  if (s.count === 0 || s.median === undefined || s.p90 === undefined) return "–";
  return `${fmtDays(s.median)} / ${fmtDays(s.p90)} (n=${s.count})`;
}

/** Right-pads columns to a plain-text table (first column left-aligned, others too). */
export function textTable(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  indent = "  ",
): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: readonly string[]) =>
    `${indent}${cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!)))
      .join("  ")
      .trimEnd()}\n`;
  return line(header) + rows.map(line).join("");
}

/** An SLA table cell: `<target>d: <breaches>`, `no target: 0`, or just the breaches for the "all" row. */
export function slaCell(m: PsirtMetrics, row: SeverityRow, kind: DurationKind): string {
  const n = m.breachCounts[row][kind];
  if (row === "all") return String(n);
  const t = m.targets[row][kind];
  return `${t === undefined ? "no target" : `${t}d`}: ${n}`;
}
