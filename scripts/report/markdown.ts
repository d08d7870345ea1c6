/**
 * `match --format markdown`: a pull-request comment or GitHub step summary. New findings in a
 * table, most urgent first; known ones folded away.
 */
import type { Match, MatchStats } from "../core/matching/types.ts";
import { summarizeMatches } from "./match-json.ts";

/** Escapes what would break a table cell or inject markup. */
const cell = (s: string): string => s.replace(/[\\|`*_<>[\]]/g, (c) => `\\${c}`).replace(/\r?\n/g, " ");

function link(id: string): string {
  if (/^CVE-\d+-\d+$/.test(id)) return `[${id}](https://nvd.nist.gov/vuln/detail/${id})`;
  if (/^[A-Za-z0-9._-]+$/.test(id)) return `[${id}](https://osv.dev/vulnerability/${id})`;
  return cell(id);
}

function row(m: Match, known: boolean): string {
  const cells = [
    m.priority,
    `${link(m.id)}${m.aliases.length > 0 ? `<br>${m.aliases.map(cell).join(", ")}` : ""}`,
    `${cell(m.product)} ${cell(m.productVersion)}`,
    `\`${(m.purl ?? `${m.component}@${m.version}`).replace(/`/g, "")}\`${m.confidence === "low" ? " (CPE, low confidence)" : ""}`,
    cell(m.fixed.join(", ") || "none"),
    m.cvss ? `${m.cvss.score.toFixed(1)}` : "–",
    m.kev ? m.kev.dateAdded : "–",
    m.epss ? String(m.epss.score) : "–",
  ];
  if (known) cells.push(`${m.known!.incident} (${m.known!.analysis})`);
  else if (m.known) cells[2] += `<br>${m.known.incident} does not analyse this version`;
  return `| ${cells.join(" | ")} |`;
}

const HEAD = "| Priority | Vulnerability | Product | Component | Fixed in | CVSS | KEV | EPSS |";
const RULE = "| --- | --- | --- | --- | --- | --- | --- | --- |";

export function formatMatchMarkdown(matches: readonly Match[], stats: MatchStats): string {
  const s = summarizeMatches(matches, stats);
  const fresh = matches.filter((m) => m.new);
  const known = matches.filter((m) => !m.new);
  const out = [
    "## Threat monitoring: feed matches",
    "",
    `${s.sboms} SBOMs (${s.components} components) against ${s.records} feed records: **${s.new} new**, ${s.known} known ` +
      `(P1 ${s.byPriority.P1}, P2 ${s.byPriority.P2}, P3 ${s.byPriority.P3}, P4 ${s.byPriority.P4}).`,
    "",
  ];
  if (fresh.length > 0) out.push("### New", "", HEAD, RULE, ...fresh.map((m) => row(m, false)), "");
  else out.push("No new findings.", "");
  if (known.length > 0) {
    out.push(
      `<details><summary>${known.length} known (covered by incidents)</summary>`,
      "",
      `${HEAD} Incident |`,
      `${RULE} --- |`,
      ...known.map((m) => row(m, true)),
      "",
      "</details>",
      "",
    );
  }
  return `${out.join("\n")}`;
}
