/**
 * A range in an advisory covers only the versions released by the advisory's current revision
 * date (scripts/core/product-versions.ts), so that a new release never changes a published
 * document under the same revision. The price: a release that lands in an open affected range
 * (`>=8.0.0`, no fix yet) is not listed as affected until someone revises the advisory, and
 * customers of that release would read nothing. So a change that adds such a release is told which
 * advisories would have to say something about it. Only affected and under-investigation ranges
 * count: a not-affected `*` takes in every release, and re-issuing each old advisory for it is not
 * what anyone wants. Drafts are left out: their revision is dated when they are published.
 */
import type { Finding } from "../finding.ts";
import type { AdvisoryDoc, Model } from "../load/repository.ts";
import { compileRange, rangeCoverage } from "../product-versions.ts";
import { currentRevision } from "../publish/select.ts";
import { findingAt } from "../rules/rule.ts";
import type { ChangeRule, CheckContext } from "./context.ts";

/** Product id → the versions the head lists and the base does not. */
function addedReleases(ctx: CheckContext): Map<string, Set<string>> {
  const added = new Map<string, Set<string>>();
  for (const [id, product] of ctx.head.model.products) {
    const before = new Set(ctx.base.model.products.get(id)?.data.versions.map((v) => v.version) ?? []);
    const fresh = product.data.versions.map((v) => v.version).filter((v) => !before.has(v));
    if (fresh.length > 0) added.set(id, new Set(fresh));
  }
  return added;
}

/** Findings for the added releases inside `adv`'s affected or under-investigation ranges that it does not cover. */
function uncovered(model: Model, adv: AdvisoryDoc, added: Map<string, Set<string>>): Finding[] {
  const asOf = currentRevision(adv).date;
  const findings: Finding[] = [];
  adv.data.vulnerabilities.forEach((vuln, vi) => {
    for (const status of ["known_affected", "under_investigation"] as const) {
      vuln.products[status].forEach((entry, i) => {
        const fresh = added.get(entry.product);
        const product = model.products.get(entry.product);
        if (!fresh || !product) return;
        const range = compileRange(entry.versions, product.data.version_scheme);
        if (!range.ok) return;
        const later = rangeCoverage(range, product.data.versions, asOf).later.filter((v) =>
          fresh.has(v.version),
        );
        if (later.length === 0) return;
        const names = later.map((v) => `${v.version} (released ${v.released})`).join(", ");
        findings.push(
          findingAt(
            adv,
            `/vulnerabilities/${vi}/products/${status}/${i}/versions`,
            "PSIRT-W107",
            `the new release ${entry.product} ${names} lies in the ${status} range "${entry.versions}" of ${adv.data.id}, which covers only versions released by its current revision date ${asOf}: its documents say nothing about ${later.length === 1 ? "it" : "them"}`,
            `if the release is ${status === "known_affected" ? "affected" : "under investigation"} too, add a revision to ${adv.data.id} dated on or after ${later[0]!.released} so that it says so; if it contains the fix, list it as fixed in that revision`,
          ),
        );
      });
    }
  });
  return findings;
}

export const rule: ChangeRule = {
  codes: ["PSIRT-W107"],
  severity: "warning",
  summary:
    "a new release inside an affected range of an interim or final advisory that does not cover it yet is pointed out",
  check(ctx) {
    const added = addedReleases(ctx);
    if (added.size === 0) return [];
    return ctx.head.model.advisories
      .filter((adv) => adv.data.status !== "draft")
      .flatMap((adv) => uncovered(ctx.head.model, adv, added));
  },
};
