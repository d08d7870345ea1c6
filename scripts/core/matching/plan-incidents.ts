/**
 * `match --create-incidents`: one draft incident per new vulnerability, through the same planner
 * as `incident new` (scripts/core/scaffold/incident.ts): state new, source feed_match with the
 * matching record as reference, the vulnerability's ids, one in_triage analysis per affected
 * product version, CVSS (valid v3.x/v4.0 vectors only, score and severity computed), KEV and EPSS.
 * Pure: returns the planned files; the command validates and writes them.
 */
import { VulnId } from "../../../schemas/common.ts";
import type { Model } from "../load/repository.ts";
import { type IncidentInput, type PlannedIncident, planIncident } from "../scaffold/incident.ts";
import type { VulnerabilityInfo } from "./session.ts";
import type { CvssSummary, Match } from "./types.ts";

export interface IncidentPlan {
  planned: PlannedIncident[];
  /** New findings that get no incident, and why (products outside the inventory). */
  skipped: string[];
}

const clip = (s: string, n: number): string => (s.length <= n ? s : `${s.slice(0, n - 1)}…`);

const cvssScore = (c: CvssSummary) => ({ vector: c.vector, score: c.score, severity: c.severity });

/** Planner input for one vulnerability's new findings (all in inventory products). */
export function incidentInput(matches: readonly Match[], info: VulnerabilityInfo): IncidentInput {
  const first = matches[0]!;
  const ids = [first.id, ...first.aliases].filter((id) => VulnId.safeParse(id).success);
  const components = [...new Set(matches.map((m) => m.component))];
  const title = info.intel.summary
    ? `${first.id}: ${info.intel.summary}`
    : `${first.id} in ${components.slice(0, 3).join(", ")}${components.length > 3 ? " and others" : ""}`;
  const reference = first.sources[0]?.replace(/ \(.*\)$/, "") ?? first.id;
  const byVersion = new Map<string, Match[]>();
  for (const m of matches) {
    const key = `${m.product}\0${m.productVersion}`;
    byVersion.set(key, [...(byVersion.get(key) ?? []), m]);
  }
  const products = [...byVersion.values()].map((list) => ({
    product: list[0]!.product,
    versions: list[0]!.productVersion,
    state: "in_triage" as const,
    details: clip(
      list
        .map(
          (m) =>
            `Feed match: ${m.purl ?? `${m.component}@${m.version}`} is affected (${m.affected}); fixed in ${m.fixed.join(", ") || "no version yet"}${m.confidence === "low" ? " (CPE match only, low confidence)" : ""}.`,
        )
        .join(" "),
      20_000,
    ),
  }));
  const input: IncidentInput = {
    title: clip(title.replace(/\s+/g, " "), 300),
    source: { type: "feed_match", reference: clip(reference, 300) },
    vulnerabilities: ids,
    products,
    note: clip(
      `Opened by psirt match: ${[...new Set(matches.flatMap((m) => m.sources))].join(", ")} matched ${byVersion.size} product version(s); priority ${first.priority}.`,
      2000,
    ),
  };
  const cvss: NonNullable<IncidentInput["cvss"]> = {};
  if (info.intel.v3) cvss.v3 = cvssScore(info.intel.v3);
  if (info.intel.v4) cvss.v4 = cvssScore(info.intel.v4);
  if (cvss.v3 || cvss.v4) input.cvss = cvss;
  const intel: NonNullable<IncidentInput["intel"]> = {};
  if (info.intel.kev) intel.kev_date_added = info.intel.kev.dateAdded;
  if (info.intel.epss) {
    intel.epss = info.intel.epss.score;
    intel.epss_percentile = info.intel.epss.percentile;
  }
  if (Object.keys(intel).length > 0) input.intel = intel;
  return input;
}

/** Plans one incident per vulnerability that has new findings in inventory products. */
export function planIncidents(
  model: Model,
  matches: readonly Match[],
  vulnerabilities: ReadonlyMap<string, VulnerabilityInfo>,
  now: Date,
): IncidentPlan {
  const fresh = new Map<string, Match[]>();
  const skipped = new Set<string>();
  for (const m of matches) {
    if (!m.new) continue;
    if (m.known) {
      // One incident per vulnerability: the one listing it gets the analysis, not a second one.
      skipped.add(
        `${m.id} in ${m.product} ${m.productVersion}: ${m.known.incident} lists it but does not analyse this product version; add an analysis entry there`,
      );
      continue;
    }
    if (!model.products.has(m.product)) {
      skipped.add(`${m.id} in ${m.product} ${m.productVersion}: not an inventory product`);
      continue;
    }
    fresh.set(m.id, [...(fresh.get(m.id) ?? []), m]);
  }
  const planned: PlannedIncident[] = [];
  for (const [id, list] of fresh) {
    const input = incidentInput(list, vulnerabilities.get(id)!);
    if ((input.vulnerabilities ?? []).length === 0) {
      // An incident must name the vulnerability, or it would not cover the finding and the next
      // run would open another one.
      const ids = [id, ...list[0]!.aliases].map((i) => JSON.stringify(i)).join(", ");
      skipped.add(
        `${id}: none of its ids (${ids}) is one an incident can list (see PSIRT-E061); open the incident by hand with an id of the vulnerability`,
      );
      continue;
    }
    planned.push(planIncident(model, input, now, { taken: planned.map((p) => p.id) }));
  }
  return { planned, skipped: [...skipped] };
}
