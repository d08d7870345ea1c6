/** Advisory ↔ incident links resolve both ways; duplicate_of names an existing incident. */
import type { Finding } from "../finding.ts";
import { findingAt, type Rule } from "./rule.ts";

export const rule: Rule = {
  codes: ["PSIRT-E022"],
  severity: "error",
  summary: "advisory.incident and incident.advisory point at each other; duplicate_of resolves",
  check({ model }) {
    const findings: Finding[] = [];
    const advisories = new Map(model.advisories.map((a) => [a.data.id, a]));
    const incidents = new Map(model.incidents.map((i) => [i.data.id, i]));
    for (const adv of model.advisories) {
      const link = adv.data.incident;
      if (!link || model.brokenIds.has(link)) continue;
      const incident = incidents.get(link);
      if (!incident) {
        findings.push(
          findingAt(
            adv,
            "/incident",
            "PSIRT-E022",
            `incident ${link} does not exist`,
            `create incidents/${link.split("-")[2]}/${link}.yaml or fix the id`,
          ),
        );
      } else if (incident.data.advisory !== adv.data.id) {
        findings.push(
          findingAt(
            adv,
            "/incident",
            "PSIRT-E022",
            `incident ${link} does not link back: its advisory is ${incident.data.advisory ?? "not set"}`,
            `set \`advisory: ${adv.data.id}\` in ${incident.file}`,
          ),
        );
      }
    }
    for (const inc of model.incidents) {
      const link = inc.data.advisory;
      if (link && !model.brokenIds.has(link)) {
        const adv = advisories.get(link);
        if (!adv) {
          findings.push(
            findingAt(
              inc,
              "/advisory",
              "PSIRT-E022",
              `advisory ${link} does not exist`,
              "create the advisory (`npm run psirt -- advisory new --from-incident`) or remove the link",
            ),
          );
        } else if (adv.data.incident !== inc.data.id) {
          findings.push(
            findingAt(
              inc,
              "/advisory",
              "PSIRT-E022",
              `advisory ${link} does not link back: its incident is ${adv.data.incident ?? "not set"}`,
              `set \`incident: ${inc.data.id}\` in ${adv.file}`,
            ),
          );
        }
      }
      const dup = inc.data.duplicate_of;
      if (dup && !model.brokenIds.has(dup)) {
        if (dup === inc.data.id)
          findings.push(
            findingAt(
              inc,
              "/duplicate_of",
              "PSIRT-E022",
              "an incident cannot be a duplicate of itself",
              "name the original incident",
            ),
          );
        else if (!incidents.has(dup))
          findings.push(
            findingAt(
              inc,
              "/duplicate_of",
              "PSIRT-E022",
              `duplicate_of names ${dup}, which does not exist`,
              "name an existing incident",
            ),
          );
      }
    }
    return findings;
  },
};
