/**
 * Incidents carry the fields their state requires:
 *   analysis    → at least one vulnerability id or analysis entry (what is being analysed)
 *   remediation → analysis entries and a treatment decision
 *   disclosure  → an advisory
 *   closed      → a resolution; duplicate needs duplicate_of; fixed needs treatment
 * and analysis entries that say not_affected carry a justification.
 */
import { INCIDENT_STATES, type IncidentState } from "../../../schemas/incident.ts";
import type { Finding } from "../finding.ts";
import { findingAt, type Rule } from "./rule.ts";

const rank = (s: IncidentState): number => INCIDENT_STATES.indexOf(s);

export const rule: Rule = {
  codes: ["PSIRT-E080"],
  severity: "error",
  summary: "incidents have the fields their state requires",
  check({ model }) {
    const findings: Finding[] = [];
    for (const inc of model.incidents) {
      const d = inc.data;
      const need = (cond: boolean, pointer: string, message: string, hint: string) => {
        if (!cond) findings.push(findingAt(inc, pointer, "PSIRT-E080", message, hint, { key: true }));
      };
      const closed = d.state === "closed";
      const dismissed =
        closed &&
        (d.resolution === "duplicate" || d.resolution === "rejected" || d.resolution === "false_positive");
      if (rank(d.state) >= rank("analysis") && !dismissed) {
        need(
          d.vulnerabilities.length > 0 || d.analysis.length > 0,
          "/state",
          `state "${d.state}" needs vulnerabilities or analysis entries`,
          "list the CVE/GHSA ids or add an analysis per product",
        );
      }
      if (rank(d.state) >= rank("remediation") && !closed) {
        need(
          d.analysis.length > 0,
          "/state",
          `state "${d.state}" needs an analysis of the affected products`,
          "add analysis entries (product, versions, state)",
        );
        need(
          d.treatment !== undefined,
          "/state",
          `state "${d.state}" needs a treatment decision`,
          "add treatment: {decision: immediate_fix | planned_release, target_date}",
        );
      }
      if (d.state === "disclosure")
        need(
          d.advisory !== undefined,
          "/state",
          'state "disclosure" needs an advisory',
          `create it with \`npm run psirt -- advisory new --from-incident ${d.id}\` and set \`advisory:\``,
        );
      need(
        closed === (d.resolution !== undefined),
        closed ? "/state" : "/resolution",
        closed ? 'state "closed" needs a resolution' : `a resolution is set but the state is "${d.state}"`,
        closed
          ? "add resolution: fixed | not_affected | false_positive | duplicate | rejected"
          : "set state: closed, or remove the resolution",
      );
      if (d.resolution === "duplicate")
        need(
          d.duplicate_of !== undefined,
          "/resolution",
          "resolution duplicate needs duplicate_of",
          "name the original incident in duplicate_of",
        );
      if (d.duplicate_of !== undefined)
        need(
          d.resolution === "duplicate",
          "/duplicate_of",
          "duplicate_of is set but the resolution is not duplicate",
          "set resolution: duplicate, or remove duplicate_of",
        );
      if (d.resolution === "fixed")
        need(
          d.treatment !== undefined,
          "/resolution",
          "resolution fixed needs the treatment that fixed it",
          "add treatment: {decision, release}",
        );
      d.analysis.forEach((a, i) => {
        if (a.state === "not_affected" && !a.justification) {
          findings.push(
            findingAt(
              inc,
              `/analysis/${i}/state`,
              "PSIRT-E080",
              "analysis state not_affected needs a justification",
              "add justification: code_not_present | code_not_reachable | requires_configuration | …",
            ),
          );
        }
      });
    }
    return findings;
  },
};
