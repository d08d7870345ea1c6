/**
 * Embargo dates: an incident's embargo lies in the future only while nothing is published; an
 * advisory of an embargoed incident carries an embargo no earlier than the incident's.
 */
import { dateMs } from "../../../schemas/common.ts";
import type { Finding } from "../finding.ts";
import { findingAt, type Rule } from "./rule.ts";

export const rule: Rule = {
  codes: ["PSIRT-E082"],
  severity: "error",
  summary: "embargo dates are in the future only while unpublished",
  check({ model, now }) {
    const findings: Finding[] = [];
    const advisories = new Map(model.advisories.map((a) => [a.data.id, a]));
    for (const inc of model.incidents) {
      const embargo = inc.data.embargo_until;
      if (!embargo || dateMs(embargo) <= now.getTime()) continue;
      if (inc.data.state === "closed") {
        findings.push(
          findingAt(
            inc,
            "/embargo_until",
            "PSIRT-E082",
            `closed incident still under embargo until ${embargo}`,
            "a closed case is disclosed: remove or correct the embargo date",
          ),
        );
      }
      const adv = inc.data.advisory ? advisories.get(inc.data.advisory) : undefined;
      if (adv && adv.data.status !== "draft") {
        const advEmbargo = adv.data.embargo_until;
        if (!advEmbargo || dateMs(advEmbargo) < dateMs(embargo)) {
          findings.push(
            findingAt(
              adv,
              advEmbargo ? "/embargo_until" : "/status",
              "PSIRT-E082",
              `incident ${inc.data.id} is under embargo until ${embargo}, but this advisory would be published ${advEmbargo ? `on ${advEmbargo}` : "now"}`,
              `set embargo_until: ${embargo} (or later), or keep status: draft`,
            ),
          );
        }
      }
    }
    return findings;
  },
};
