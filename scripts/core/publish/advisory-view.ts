/**
 * What the site, CSAF, feeds and e-mails show of one advisory, derived once: severity, and each
 * vulnerability's product status expanded to the inventory's concrete versions. Ranges are expanded
 * here only, at the advisory's current revision date (`rangeCoverage`), so the page, the CSAF
 * advisory and VEX documents, the exports and the e-mails always state the same versions, and a
 * later release reaches none of them until the advisory gets a new revision.
 */
import type { AdvisoryVulnerability } from "../../../schemas/advisory.ts";
import { type CvssResult, type Severity, scoreCvss } from "../cvss/index.ts";
import type { AdvisoryDoc, Model, ProductDoc } from "../load/repository.ts";
import { compileRange, rangeCoverage } from "../product-versions.ts";
import { currentRevision } from "./select.ts";

export interface ProductVersionRef {
  product: string;
  productName: string;
  version: string;
}

export interface NotAffectedRef extends ProductVersionRef {
  justification: string;
  statement: string;
}

export interface VulnerabilityView {
  vuln: AdvisoryVulnerability;
  cvssV3?: CvssResult;
  cvssV4?: CvssResult;
  /** The highest base severity of the vulnerability's scores (v4 preferred when both). */
  severity?: Severity;
  score?: number;
  knownAffected: ProductVersionRef[];
  fixed: ProductVersionRef[];
  knownNotAffected: NotAffectedRef[];
  underInvestigation: ProductVersionRef[];
}

export interface AdvisoryView {
  advisory: AdvisoryDoc;
  severity?: Severity;
  score?: number;
  vulnerabilities: VulnerabilityView[];
  /** Product ids the advisory names in any status. */
  products: string[];
  /**
   * The date the ranges were expanded at: the current revision's. Versions released after it are
   * in no status unless named exactly.
   */
  asOf: string;
}

const SEVERITY_RANK: Record<Severity, number> = { NONE: 0, LOW: 1, MEDIUM: 2, HIGH: 3, CRITICAL: 4 };
export const severityRank = (s: Severity | undefined): number => (s ? SEVERITY_RANK[s] : -1);

function expand(
  model: Model,
  entries: readonly { product: string; versions: string }[],
  asOf: string,
): ProductVersionRef[] {
  const out: ProductVersionRef[] = [];
  for (const e of entries) {
    const product: ProductDoc | undefined = model.products.get(e.product);
    if (!product) continue;
    const range = compileRange(e.versions, product.data.version_scheme);
    if (!range.ok) continue;
    for (const version of rangeCoverage(range, product.data.versions, asOf).covered)
      out.push({ product: product.data.id, productName: product.data.name, version });
  }
  return out;
}

function score(vector: string | undefined): CvssResult | undefined {
  if (!vector) return undefined;
  const r = scoreCvss(vector);
  return "error" in r ? undefined : r;
}

export function advisoryView(model: Model, advisory: AdvisoryDoc): AdvisoryView {
  const asOf = currentRevision(advisory).date;
  const vulnerabilities = advisory.data.vulnerabilities.map((vuln): VulnerabilityView => {
    const cvssV3 = score(vuln.cvss?.v3?.vector);
    const cvssV4 = score(vuln.cvss?.v4?.vector);
    const main = cvssV4 ?? cvssV3;
    const knownNotAffected: NotAffectedRef[] = [];
    for (const e of vuln.products.known_not_affected) {
      for (const ref of expand(model, [e], asOf))
        knownNotAffected.push({ ...ref, justification: e.justification, statement: e.statement });
    }
    const view: VulnerabilityView = {
      vuln,
      knownAffected: expand(model, vuln.products.known_affected, asOf),
      fixed: expand(model, vuln.products.fixed, asOf),
      knownNotAffected,
      underInvestigation: expand(model, vuln.products.under_investigation, asOf),
    };
    if (cvssV3) view.cvssV3 = cvssV3;
    if (cvssV4) view.cvssV4 = cvssV4;
    if (main) {
      view.severity = main.baseSeverity;
      view.score = main.baseScore;
    }
    return view;
  });
  let top: VulnerabilityView | undefined;
  for (const v of vulnerabilities)
    if (
      !top ||
      severityRank(v.severity) > severityRank(top.severity) ||
      (v.severity === top.severity && (v.score ?? 0) > (top.score ?? 0))
    )
      top = v;
  const products = new Set<string>();
  for (const v of advisory.data.vulnerabilities) {
    for (const list of [
      v.products.known_affected,
      v.products.fixed,
      v.products.known_not_affected,
      v.products.under_investigation,
    ])
      for (const e of list) products.add(e.product);
  }
  const view: AdvisoryView = { advisory, vulnerabilities, products: [...products].sort(), asOf };
  if (top?.severity) view.severity = top.severity;
  if (top?.score !== undefined) view.score = top.score;
  return view;
}
