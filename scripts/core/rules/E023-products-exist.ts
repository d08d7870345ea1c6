/**
 * Every product and version an advisory or incident names exists in the inventory; version ranges
 * parse in the product's scheme and match at least one shipped version; fixed versions lie outside
 * the affected range. A range in an advisory stands only for the versions released by its current
 * revision date (scripts/core/product-versions.ts, `rangeCoverage`): one that matches only later
 * releases would silently give an empty product list, so it is a finding too.
 */
import type { ProductVersions } from "../../../schemas/advisory.ts";
import type { ProductVersion } from "../../../schemas/product.ts";
import type { Finding } from "../finding.ts";
import type { AdvisoryDoc, Doc, Model, ProductDoc } from "../load/repository.ts";
import { type CompiledRange, compileRange, productIdHint, rangeCoverage } from "../product-versions.ts";
import { currentRevision } from "../publish/select.ts";
import { findingAt, type Rule } from "./rule.ts";

interface Resolved {
  product: ProductDoc;
  range: Extract<CompiledRange, { ok: true }>;
  /** Inventory versions inside the range. */
  versions: string[];
}

/** Resolves `entry` at `pointer`, reporting unknown products, bad ranges and empty matches. */
function resolve(
  model: Model,
  doc: Doc<unknown>,
  pointer: string,
  entry: ProductVersions,
  findings: Finding[],
  advisory?: AdvisoryDoc,
): Resolved | undefined {
  const product = model.products.get(entry.product);
  if (!product) {
    if (!model.brokenIds.has(entry.product)) {
      findings.push(
        findingAt(
          doc,
          `${pointer}/product`,
          "PSIRT-E023",
          `unknown product "${entry.product}"`,
          productIdHint(model.products.keys()),
        ),
      );
    }
    return undefined;
  }
  const range = compileRange(entry.versions, product.data.version_scheme);
  if (!range.ok) {
    findings.push(
      findingAt(
        doc,
        `${pointer}/versions`,
        "PSIRT-E030",
        `version range "${entry.versions}" does not parse: ${range.error}`,
        "write ranges like `>=7.0.0|<7.3.2`, `7.3.2` or `*` (constraints ascending, separated by |)",
      ),
    );
    return undefined;
  }
  const matched = product.data.versions.filter((v) => range.contains(v.version));
  const versions = matched.map((v) => v.version);
  if (versions.length === 0) {
    const shipped = product.data.versions.map((v) => v.version).join(", ");
    findings.push(
      findingAt(
        doc,
        `${pointer}/versions`,
        "PSIRT-E024",
        `"${entry.versions}" matches no version of ${entry.product} in the inventory (shipped: ${shipped})`,
        "add the version to the product file, or correct the range",
      ),
    );
  } else if (advisory) {
    const finding = releasedTooLate(advisory, pointer, entry, range, matched);
    if (finding) findings.push(finding);
  }
  return { product, range, versions };
}

/**
 * PSIRT-E032 when the range of a published (interim or final) advisory matches only versions
 * released after its current revision date, PSIRT-W032 for a draft (its revision is dated again
 * when it is published).
 */
function releasedTooLate(
  adv: AdvisoryDoc,
  pointer: string,
  entry: ProductVersions,
  range: Extract<CompiledRange, { ok: true }>,
  matched: readonly ProductVersion[],
): Finding | undefined {
  const asOf = currentRevision(adv).date;
  const { covered, later } = rangeCoverage(range, matched, asOf);
  if (covered.length > 0 || later.length === 0) return undefined;
  const draft = adv.data.status === "draft";
  const shown = later.slice(0, 3).map((v) => `${v.version} on ${v.released}`);
  if (later.length > 3) shown.push(`${later.length - 3} more`);
  const first = later[0]!;
  return findingAt(
    adv,
    `${pointer}/versions`,
    draft ? "PSIRT-W032" : "PSIRT-E032",
    `"${entry.versions}" covers no version of ${entry.product}: it matches only versions released after the advisory's current revision date ${asOf} (${shown.join(", ")}), and the ${draft ? "draft lists" : "published documents list"} none of them`,
    `a range covers the versions released on or before the current revision date: ${draft ? "date the revision" : "add a revision dated"} on or after ${first.released} to cover them, name a version exactly (\`${first.version}\`) to state it ahead of its release, or remove the entry`,
  );
}

