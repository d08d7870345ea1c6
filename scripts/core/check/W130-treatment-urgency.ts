/**
 * A planned_release decision where the urgency rule (urgency.ts) recommends an immediate fix needs
 * a written `treatment.reason`. Checked for open incidents this change adds or edits: the reason is
 * asked for when the decision is made, not in every later pull request.
 */
import type { Finding } from "../finding.ts";
import { findingAt } from "../rules/rule.ts";
import { type ChangeRule, incidentPairs } from "./context.ts";
import { recommendTreatment, urgencyInput } from "./urgency.ts";

export const rule: ChangeRule = {
  codes: ["PSIRT-W130"],
  severity: "warning",
  summary: "planned_release against an immediate_fix recommendation gives a reason",
  check(ctx) {
    const findings: Finding[] = [];
    const products = new Map([...ctx.head.model.products].map(([id, p]) => [id, p.data]));
    for (const { head, changed } of incidentPairs(ctx)) {
      if (!head || !changed || head.data.state === "closed") continue;
      const treatment = head.data.treatment;
      if (treatment?.decision !== "planned_release" || treatment.reason?.trim()) continue;
      const urgency = recommendTreatment(urgencyInput(head.data, products));
      if (urgency.decision !== "immediate_fix") continue;
      findings.push(
        findingAt(
          head,
          "/treatment/decision",
          "PSIRT-W130",
          `incident ${head.data.id} waits for a planned release, but the urgency rule recommends an immediate fix: ${urgency.reason}`,
          "fix immediately (decision: immediate_fix), or say why waiting is acceptable in treatment.reason (scripts/docs/workflow.md, Treatment urgency)",
        ),
      );
    }
    return findings;
  },
};
