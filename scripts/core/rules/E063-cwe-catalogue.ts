/**
 * CWE ids exist and their names are the catalogue's: CSAF 2.0 mandatory test 6.1.11 rejects any
 * other name, so this catches at pull-request time what would otherwise fail the build.
 */
import { weaknesses } from "@secvisogram/csaf-validator-lib/cwe.js";
import type { Finding } from "../finding.ts";
import { findingAt, type Rule } from "./rule.ts";

let catalogue: Map<string, string> | undefined;
const names = () => (catalogue ??= new Map(weaknesses.map((w) => [w.id, w.name])));

export const rule: Rule = {
  codes: ["PSIRT-E063"],
  severity: "error",
  summary: "CWE ids exist in the CWE catalogue and carry its exact name",
  check({ model }) {
    const findings: Finding[] = [];
    for (const adv of model.advisories) {
      adv.data.vulnerabilities.forEach((v, i) => {
        if (!v.cwe) return;
        const name = names().get(v.cwe.id);
        if (name === undefined) {
          findings.push(
            findingAt(
              adv,
              `/vulnerabilities/${i}/cwe/id`,
              "PSIRT-E063",
              `${v.cwe.id} is not in the CWE catalogue`,
              "look the weakness up at https://cwe.mitre.org/ and use its id",
            ),
          );
        } else if (name !== v.cwe.name) {
          findings.push(
            findingAt(
              adv,
              `/vulnerabilities/${i}/cwe/name`,
              "PSIRT-E063",
              `the name of ${v.cwe.id} is "${name}", not "${v.cwe.name}"`,
              `set name: "${name}"`,
            ),
          );
        }
      });
    }
    return findings;
  },
};
