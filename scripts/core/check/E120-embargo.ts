/**
 * An advisory does not become public in a change while the base still holds it under embargo: if
 * the base advisory (or the base incident it discloses) has an `embargo_until` after `now`, the head
 * may not publish it by removing or advancing that date. A scheduled embargo stays untouched and
 * the advisory goes out on the first build after the date; an embargo lifted early by agreement is
 * its own reviewed change made while the advisory is still draft (scripts/docs/workflow.md).
 */
import { dateMs } from "../../../schemas/common.ts";
import type { Finding } from "../finding.ts";
import { findingAt } from "../rules/rule.ts";
import { advisoryPairs, type ChangeRule } from "./context.ts";

const HINT =
  "keep embargo_until until the agreed date (the advisory then publishes on the first build after it); to lift an embargo early, change the date in its own pull request while the advisory is still draft";

export const rule: ChangeRule = {
  codes: ["PSIRT-E120"],
  severity: "error",
  summary: "an advisory does not become public before the embargo date the base holds it to",
  check(ctx) {
    const findings: Finding[] = [];
    const now = ctx.now.getTime();
    const baseIncidents = new Map(ctx.base.model.incidents.map((i) => [i.data.id, i]));
    const headIncidents = new Map(ctx.head.model.incidents.map((i) => [i.data.id, i]));
    for (const pair of advisoryPairs(ctx)) {
      const { base, head } = pair;
      if (!head || !pair.headPublication?.published || pair.basePublication?.published) continue;
      const pointer = head.data.embargo_until ? "/embargo_until" : "/status";
      const advisoryEmbargo = base?.data.embargo_until;
      if (advisoryEmbargo && dateMs(advisoryEmbargo) > now) {
        findings.push(
          findingAt(
            head,
            pointer,
            "PSIRT-E120",
            `advisory ${pair.id} would be published now, but it is under embargo until ${advisoryEmbargo} (on the base); found ${head.data.embargo_until ? `embargo_until: ${head.data.embargo_until}` : "no embargo_until"}`,
            HINT,
          ),
        );
        continue;
      }
      const incidentId = head.data.incident;
      const baseIncident = incidentId ? baseIncidents.get(incidentId) : undefined;
      const incidentEmbargo = baseIncident?.data.embargo_until;
      const headEmbargo = incidentId ? headIncidents.get(incidentId)?.data.embargo_until : undefined;
      // While the head incident is still under embargo, validate's PSIRT-E082 already says so.
      const stillEmbargoed = headEmbargo !== undefined && dateMs(headEmbargo) > now;
      if (incidentEmbargo && dateMs(incidentEmbargo) > now && !stillEmbargoed) {
        findings.push(
          findingAt(
            head,
            pointer,
            "PSIRT-E120",
            `advisory ${pair.id} would be published now, but its incident ${incidentId} is under embargo until ${incidentEmbargo} (on the base)`,
            HINT,
          ),
        );
      }
    }
    return findings;
  },
};
