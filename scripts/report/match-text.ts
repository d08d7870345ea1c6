/**
 * `match --format text`: one block per finding, most urgent first, then the diagnostics. For a
 * terminal or a CI log.
 */
import type { Match, MatchDiagnostic } from "../core/matching/types.ts";

/**
 * Feed text on one terminal line: control characters (escape sequences that could rewrite the
 * terminal, line breaks that would fake more output) become spaces. Feeds are untrusted.
 */
export const oneLine = (text: string): string =>
  text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, " ").trim();

/** "known: NLS-IR-2022-0001 (triage; exploitable)" / "NEW" / "NEW: NLS-IR-… does not analyse this version". */
export function statusText(m: Match): string {
  const k = m.known;
  if (k === undefined) return "NEW";
  if (m.new) return `NEW: ${k.incident} (${k.incidentState}) lists it but does not analyse this version`;
  return `known: ${k.incident} (${k.incidentState}; ${k.analysis})`;
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
      const t = oneLine;
      const ids = m.aliases.length > 0 ? `${m.id} (${m.aliases.join(", ")})` : m.id;
      const what = m.purl ?? `${m.component}@${m.version}`;
      const lines = [
        `${m.priority} ${statusText(m)}  ${t(ids)}${m.summary ? `: ${t(m.summary)}` : ""}`,
        `    ${t(m.product)} ${t(m.productVersion)}: ${t(what)}${m.confidence === "low" ? ` [low confidence: CPE ${t(m.cpe ?? "")} only]` : ""}`,
        `    affected ${t(m.affected)}; fixed in ${m.fixed.length > 0 ? t(m.fixed.join(", ")) : "(no fix known)"}`,
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
    .map(
      (d) =>
        `${oneLine(`${prefix}: ${d.severity}: ${d.source}${d.record ? ` (${d.record})` : ""}: ${d.message}`)}\n`,
    )
    .join("");
}
