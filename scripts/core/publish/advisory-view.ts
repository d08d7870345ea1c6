/**
 * What the site, CSAF, feeds and e-mails show of one advisory, derived once: severity, and each
 * vulnerability's product status expanded to the inventory's concrete versions.
 */
import type { AdvisoryVulnerability } from "../../../schemas/advisory.ts";
import { type CvssResult, type Severity, scoreCvss } from "../cvss/index.ts";
import type { AdvisoryDoc, Model, ProductDoc } from "../load/repository.ts";
import { compileRange } from "../product-versions.ts";

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
}

const SEVERITY_RANK: Record<Severity, number> = { NONE: 0, LOW: 1, MEDIUM: 2, HIGH: 3, CRITICAL: 4 };
export const severityRank = (s: Severity | undefined): number => (s ? SEVERITY_RANK[s] : -1);

function expand(
  model: Model,
  entries: readonly { product: string; versions: string }[],
): ProductVersionRef[] {
  const out: ProductVersionRef[] = [];
  for (const e of entries) {
    const product: ProductDoc | undefined = model.products.get(e.product);
    if (!product) continue;
    const range = compileRange(e.versions, product.data.version_scheme);
    if (!range.ok) continue;
    for (const v of product.data.versions) {
      if (range.contains(v.version))
        out.push({ product: product.data.id, productName: product.data.name, version: v.version });
    }
  }
  return out;
}

function score(vector: string | undefined): CvssResult | undefined {
  if (!vector) return undefined;
  const r = scoreCvss(vector);
  return "error" in r ? undefined : r;
}

export function advisoryView(model: Model, advisory: AdvisoryDoc): AdvisoryView {
  const vulnerabilities = advisory.data.vulnerabilities.map((vuln): VulnerabilityView => {
    const cvssV3 = score(vuln.cvss?.v3?.vector);
    const cvssV4 = score(vuln.cvss?.v4?.vector);
    const main = cvssV4 ?? cvssV3;
    const knownNotAffected: NotAffectedRef[] = [];
    for (const e of vuln.products.known_not_affected) {
      for (const ref of expand(model, [e]))
        knownNotAffected.push({ ...ref, justification: e.justification, statement: e.statement });
    }
    const view: VulnerabilityView = {
      vuln,
      knownAffected: expand(model, vuln.products.known_affected),
      fixed: expand(model, vuln.products.fixed),
      knownNotAffected,
      underInvestigation: expand(model, vuln.products.under_investigation),
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
  const view: AdvisoryView = { advisory, vulnerabilities, products: [...products].sort() };
  if (top?.severity) view.severity = top.severity;
  if (top?.score !== undefined) view.score = top.score;
  return view;
}
