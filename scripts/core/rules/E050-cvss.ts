/** CVSS vectors are valid for their slot; declared scores and severities equal the computed ones. */
import type { z } from "zod";
import type { Cvss } from "../../../schemas/common.ts";
import { scoreCvss } from "../cvss/index.ts";
import type { Finding } from "../finding.ts";
import type { Doc } from "../load/repository.ts";
import { findingAt, type Rule } from "./rule.ts";

type CvssBlock = z.infer<typeof Cvss>;

export function checkCvss(
  doc: Doc<unknown>,
  pointer: string,
  cvss: CvssBlock | undefined,
  findings: Finding[],
): void {
  if (!cvss) return;
  for (const slot of ["v3", "v4"] as const) {
    const entry = cvss[slot];
    if (!entry) continue;
    const p = `${pointer}/${slot}`;
    const result = scoreCvss(entry.vector);
    if ("error" in result) {
      findings.push(
        findingAt(
          doc,
          `${p}/vector`,
          "PSIRT-E050",
          `invalid CVSS vector: ${result.error}`,
          "check the vector with `npm run psirt -- cvss '<vector>'`",
        ),
      );
      continue;
    }
    const fits =
      slot === "v3" ? result.version === "3.0" || result.version === "3.1" : result.version === "4.0";
    if (!fits) {
      findings.push(
        findingAt(
          doc,
          `${p}/vector`,
          "PSIRT-E050",
          `a CVSS ${result.version} vector under "${slot}"`,
          slot === "v3" ? "v3 holds a CVSS:3.1/… (or 3.0) vector" : "v4 holds a CVSS:4.0/… vector",
        ),
      );
      continue;
    }
    if (entry.score !== undefined && entry.score !== result.baseScore) {
      findings.push(
        findingAt(
          doc,
          `${p}/score`,
          "PSIRT-E051",
          `declared score ${entry.score} differs from the computed score ${result.baseScore} of ${entry.vector}`,
          `set score: ${result.baseScore}, or fix the vector`,
        ),
      );
    }
    if (entry.severity !== undefined && entry.severity !== result.baseSeverity) {
      findings.push(
        findingAt(
          doc,
          `${p}/severity`,
          "PSIRT-E052",
          `declared severity ${entry.severity} differs from the computed ${result.baseSeverity}`,
          `set severity: ${result.baseSeverity}`,
        ),
      );
    }
  }
}

export const rule: Rule = {
  codes: ["PSIRT-E050", "PSIRT-E051", "PSIRT-E052"],
  severity: "error",
  summary: "CVSS vectors are strictly valid; declared scores and severities equal the computed ones",
  check({ model }) {
    const findings: Finding[] = [];
    for (const adv of model.advisories) {
      adv.data.vulnerabilities.forEach((v, i) => {
        checkCvss(adv, `/vulnerabilities/${i}/cvss`, v.cvss, findings);
      });
    }
    for (const inc of model.incidents) {
      checkCvss(inc, "/cvss", inc.data.cvss, findings);
      inc.data.analysis.forEach((a, i) => {
        checkCvss(inc, `/analysis/${i}/cvss`, a.cvss, findings);
      });
    }
    return findings;
  },
};
