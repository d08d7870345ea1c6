/**
 * `affected <CVE or alias>`: the day-one question of a Log4Shell. Every product version that ships
 * a component affected by the vulnerability, with what the incidents say about that version, and
 * every incident statement about the vulnerability (including products that do not ship it).
 */
import type { AliasGroup } from "./aliases.ts";
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
  /** Undefined when no feed record names the id. */
  id?: string;
  aliases: string[];
  summary?: string;
  cvss?: Match["cvss"];
  kev?: Match["kev"];
  epss?: Match["epss"];
  versions: AffectedVersion[];
  statements: Statement[];
}

/** The report for `query` from a finished run; `group` is the query's alias group, if any record names it. */
export function affectedReport(
  query: string,
  group: AliasGroup | undefined,
  result: SessionResult,
): AffectedReport {
  const report: AffectedReport = { query, aliases: [], versions: [], statements: [] };
  if (group === undefined) return report;
  report.id = group.id;
  report.aliases = group.aliases;
  const info = result.vulnerabilities.get(group.id);
  if (info?.intel.summary) report.summary = info.intel.summary;
  if (info?.intel.cvss) report.cvss = info.intel.cvss;
  if (info?.intel.kev) report.kev = info.intel.kev;
  if (info?.intel.epss) report.epss = info.intel.epss;
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
      report.statements.push(s);
    }
  }
  return report;
}

/** Text for a terminal. */
export function formatAffectedText(r: AffectedReport): string {
  if (r.id === undefined) return `${r.query}: no feed record names this id (pull feeds or pass --feed)\n`;
  const lines = [
    `${r.id}${r.aliases.length > 0 ? ` (${r.aliases.join(", ")})` : ""}${r.summary ? `: ${r.summary}` : ""}`,
  ];
  const intel = [
    r.cvss ? `CVSS ${r.cvss.score.toFixed(1)} ${r.cvss.severity}` : undefined,
    r.kev ? `KEV since ${r.kev.dateAdded}` : undefined,
    r.epss ? `EPSS ${r.epss.score} (percentile ${r.epss.percentile})` : undefined,
  ].filter(Boolean);
  if (intel.length > 0) lines.push(`  ${intel.join(" · ")}`);
  lines.push(
    "",
    r.versions.length > 0
      ? "Product versions shipping an affected component:"
      : "No product version ships an affected component.",
  );
  for (const v of r.versions) {
    const status = v.known
      ? `${v.known.incident}: ${v.known.analysis ?? "version not analysed"}`
      : "NEW: no incident covers it";
    lines.push(`  ${v.product} ${v.productVersion}  [${status}]`);
    for (const c of v.components)
      lines.push(
        `    ${c.purl ?? `${c.component}@${c.version}`}: affected ${c.affected}; fixed in ${c.fixed.join(", ") || "(no fix known)"}${c.confidence === "low" ? " (CPE only, low confidence)" : ""}`,
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
