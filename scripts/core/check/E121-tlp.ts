/**
 * An advisory held back by its TLP becomes public only through a change of its own TLP in the same
 * pull request. For TLP:AMBER and TLP:RED that holds by construction (those are never published,
 * so the head must have lowered the label); the rule catches the indirect route: a change to
 * `site.publish_tlp` in inventory/vendor.yaml that would publish every TLP:GREEN advisory at once,
 * none of them reviewed as a disclosure.
 */
import type { Finding } from "../finding.ts";
import { findingAt } from "../rules/rule.ts";
import { advisoryPairs, type ChangeRule } from "./context.ts";

export const rule: ChangeRule = {
  codes: ["PSIRT-E121"],
  severity: "error",
  summary: "an advisory held back by its TLP becomes public only by changing its own TLP",
  check(ctx) {
    const findings: Finding[] = [];
    for (const pair of advisoryPairs(ctx)) {
      const { base, head } = pair;
      const held = pair.basePublication;
      if (!base || !head || !pair.headPublication?.published || !held || held.published) continue;
      if (held.reason !== "tlp" || base.data.tlp !== head.data.tlp) continue;
      findings.push(
        findingAt(
          head,
          "/tlp",
          "PSIRT-E121",
          `advisory ${pair.id} (TLP:${head.data.tlp}) would become public without a change of its TLP: on the base, ${held.detail}; the publication settings changed, not the advisory`,
          `disclose each advisory deliberately: in this pull request set tlp: WHITE on the advisories to publish, or leave site.publish_tlp unchanged`,
        ),
      );
    }
    return findings;
  },
};
