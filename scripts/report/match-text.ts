/**
 * `match --format text`: one block per finding, most urgent first, then the diagnostics. For a
 * terminal or a CI log.
 */
import type { Match, MatchDiagnostic } from "../core/matching/types.ts";

/** "known (NLS-IR-2022-0001, exploitable)" / "NEW". */
export function statusText(m: Match): string {
  if (m.new) return "NEW";
  const k = m.known!;
  return `known: ${k.incident} (${k.incidentState}; ${k.analysis ?? "version not analysed"})`;
}

/** "CVSS 9.8 CRITICAL · KEV since 2022-04-04 · EPSS 0.97466 (percentile 0.99971)". */
export function intelText(m: Match): string {
  const parts: string[] = [];
  if (m.cvss) parts.push(`CVSS ${m.cvss.score.toFixed(1)} ${m.cvss.severity}`);
  if (m.kev) parts.push(`KEV since ${m.kev.dateAdded}`);
  if (m.epss) parts.push(`EPSS ${m.epss.score} (percentile ${m.epss.percentile})`);
  return parts.join(" · ");
}

export function formatMatchText(matches: readonly Match[]): string {
  return matches
    .map((m) => {
      const ids = m.aliases.length > 0 ? `${m.id} (${m.aliases.join(", ")})` : m.id;
      const what = m.purl ?? `${m.component}@${m.version}`;
      const lines = [
        `${m.priority} ${statusText(m)}  ${ids}${m.summary ? `: ${m.summary}` : ""}`,
        `    ${m.product} ${m.productVersion}: ${what}${m.confidence === "low" ? ` [low confidence: CPE ${m.cpe} only]` : ""}`,
        `    affected ${m.affected}; fixed in ${m.fixed.length > 0 ? m.fixed.join(", ") : "(no fix known)"}`,
      ];
      const intel = intelText(m);
      if (intel) lines.push(`    ${intel}`);
      return `${lines.join("\n")}\n`;
    })
    .join("");
}

/** "warning: source (record): message" lines for stderr. */
export function formatDiagnostics(diagnostics: readonly MatchDiagnostic[], prefix = "match"): string {
  return diagnostics
    .map((d) => `${prefix}: ${d.severity}: ${d.source}${d.record ? ` (${d.record})` : ""}: ${d.message}\n`)
    .join("");
}
