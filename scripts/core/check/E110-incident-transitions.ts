/**
 * Incident states move along the workflow one step per change (scripts/docs/workflow.md has the
 * diagram):
 *
 *   new → triage → analysis → remediation → disclosure → closed
 *   any state → closed   when the resolution is rejected, duplicate, false_positive or not_affected
 *   closed → triage | analysis   only with a `reopened` timeline event added in the same change
 *
 * Everything else (skipping a state, going back, closing a case as fixed before disclosure) is
 * PSIRT-E110; a re-opening without its event is PSIRT-E111. A new open case file that starts
 * beyond triage (PSIRT-W110) and a deleted case file (PSIRT-W111) are warnings; a new closed case
 * file is a record of past work (an import) and passes.
 */
import { INCIDENT_STATES, type IncidentState } from "../../../schemas/incident.ts";
import type { Finding } from "../finding.ts";
import type { IncidentDoc } from "../load/repository.ts";
import { findingAt } from "../rules/rule.ts";
import { type ChangeRule, fileLevelFinding, incidentPairs } from "./context.ts";

/** Resolutions that close a case from any state. */
export const EARLY_CLOSE: ReadonlySet<string> = new Set([
  "rejected",
  "duplicate",
  "false_positive",
  "not_affected",
]);

/** Where a case may go from `from` in one change (besides staying). */
export function allowedNext(from: IncidentState): IncidentState[] {
  if (from === "closed") return ["triage", "analysis"];
  const next = INCIDENT_STATES[INCIDENT_STATES.indexOf(from) + 1]!;
  return next === "closed" ? ["closed"] : [next, "closed"];
}

const reopenedEvents = (inc: IncidentDoc): number =>
  inc.data.timeline.filter((e) => e.event === "reopened").length;

function transition(base: IncidentDoc, head: IncidentDoc): Finding | undefined {
  const from = base.data.state;
  const to = head.data.state;
  if (from === to) return undefined;
  const allowed = allowedNext(from);
  const id = head.data.id;
  if (!allowed.includes(to)) {
    const skipped = INCIDENT_STATES.slice(INCIDENT_STATES.indexOf(from) + 1, INCIDENT_STATES.indexOf(to));
    return findingAt(
      head,
      "/state",
      "PSIRT-E110",
      `incident ${id} moves from "${from}" to "${to}"${skipped.length > 0 && from !== "closed" ? `, skipping ${skipped.map((s) => `"${s}"`).join(", ")}` : ""}: allowed from "${from}" is ${allowed.map((s) => `"${s}"`).join(" or ")}`,
      from === "closed"
        ? "re-open a closed case to triage or analysis, with a `reopened` timeline event"
        : `move one step at a time (next: "${allowed[0]}"), so that each decision is reviewed`,
    );
  }
  if (to === "closed" && from !== "disclosure") {
    const resolution = head.data.resolution;
    // No resolution at all is validate's PSIRT-E080.
    if (resolution !== undefined && !EARLY_CLOSE.has(resolution)) {
      return findingAt(
        head,
        "/resolution",
        "PSIRT-E110",
        `incident ${id} is closed from "${from}" with resolution "${resolution}": only rejected, duplicate, false_positive or not_affected close a case before disclosure`,
        'a fixed case goes through remediation → disclosure → closed; set state: "disclosure" first',
      );
    }
  }
  if (from === "closed" && reopenedEvents(head) <= reopenedEvents(base)) {
    return findingAt(
      head,
      "/state",
      "PSIRT-E111",
      `incident ${id} is re-opened ("closed" → "${to}") without a new \`reopened\` timeline event`,
      "add `- {date: <today>, event: reopened, note: <why>}` to the timeline in this change",
    );
  }
  return undefined;
}

export const rule: ChangeRule = {
  codes: ["PSIRT-E110", "PSIRT-E111", "PSIRT-W110", "PSIRT-W111"],
  severity: "error",
  summary: "incident states move along the workflow's edges; re-opening is recorded",
  check(ctx) {
    const findings: Finding[] = [];
    for (const pair of incidentPairs(ctx)) {
      const { base, head } = pair;
      if (base && head) {
        const f = transition(base, head);
        if (f) findings.push(f);
      } else if (head && !["new", "triage", "closed"].includes(head.data.state)) {
        findings.push(
          findingAt(
            head,
            "/state",
            "PSIRT-W110",
            `new incident ${pair.id} starts in state "${head.data.state}": cases normally start as "new" or "triage"`,
            "fine for a case imported with its history (its timeline should show it); otherwise start at new or triage",
          ),
        );
      } else if (base && !head && !ctx.head.files.has(base.file) && !ctx.head.model.brokenIds.has(pair.id)) {
        findings.push(
          fileLevelFinding(
            base.file,
            "PSIRT-W111",
            `incident ${pair.id} was deleted: case files are the PSIRT's records (and metrics)`,
            "close the case instead (state: closed with a resolution such as rejected or duplicate)",
          ),
        );
      }
    }
    return findings;
  },
};
