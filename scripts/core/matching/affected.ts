/**
 * `affected <CVE or alias>`: the day-one question of a Log4Shell. Every product version that ships
 * a component affected by the vulnerability, with what the incidents say about that version, and
 * every incident statement about the vulnerability (including products that do not ship it).
 */

import { oneLine } from "../../report/match-text.ts";
import type { AliasGroup } from "./aliases.ts";
import type { GroupIntel } from "./intel.ts";
import type { SessionResult } from "./session.ts";
import type { AnalysisState, Match } from "./types.ts";

export interface Statement {
  incident: string;
  incidentState: string;
  product: string;
  versions: string;
  state: AnalysisState;
  justification?: string;
  details?: string;
}

export interface AffectedVersion {
  product: string;
  productVersion: string;
  components: {
    purl?: string;
    component: string;
    version: string;
    affected: string;
    fixed: string[];
    confidence: string;
  }[];
  new: boolean;
  /** The incident covering this version, when one does. */
  known?: Match["known"];
}

export interface AffectedReport {
  query: string;
  /** Undefined when no live feed record names the id. */
  id?: string;
  /** Set when no live record names the id but a withdrawn one does. */
  withdrawn?: boolean;
  aliases: string[];
  summary?: string;
  cvss?: Match["cvss"];
  kev?: Match["kev"];
  epss?: Match["epss"];
  versions: AffectedVersion[];
  statements: Statement[];
}

/**
 * The report for `query` from a finished run; `group` is the query's alias group, if any live
 * record names it. Without one, no version can be matched, but the incidents listing the id, and
 * what `unknown` (KEV, EPSS, a withdrawn record) says of it, are still reported.
 */
export function affectedReport(
  query: string,
  group: AliasGroup | undefined,
  result: SessionResult,
  unknown?: { intel: GroupIntel; withdrawn: boolean },
): AffectedReport {
  const report: AffectedReport = { query, aliases: [], versions: [], statements: [] };
  const intel = group ? result.vulnerabilities.get(group.id)?.intel : unknown?.intel;
  if (group) {
    report.id = group.id;
    report.aliases = group.aliases;
  } else if (unknown?.withdrawn) report.withdrawn = true;
  if (intel?.summary) report.summary = intel.summary;
  if (intel?.cvss) report.cvss = intel.cvss;
  if (intel?.kev) report.kev = intel.kev;
  if (intel?.epss) report.epss = intel.epss;
  report.statements = statements(result, group ?? { id: query, aliases: [] });
  if (group === undefined) return report;
  const byVersion = new Map<string, AffectedVersion>();
  for (const m of result.matches) {
    if (m.id !== group.id) continue;
    const key = `${m.product}\0${m.productVersion}`;
    let entry = byVersion.get(key);
    if (entry === undefined) {
      entry = { product: m.product, productVersion: m.productVersion, components: [], new: m.new };
      if (m.known) entry.known = m.known;
      byVersion.set(key, entry);
    }
    entry.components.push({
      ...(m.purl ? { purl: m.purl } : {}),
      component: m.component,
      version: m.version,
      affected: m.affected,
      fixed: m.fixed,
      confidence: m.confidence,
    });
  }
  report.versions = [...byVersion.values()].sort(
    (a, b) =>
      (a.product < b.product ? -1 : a.product > b.product ? 1 : 0) ||
      a.productVersion.localeCompare(b.productVersion, "en", { numeric: true }),
  );
  return report;
}

/** Every statement of the incidents listing an id of `group`. */
function statements(result: SessionResult, group: AliasGroup): Statement[] {
  const out: Statement[] = [];
  for (const incident of result.coverage.incidentsFor(group)) {
    for (const a of incident.data.analysis) {
      const s: Statement = {
        incident: incident.id,
        incidentState: incident.data.state,
        product: a.product,
        versions: a.versions,
        state: a.state,
      };
      if (a.justification) s.justification = a.justification;
      if (a.details) s.details = a.details;
      out.push(s);
    }
  }
  return out;
}

/** Text for a terminal. */
export function formatAffectedText(r: AffectedReport): string {
  const lines =
    r.id === undefined
      ? [
          r.withdrawn
            ? `${r.query}: its feed record is withdrawn, so nothing is matched against it`
            : `${r.query}: no feed record names this id (pull feeds or pass --feed), so no SBOM was matched`,
        ]
      : [
          `${r.id}${r.aliases.length > 0 ? ` (${r.aliases.join(", ")})` : ""}${r.summary ? `: ${oneLine(r.summary)}` : ""}`,
        ];
  const intel = [
    r.cvss ? `CVSS ${r.cvss.score.toFixed(1)} ${r.cvss.severity}` : undefined,
    r.kev ? `KEV since ${r.kev.dateAdded}` : undefined,
    r.epss ? `EPSS ${r.epss.score} (percentile ${r.epss.percentile})` : undefined,
  ].filter(Boolean);
  if (intel.length > 0) lines.push(`  ${intel.join(" · ")}`);
  if (r.id !== undefined) {
    lines.push(
      "",
      r.versions.length > 0
        ? "Product versions shipping an affected component:"
        : "No product version ships an affected component.",
    );
  }
  for (const v of r.versions) {
    const status = !v.new
      ? `${v.known!.incident}: ${v.known!.analysis}`
      : v.known
        ? `NEW: ${v.known.incident} lists it but does not analyse this version`
        : "NEW: no incident covers it";
    lines.push(`  ${v.product} ${v.productVersion}  [${status}]`);
    for (const c of v.components)
      lines.push(
        `    ${oneLine(c.purl ?? `${c.component}@${c.version}`)}: affected ${oneLine(c.affected)}; fixed in ${oneLine(c.fixed.join(", ")) || "(no fix known)"}${c.confidence === "low" ? " (CPE only, low confidence)" : ""}`,
      );
  }
  if (r.statements.length > 0) {
    lines.push("", "What the incidents say:");
    for (const s of r.statements)
      lines.push(
        `  ${s.incident} (${s.incidentState}) ${s.product} ${s.versions}: ${s.state}${s.justification ? ` (${s.justification})` : ""}${s.details ? `: ${s.details.replace(/\s+/g, " ")}` : ""}`,
      );
  } else lines.push("", "No incident lists this vulnerability.");
  return `${lines.join("\n")}\n`;
}
