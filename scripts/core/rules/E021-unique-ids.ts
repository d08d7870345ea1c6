/** Ids are unique across the repository; one CVE is covered by one advisory. */
import type { Finding } from "../finding.ts";
import type { Doc } from "../load/repository.ts";
import { findingAt, type Rule } from "./rule.ts";

export const rule: Rule = {
  codes: ["PSIRT-E021", "PSIRT-W021"],
  severity: "error",
  summary: "advisory and incident ids are unique; a CVE appears in one advisory only",
  check({ model }) {
    const findings: Finding[] = [];
    const seen = new Map<string, Doc<unknown>>();
    for (const doc of [...model.advisories, ...model.incidents]) {
      const first = seen.get(doc.data.id);
      if (first) {
        findings.push(
          findingAt(
            doc,
            "/id",
            "PSIRT-E021",
            `duplicate id "${doc.data.id}": also used by ${first.file}`,
            "give this document the next free id",
          ),
        );
      } else seen.set(doc.data.id, doc);
    }
    const cves = new Map<string, string>();
    for (const adv of model.advisories) {
      adv.data.vulnerabilities.forEach((v, i) => {
        if (!v.cve) return;
        const other = cves.get(v.cve);
        if (other && other !== adv.data.id) {
          findings.push(
            findingAt(
              adv,
              `/vulnerabilities/${i}/cve`,
              "PSIRT-W021",
              `${v.cve} is also covered by advisory ${other}`,
              "update the existing advisory with a new revision instead of publishing a second one",
              { severity: "warning" },
            ),
          );
        } else cves.set(v.cve, adv.data.id);
      });
    }
    return findings;
  },
};
