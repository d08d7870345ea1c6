/**
 * A published advisory's CSAF documents follow from the advisory and from the inventory: product
 * names, purl and CPE helpers, the vendor, and the versions a range covers. An inventory change can
 * so alter a published document while the advisory's file stays the same, and customers would get
 * other content under the same tracking version. CSAF wants a new revision for any change, so the
 * pull request is told which advisories it alters.
 *
 * A new release alone does not do this: a range covers only the versions released by the
 * advisory's current revision date (scripts/core/product-versions.ts, `rangeCoverage`), so a
 * release appears in an advisory with its next revision (PSIRT-W107 points out one that falls in an
 * affected range). What still alters published documents is a renamed product or version, changed
 * identifiers or vendor, a removed version, or a release date moved across a revision date. A
 * warning, not an error: such a correction can touch many advisories, and whether it deserves a new
 * revision of each is the vendor's call, made knowingly.
 */
import { toCsaf } from "../csaf/document.ts";
import { stableStringify } from "../csaf/json.ts";
import { toCsafVex } from "../csaf/vex.ts";
import type { Finding } from "../finding.ts";
import type { AdvisoryDoc, Model } from "../load/repository.ts";
import { findingAt } from "../rules/rule.ts";
import { advisoryPairs, type ChangeRule, type CheckContext, sameBytes } from "./context.ts";

const VENDOR = "inventory/vendor.yaml";

/** The inventory files (vendor and products) whose bytes differ between base and head. */
function changedInventory(ctx: CheckContext): string[] {
  const paths = new Set([...ctx.base.files.keys(), ...ctx.head.files.keys()]);
  return [...paths]
    .filter((p) => p === VENDOR || (p.startsWith("inventory/products/") && p.endsWith(".yaml")))
    .filter((p) => !sameBytes(ctx.base.files.get(p), ctx.head.files.get(p)))
    .sort();
}

const productsOf = (adv: AdvisoryDoc): Set<string> =>
  new Set(
    adv.data.vulnerabilities.flatMap((v) =>
      Object.values(v.products).flatMap((list) => list.map((p) => p.product)),
    ),
  );

/** The advisory's CSAF documents (advisory and, when it has one, VEX) as canonical text. */
function documents(model: Model, adv: AdvisoryDoc): string {
  return stableStringify([toCsaf(model, adv), toCsafVex(model, adv) ?? null]);
}

export const rule: ChangeRule = {
  codes: ["PSIRT-W106"],
  severity: "warning",
  summary: "an inventory change that alters a published advisory's CSAF documents is pointed out",
  check(ctx) {
    const changed = changedInventory(ctx);
    if (changed.length === 0) return [];
    const vendorChanged = changed.includes(VENDOR);
    const products = new Set<string>();
    for (const model of [ctx.base.model, ctx.head.model])
      for (const [id, product] of model.products) if (changed.includes(product.file)) products.add(id);
    const findings: Finding[] = [];
    for (const pair of advisoryPairs(ctx)) {
      const { base, head } = pair;
      // A changed file is PSIRT-E101's: it must add a revision anyway.
      if (
        !base ||
        !head ||
        pair.changed ||
        !pair.basePublication?.published ||
        !pair.headPublication?.published
      )
        continue;
      const touched = [...productsOf(head)].filter((p) => products.has(p));
      if (!vendorChanged && touched.length === 0) continue;
      if (documents(ctx.base.model, base) === documents(ctx.head.model, head)) continue;
      const cause = touched.length > 0 ? `product ${touched.join(", ")}` : VENDOR;
      const revision = head.data.revisions.at(-1)?.version ?? "?";
      findings.push(
        findingAt(
          head,
          "/revisions",
          "PSIRT-W106",
          `the change to ${cause} alters the published CSAF document of ${pair.id} (revision ${revision}) without a new revision: customers would get other content under the same version`,
          `add a revision to ${pair.id} saying what changed (e.g. "Product information updated"), or leave the inventory entries it uses as they are`,
          { key: true },
        ),
      );
    }
    return findings;
  },
};
