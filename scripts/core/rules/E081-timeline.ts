/** Incident timelines are in date order, start no earlier than receipt, and lie in the past. */
import { dateMs } from "../../../schemas/common.ts";
import type { Finding } from "../finding.ts";
import { findingAt, type Rule } from "./rule.ts";

export const rule: Rule = {
  codes: ["PSIRT-E081"],
  severity: "error",
  summary: "timeline events are ordered, not before receipt and not in the future",
  check({ model, now }) {
    const findings: Finding[] = [];
    for (const inc of model.incidents) {
      const received = dateMs(inc.data.received);
      if (received > now.getTime() + 86_400_000) {
        findings.push(
          findingAt(
            inc,
            "/received",
            "PSIRT-E081",
            `received date ${inc.data.received} is in the future`,
            "record the date the report arrived",
          ),
        );
      }
      inc.data.timeline.forEach((e, i) => {
        const t = dateMs(e.date);
        const prev = inc.data.timeline[i - 1];
        if (prev && t < dateMs(prev.date)) {
          findings.push(
            findingAt(
              inc,
              `/timeline/${i}/date`,
              "PSIRT-E081",
              `timeline event "${e.event}" on ${e.date} is before the previous event (${prev.date})`,
              "keep the timeline oldest first",
            ),
          );
        }
        if (t < received && e.date.slice(0, 10) < inc.data.received.slice(0, 10)) {
          findings.push(
            findingAt(
              inc,
              `/timeline/${i}/date`,
              "PSIRT-E081",
              `timeline event "${e.event}" on ${e.date} is before the report was received (${inc.data.received})`,
              "correct the date or the received date",
            ),
          );
        }
        if (t > now.getTime() + 86_400_000) {
          findings.push(
            findingAt(
              inc,
              `/timeline/${i}/date`,
              "PSIRT-E081",
              `timeline event "${e.event}" on ${e.date} is in the future`,
              "record events when they happen; plan dates go in treatment.target_date",
            ),
          );
        }
      });
    }
    return findings;
  },
};
