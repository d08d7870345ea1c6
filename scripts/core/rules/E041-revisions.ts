/** Revision history: versions strictly increasing, dates in order, the first is the initial release. */
import { dateMs } from "../../../schemas/common.ts";
import type { Finding } from "../finding.ts";
import { findingAt, type Rule } from "./rule.ts";

const parts = (v: string): number[] => v.split(".").map(Number);
export function compareRevision(a: string, b: string): number {
  const [x, y] = [parts(a), parts(b)];
  for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return (x[i] ?? 0) - (y[i] ?? 0);
  return 0;
}

export const rule: Rule = {
  codes: ["PSIRT-E041", "PSIRT-E042", "PSIRT-E043"],
  severity: "error",
  summary: "revisions ordered with increasing versions; the first is the initial release; no future dates",
  check({ model, now }) {
    const findings: Finding[] = [];
    for (const adv of model.advisories) {
      const revisions = adv.data.revisions;
      const first = revisions[0]!;
      const published = adv.data.status !== "draft";
      if (published && first.version !== "1.0.0") {
        findings.push(
          findingAt(
            adv,
            "/revisions/0/version",
            "PSIRT-E042",
            `the first revision of a published advisory must be the initial release 1.0.0, found ${first.version}`,
            "number the initial release 1.0.0 (drafts may use 0.x versions)",
          ),
        );
      }
      if (!published && !/^(0\.\d+\.\d+|1\.0\.0)$/.test(first.version)) {
        findings.push(
          findingAt(
            adv,
            "/revisions/0/version",
            "PSIRT-E042",
            `the first revision of a draft must be 0.x.y or 1.0.0, found ${first.version}`,
            "start drafts at 0.1.0",
          ),
        );
      }
      if (published && revisions.some((r) => r.version.startsWith("0."))) {
        const i = revisions.findIndex((r) => r.version.startsWith("0."));
        findings.push(
          findingAt(
            adv,
            `/revisions/${i}/version`,
            "PSIRT-E042",
            "a published advisory has no 0.x revisions: those are drafts",
            "remove draft revisions before publishing; the initial release is 1.0.0",
          ),
        );
      }
      for (let i = 1; i < revisions.length; i++) {
        const [prev, cur] = [revisions[i - 1]!, revisions[i]!];
        if (compareRevision(cur.version, prev.version) <= 0) {
          findings.push(
            findingAt(
              adv,
              `/revisions/${i}/version`,
              "PSIRT-E041",
              `revision ${cur.version} does not increase on the previous ${prev.version}`,
              "give each new revision a higher version (1.0.0 → 1.0.1 or 1.1.0 or 2.0.0)",
            ),
          );
        }
        if (dateMs(cur.date) < dateMs(prev.date)) {
          findings.push(
            findingAt(
              adv,
              `/revisions/${i}/date`,
              "PSIRT-E041",
              `revision date ${cur.date} is before the previous revision's ${prev.date}`,
              "list revisions oldest first with dates in order",
            ),
          );
        }
      }
      revisions.forEach((r, i) => {
        if (dateMs(r.date) > now.getTime() + 86_400_000 && !adv.data.embargo_until) {
          findings.push(
            findingAt(
              adv,
              `/revisions/${i}/date`,
              "PSIRT-E043",
              `revision date ${r.date} is in the future`,
              "date revisions when they are released; use embargo_until to schedule publication",
            ),
          );
        }
      });
    }
    return findings;
  },
};
