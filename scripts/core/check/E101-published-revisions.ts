/**
 * A published advisory changes only by appending revisions: if any byte of its file changed, the
 * head keeps every revision of the base unchanged, in place, and adds at least one new revision at
 * the end. Order, versions and dates of the new entries are validate's `PSIRT-E041` (each revision
 * a higher version than the previous, dated no earlier); this rule compares with the base.
 */
import type { Finding } from "../finding.ts";
import { findingAt } from "../rules/rule.ts";
import { advisoryPairs, type ChangeRule } from "./context.ts";

const FIELDS = ["version", "date", "summary"] as const;

export const rule: ChangeRule = {
  codes: ["PSIRT-E101", "PSIRT-E104"],
  severity: "error",
  summary: "a changed published advisory appends new revisions and keeps its revision history",
  check(ctx) {
    const findings: Finding[] = [];
    for (const pair of advisoryPairs(ctx)) {
      const { base, head } = pair;
      if (!base || !head || !pair.changed || !pair.basePublication?.published) continue;
      const before = base.data.revisions;
      const after = head.data.revisions;
      let rewritten = false;
      before.forEach((old, i) => {
        const now = after[i];
        if (!now) {
          rewritten = true;
          findings.push(
            findingAt(
              head,
              "/revisions",
              "PSIRT-E104",
              `revision ${old.version} (${old.date}) of published advisory ${pair.id} was removed: the revision history of a published advisory is kept as published`,
              `restore revision ${old.version} and add a new revision at the end`,
              { key: true },
            ),
          );
          return;
        }
        const field = FIELDS.find((f) => now[f] !== old[f]);
        if (field) {
          rewritten = true;
          findings.push(
            findingAt(
              head,
              `/revisions/${i}/${field}`,
              "PSIRT-E104",
              `revision ${i + 1} of published advisory ${pair.id} was rewritten: ${field} was "${old[field]}" on the base, found "${now[field]}"`,
              "published revisions are history: restore the entry as it was (rebase or edit mistake?) and describe the change in a new revision at the end",
            ),
          );
        }
      });
      if (!rewritten && after.length <= before.length) {
        const current = before[before.length - 1]!;
        findings.push(
          findingAt(
            head,
            "/revisions",
            "PSIRT-E101",
            `published advisory ${pair.id} was changed without a new revision: the current revision is still ${current.version} (${current.date})`,
            `append a revision with a higher version (e.g. ${nextVersion(current.version)}), today's date and a summary of the change`,
            { key: true },
          ),
        );
      }
    }
    return findings;
  },
};

/** The next patch version, as a suggestion (`1.2.0` → `1.2.1`). */
function nextVersion(version: string): string {
  const parts = version.split(".").map(Number);
  return parts.length === 3 && parts.every(Number.isInteger)
    ? `${parts[0]}.${parts[1]}.${parts[2]! + 1}`
    : "a higher version";
}
