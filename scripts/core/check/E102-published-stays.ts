/**
 * A published advisory stays published under its id: it is never deleted (PSIRT-E102), never
 * renamed to another id (PSIRT-E103) and never unpublished by setting it back to draft, to a TLP
 * that is not published or to a future embargo (PSIRT-E105). Withdrawal is a new revision
 * (scripts/docs/workflow.md, "Withdrawing an advisory").
 */
import type { Finding } from "../finding.ts";
import type { AdvisoryDoc } from "../load/repository.ts";
import { findingAt } from "../rules/rule.ts";
import { type AdvisoryPair, advisoryPairs, type ChangeRule, fileLevelFinding } from "./context.ts";

const WITHDRAW_HINT =
  'a published advisory is never removed: to withdraw it, keep it published and add a revision whose summary starts with "Withdrawn:" (see scripts/docs/workflow.md)';

const cves = (adv: AdvisoryDoc): Set<string> =>
  new Set(adv.data.vulnerabilities.flatMap((v) => (v.cve ? [v.cve] : [])));

/** A head advisory that did not exist on the base and covers the same incident or a same CVE. */
function successor(base: AdvisoryDoc, added: readonly AdvisoryDoc[]): AdvisoryDoc | undefined {
  const baseCves = cves(base);
  return added.find(
    (h) =>
      (base.data.incident !== undefined && h.data.incident === base.data.incident) ||
      [...cves(h)].some((c) => baseCves.has(c)),
  );
}

export const rule: ChangeRule = {
  codes: ["PSIRT-E102", "PSIRT-E103", "PSIRT-E105"],
  severity: "error",
  summary: "a published advisory is never deleted, renamed or unpublished",
  check(ctx) {
    const findings: Finding[] = [];
    const pairs = advisoryPairs(ctx);
    const added = pairs.filter((p) => !p.base && p.head).map((p) => p.head!);
    const headByFile = new Map(ctx.head.model.advisories.map((a) => [a.file, a]));
    for (const pair of pairs) {
      const { base, head } = pair;
      if (!base || !pair.basePublication?.published) continue;
      if (head) {
        const pub = pair.headPublication;
        if (pub && !pub.published) findings.push(unpublished(pair, head, pub.reason, pub.detail));
        continue;
      }
      // Failed to parse in the head: validate reports why; nothing to compare.
      if (ctx.head.model.brokenIds.has(pair.id)) continue;
      const samePath = headByFile.get(base.file);
      if (ctx.head.files.has(base.file) && !samePath) continue;
      const renamed = samePath ?? successor(base, added);
      if (renamed) {
        findings.push(
          findingAt(
            renamed,
            "/id",
            "PSIRT-E103",
            `published advisory ${pair.id} ${samePath ? "had its id changed" : "was renamed"} to ${renamed.data.id}: the id of a published advisory never changes`,
            `restore ${base.file} with id ${pair.id}; publish changes as a new revision of ${pair.id}`,
          ),
        );
      } else {
        findings.push(
          fileLevelFinding(
            base.file,
            "PSIRT-E102",
            `published advisory ${pair.id} was deleted (it exists on the base as ${base.file})`,
            `restore the file; ${WITHDRAW_HINT}`,
          ),
        );
      }
    }
    return findings;
  },
};

function unpublished(pair: AdvisoryPair, head: AdvisoryDoc, reason: string, detail: string): Finding {
  const pointer = reason === "draft" ? "/status" : reason === "tlp" ? "/tlp" : "/embargo_until";
  return findingAt(
    head,
    pointer,
    "PSIRT-E105",
    `published advisory ${pair.id} would be taken off the site: ${detail}`,
    WITHDRAW_HINT,
  );
}
