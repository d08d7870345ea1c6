/**
 * What is known about a vulnerability across all its records: summary, CVSS, CISA KEV membership,
 * EPSS. Computed once per alias group.
 *
 * CVSS: every vector of every record in the group is scored with scripts/core/cvss (a record's
 * own stated score is not trusted). Per CVSS version the highest score is kept (conservative);
 * the reported one is v3.x when any record has it (the version advisories and CSAF use), else
 * v4.0, else v2.0.
 */
import { scoreCvss } from "../cvss/index.ts";
import type { EpssData, KevEntry } from "../feeds/types.ts";
import { type AliasGroup, idKey } from "./aliases.ts";
import type { IndexedRecord } from "./feed-index.ts";
import type { CvssSummary } from "./types.ts";

export interface GroupIntel {
  summary?: string;
  /** The reported CVSS (see the module comment). */
  cvss?: CvssSummary;
  /** Best valid v3.x and v4.0 scores: what a new incident copies. */
  v3?: CvssSummary;
  v4?: CvssSummary;
  kev?: { dateAdded: string; dueDate?: string };
  epss?: { score: number; percentile: number };
  /** A reference URL (first of the preferred record). */
  reference?: string;
}

const SOURCE_ORDER = { osv: 0, csaf: 1, nvd: 2 } as const;

/** Intel for one group from its records, the KEV catalog and EPSS scores. */
export function groupIntel(
  group: AliasGroup,
  records: readonly IndexedRecord[],
  kev: ReadonlyMap<string, KevEntry>,
  epss: EpssData | undefined,
): GroupIntel {
  const intel: GroupIntel = {};
  const ordered = [...records].sort(
    (a, b) => SOURCE_ORDER[a.source] - SOURCE_ORDER[b.source] || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
  const summary = ordered.find((r) => r.summary)?.summary;
  if (summary) intel.summary = summary;
  const reference = ordered.find((r) => r.reference)?.reference;
  if (reference) intel.reference = reference;

  const best = new Map<string, CvssSummary>();
  for (const record of ordered) {
    for (const s of record.severity) {
      const scored = scoreCvss(s.vector);
      if ("error" in scored) continue;
      const family = scored.version.startsWith("3") ? "3" : scored.version;
      const current = best.get(family);
      if (current === undefined || scored.baseScore > current.score) {
        best.set(family, {
          version: scored.version,
          vector: s.vector,
          score: scored.baseScore,
          severity: scored.baseSeverity,
          from: record.id,
        });
      }
    }
  }
  const v3 = best.get("3");
  const v4 = best.get("4.0");
  if (v3) intel.v3 = v3;
  if (v4) intel.v4 = v4;
  const chosen = v3 ?? v4 ?? best.get("2.0");
  if (chosen) intel.cvss = chosen;

  const ids = [group.id, ...group.aliases].map(idKey).filter((id) => id.startsWith("CVE-"));
  for (const id of ids) {
    const entry = kev.get(id);
    if (entry) {
      intel.kev = { dateAdded: entry.dateAdded, dueDate: entry.dueDate };
      break;
    }
  }
  if (!intel.kev) {
    const fromNvd = ordered.find((r) => r.kev)?.kev;
    if (fromNvd)
      intel.kev = fromNvd.dueDate
        ? { dateAdded: fromNvd.dateAdded, dueDate: fromNvd.dueDate }
        : { dateAdded: fromNvd.dateAdded };
  }
  for (const id of ids) {
    const score = epss?.scores.get(id);
    if (score && (intel.epss === undefined || score.epss > intel.epss.score))
      intel.epss = { score: score.epss, percentile: score.percentile };
  }
  return intel;
}