export const rule: Rule = {
  codes: ["PSIRT-E023", "PSIRT-E024", "PSIRT-E030", "PSIRT-E031", "PSIRT-E032", "PSIRT-W032"],
  severity: "error",
  summary:
    "products and versions exist in the inventory; ranges parse and cover a version released by the advisory's revision date; fixed versions are outside the affected range",
  check({ model }) {
    const findings: Finding[] = [];
    for (const adv of model.advisories) {
      adv.data.vulnerabilities.forEach((vuln, vi) => {
        const base = `/vulnerabilities/${vi}/products`;
        const affected = new Map<string, Resolved[]>();
        vuln.products.known_affected.forEach((entry, i) => {
          const r = resolve(model, adv, `${base}/known_affected/${i}`, entry, findings, adv);
          if (r) affected.set(entry.product, [...(affected.get(entry.product) ?? []), r]);
        });
        vuln.products.fixed.forEach((entry, i) => {
          const r = resolve(model, adv, `${base}/fixed/${i}`, entry, findings, adv);
          if (!r) return;
          for (const a of affected.get(entry.product) ?? []) {
            const inside = r.versions.filter((v) => a.range.contains(v));
            if (inside.length > 0) {
              findings.push(
                findingAt(
                  adv,
                  `${base}/fixed/${i}/versions`,
                  "PSIRT-E031",
                  `fixed version(s) ${inside.join(", ")} of ${entry.product} lie inside the affected range "${a.range.text}"`,
                  "a version cannot be both affected and fixed: narrow the affected range or correct the fixed version",
                ),
              );
            }
          }
        });
        vuln.products.known_not_affected.forEach((entry, i) => {
          resolve(model, adv, `${base}/known_not_affected/${i}`, entry, findings, adv);
        });
        vuln.products.under_investigation.forEach((entry, i) => {
          resolve(model, adv, `${base}/under_investigation/${i}`, entry, findings, adv);
        });
        vuln.remediations.forEach((rem, ri) => {
          rem.products.forEach((id, pi) => {
            if (!model.products.has(id)) {
              findings.push(
                findingAt(
                  adv,
                  `/vulnerabilities/${vi}/remediations/${ri}/products/${pi}`,
                  "PSIRT-E023",
                  `unknown product "${id}"`,
                  "use a product id from inventory/products/",
                ),
              );
            } else if (
              !affected.has(id) &&
              !vuln.products.under_investigation.some((u) => u.product === id)
            ) {
              findings.push(
                findingAt(
                  adv,
                  `/vulnerabilities/${vi}/remediations/${ri}/products/${pi}`,
                  "PSIRT-E023",
                  `remediation names ${id}, which is not listed as known_affected`,
                  "remediations apply to affected products: add it to known_affected or remove it here",
                ),
              );
            }
          });
        });
      });
    }
    for (const inc of model.incidents) {
      inc.data.analysis.forEach((entry, i) => {
        const r = resolve(model, inc, `/analysis/${i}`, entry, findings);
        if (r && entry.fixed_in) {
          if (
            !r.product.data.versions.some((v) => v.version === entry.fixed_in) &&
            compileRange(entry.fixed_in, r.product.data.version_scheme).ok === false
          ) {
            findings.push(
              findingAt(
                inc,
                `/analysis/${i}/fixed_in`,
                "PSIRT-E030",
                `fixed_in "${entry.fixed_in}" is not a valid ${r.product.data.version_scheme} version`,
                "give the first version that contains the fix",
              ),
            );
          } else if (r.range.contains(entry.fixed_in) && entry.state !== "resolved") {
            findings.push(
              findingAt(
                inc,
                `/analysis/${i}/fixed_in`,
                "PSIRT-E031",
                `fixed_in ${entry.fixed_in} lies inside the analysed range "${entry.versions}"`,
                "the fixed version cannot be one of the affected versions",
              ),
            );
          }
        }
      });
    }
    return findings;
  },
};
