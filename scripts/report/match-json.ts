/**
 * `match --format json`: `{"matches":[…],"diagnostics":[…],"summary":{…}}`, keys in a fixed order,
 * one finding per vulnerability × product version × component.
 */
import type { Match, MatchDiagnostic, MatchStats } from "../core/matching/types.ts";

const ORDER: readonly (keyof Match)[] = [
  "id",
  "aliases",
  "summary",
  "product",
  "productVersion",
  "purl",
  "component",
  "version",
  "cpe",
  "sbom",
  "bomRef",
  "matchedBy",
  "confidence",
  "affected",
  "fixed",
  "cvss",
  "kev",
  "epss",
  "exposure",
  "priority",
  "new",
  "known",
  "sources",
];

/** The finding with its keys in the documented order (absent optional keys left out). */
export function orderedMatch(match: Match): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of ORDER) if (match[key] !== undefined) out[key] = match[key];
  return out;
}

export function summarizeMatches(matches: readonly Match[], stats: MatchStats) {
  const byPriority = { P1: 0, P2: 0, P3: 0, P4: 0 };
  for (const m of matches) byPriority[m.priority]++;
  return {
    ...stats,
    matches: matches.length,
    new: matches.filter((m) => m.new).length,
    known: matches.filter((m) => !m.new).length,
    byPriority,
  };
}

export function formatMatchJson(
  matches: readonly Match[],
  diagnostics: readonly MatchDiagnostic[],
  stats: MatchStats,
): string {
  const doc = {
    matches: matches.map(orderedMatch),
    diagnostics,
    summary: summarizeMatches(matches, stats),
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}
