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
    const lifted = liftedEmbargoes(ctx, now);
    for (const pair of advisoryPairs(ctx)) {
      const { base, head } = pair;
      if (!head || !pair.headPublication?.published || pair.basePublication?.published) continue;
      const pointer = head.data.embargo_until ? "/embargo_until" : "/status";
      const report = (message: string) =>
        findings.push(findingAt(head, pointer, "PSIRT-E120", message, HINT));
      const advisoryEmbargo = base?.data.embargo_until;
      const incidentId = head.data.incident;
      const incidentEmbargo = incidentId ? baseIncidents.get(incidentId)?.data.embargo_until : undefined;
      const headEmbargo = incidentId ? headIncidents.get(incidentId)?.data.embargo_until : undefined;
      // While the head incident is still under embargo, validate's PSIRT-E082 already says so.
      const stillEmbargoed = headEmbargo !== undefined && dateMs(headEmbargo) > now;
      if (advisoryEmbargo && dateMs(advisoryEmbargo) > now) {
        report(
          `advisory ${pair.id} would be published now, but it is under embargo until ${advisoryEmbargo} (on the base); found ${head.data.embargo_until ? `embargo_until: ${head.data.embargo_until}` : "no embargo_until"}`,
        );
      } else if (incidentEmbargo && dateMs(incidentEmbargo) > now && !stillEmbargoed) {
        report(
          `advisory ${pair.id} would be published now, but its incident ${incidentId} is under embargo until ${incidentEmbargo} (on the base)`,
        );
      } else if (lifted.length > 0) {
        // Links can be cut and ids changed in the same change (an embargoed advisory deleted and
        // republished under a new id, its incident's embargo removed): any embargo the change
        // lifts early forbids publishing in it.
        report(
          `advisory ${pair.id} would be published by a change that also lifts an embargo early: ${lifted.join("; ")}`,
        );
      }
    }
    return findings;
  },
};

/**
 * Embargoes the base holds (advisory or incident `embargo_until` after `now`) that the head lifts:
 * the date removed or moved to the past, or the file deleted.
 */
function liftedEmbargoes(ctx: Parameters<ChangeRule["check"]>[0], now: number): string[] {
  const out: string[] = [];
  const kinds = [
    ["advisory", ctx.base.model.advisories, ctx.head.model.advisories],
    ["incident", ctx.base.model.incidents, ctx.head.model.incidents],
  ] as const;
  for (const [kind, base, head] of kinds) {
    const heads = new Map<string, { data: { embargo_until?: string } }>(head.map((d) => [d.data.id, d]));
    for (const doc of base) {
      const until = doc.data.embargo_until;
      if (!until || dateMs(until) <= now) continue;
      const after = heads.get(doc.data.id);
      if (after === undefined) out.push(`${kind} ${doc.data.id} (under embargo until ${until}) is deleted`);
      else if (!after.data.embargo_until || dateMs(after.data.embargo_until) <= now)
        out.push(
          `${kind} ${doc.data.id}'s embargo until ${until} is ${after.data.embargo_until ? `moved to ${after.data.embargo_until}` : "removed"}`,
        );
    }
  }
  return out;
}
