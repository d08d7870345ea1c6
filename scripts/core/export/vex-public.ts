/**
 * The public CycloneDX VEX of every product version, from PUBLISHED advisories only: each
 * vulnerability an advisory states for the version, with its state (affected → exploitable,
 * fixed → resolved, known not affected → not_affected with the justification mapped from CSAF,
 * under investigation → in_triage). Incidents are never read here.
 */
import type { AdvisoryVulnerability } from "../../../schemas/advisory.ts";
import { dateMs } from "../../../schemas/common.ts";
import type { Product } from "../../../schemas/product.ts";
import type { Vendor } from "../../../schemas/vendor.ts";
import { advisoryUrls } from "../csaf/document.ts";
import type { AdvisoryDoc, Model } from "../load/repository.ts";
import { advisoryView, type ProductVersionRef, type VulnerabilityView } from "../publish/advisory-view.ts";
import { currentRevision, initialRelease, publication } from "../publish/select.ts";
import type { CsafJustification } from "../scaffold/justification.ts";
import {
  bomJson,
  type CdxBom,
  type CdxResponse,
  type CdxVulnerability,
  dateTime,
  productVersionRef,
  ratingsOf,
  sourceOfId,
  vexBom,
  vexPath,
} from "./cyclonedx.ts";
import { CYCLONEDX_JUSTIFICATION } from "./justification.ts";

const RESPONSE: Record<string, CdxResponse | undefined> = {
  vendor_fix: "update",
  workaround: "workaround_available",
  mitigation: "workaround_available",
  no_fix_planned: "will_not_fix",
  none_available: undefined,
};
const RESPONSE_ORDER: readonly CdxResponse[] = [
  "can_not_fix",
  "will_not_fix",
  "update",
  "rollback",
  "workaround_available",
];

/** The vulnerability's own id: its CVE, else its first alias, else the advisory id. */
export function vulnerabilityId(vuln: AdvisoryVulnerability, advisoryId: string): string {
  return vuln.cve ?? vuln.aliases[0] ?? advisoryId;
}

const has = (refs: readonly ProductVersionRef[], product: string, version: string) =>
  refs.some((r) => r.product === product && r.version === version);

type Status =
  | { state: "exploitable" | "in_triage" | "resolved" }
  | { state: "not_affected"; justification: CsafJustification; statement: string };

/** What a vulnerability view says about one product version (affected wins over any contradiction). */
function statusOf(view: VulnerabilityView, product: string, version: string): Status | undefined {
  if (has(view.knownAffected, product, version)) return { state: "exploitable" };
  if (has(view.underInvestigation, product, version)) return { state: "in_triage" };
  if (has(view.fixed, product, version)) return { state: "resolved" };
  const na = view.knownNotAffected.find((r) => r.product === product && r.version === version);
  if (na)
    return {
      state: "not_affected",
      justification: na.justification as CsafJustification,
      statement: na.statement,
    };
  return undefined;
}

function entry(
  model: Model,
  vendor: Vendor,
  adv: AdvisoryDoc,
  view: VulnerabilityView,
  product: Product,
  version: string,
  status: Status,
): CdxVulnerability {
  const vuln = view.vuln;
  const advId = adv.data.id;
  const id = vulnerabilityId(vuln, advId);
  const urls = advisoryUrls(model, adv);
  const vendorSource = { name: vendor.name, url: urls.page };
  const remediations = vuln.remediations.filter((r) => r.products.includes(product.id));
  const fixedHere = view.fixed.filter((r) => r.product === product.id).map((r) => r.version);

  const analysis: CdxVulnerability["analysis"] = { state: status.state };
  if (status.state === "not_affected") {
    analysis.justification = CYCLONEDX_JUSTIFICATION[status.justification];
    analysis.detail = status.statement;
  } else if (status.state === "exploitable") {
    const responses = new Set(remediations.map((r) => RESPONSE[r.category]).filter((r) => r !== undefined));
    if (responses.size > 0) analysis.response = RESPONSE_ORDER.filter((r) => responses.has(r));
    analysis.detail =
      fixedHere.length > 0
        ? `Affected. Fixed in ${fixedHere.join(", ")}.`
        : "Affected. No fixed version is available yet.";
  } else if (status.state === "resolved") {
    analysis.detail = "This version contains the fix.";
  } else {
    analysis.detail = "Under investigation.";
  }
  analysis.firstIssued = dateTime(initialRelease(adv));
  analysis.lastUpdated = dateTime(currentRevision(adv).date);

  const references = [
    ...(id === advId ? [] : [{ id: advId, source: vendorSource }]),
    ...[vuln.cve, ...vuln.aliases]
      .filter((a): a is string => a !== undefined && a !== id)
      .map((a) => ({ id: a, source: sourceOfId(a) ?? vendorSource })),
  ];
  const ratings = ratingsOf(vuln.cvss, vendorSource);
  const exploitable = status.state === "exploitable";
  const fixes = remediations.filter((r) => r.category === "vendor_fix" || r.category === "no_fix_planned");
  const workarounds = remediations.filter((r) => r.category === "workaround" || r.category === "mitigation");
  return {
    "bom-ref": `${advId}/${id}`,
    id,
    source: sourceOfId(id) ?? vendorSource,
    ...(references.length > 0 ? { references } : {}),
    ...(ratings.length > 0 ? { ratings } : {}),
    ...(vuln.cwe ? { cwes: [Number(vuln.cwe.id.slice(4))] } : {}),
    description: vuln.description ?? vuln.title,
    ...(exploitable && fixes.length > 0 ? { recommendation: fixes.map((r) => r.details).join("\n\n") } : {}),
    ...(exploitable && workarounds.length > 0
      ? { workaround: workarounds.map((r) => r.details).join("\n\n") }
      : {}),
    advisories: [
      { title: `${advId}: ${adv.data.title}`, url: urls.page },
      { title: `${advId} (CSAF 2.0)`, url: urls.csaf },
    ],
    published: dateTime(initialRelease(adv)),
    updated: dateTime(currentRevision(adv).date),
    analysis,
    affects: [{ ref: productVersionRef(product, version) }],
    ...(status.state === "not_affected"
      ? { properties: [{ name: "psirt:csaf_justification", value: status.justification }] }
      : {}),
  };
}

export interface VexDocument {
  product: string;
  version: string;
  bom: CdxBom;
}

/**
 * Public VEX documents of every product version. `published` must
 * come from publishedAdvisories(model, now); advisories not published at `now` are dropped again
 * here, so a wrong argument cannot leak one.
 */
export function publicVex(model: Model, published: readonly AdvisoryDoc[], now: Date): VexDocument[] {
  const vendor = model.vendor?.data;
  if (!vendor) throw new Error("VEX needs inventory/vendor.yaml: validate the repository first");
  const advisories = published
    .filter((a) => publication(a, vendor, now).published)
    .sort((a, b) => (a.data.id < b.data.id ? -1 : a.data.id > b.data.id ? 1 : 0))
    .map((adv) => ({ adv, view: advisoryView(model, adv) }));
  // Index by product, so the cost is the number of (product version, advisory naming it) pairs.
  const byProduct = new Map<string, typeof advisories>();
  for (const a of advisories) {
    for (const id of a.view.products) byProduct.set(id, [...(byProduct.get(id) ?? []), a]);
  }
  const out: VexDocument[] = [];
  const products = [...model.products.values()].sort((a, b) => (a.data.id < b.data.id ? -1 : 1));
  for (const { data: product } of products) {
    for (const pv of product.versions) {
      const vulns: CdxVulnerability[] = [];
      const refs = new Set<string>();
      let timestamp = pv.released;
      for (const { adv, view } of byProduct.get(product.id) ?? []) {
        let mentioned = false;
        for (const vv of view.vulnerabilities) {
          const status = statusOf(vv, product.id, pv.version);
          if (!status) continue;
          const v = entry(model, vendor, adv, vv, product, pv.version, status);
          let ref = v["bom-ref"];
          for (let n = 2; refs.has(ref); n++) ref = `${v["bom-ref"]}#${n}`;
          refs.add(ref);
          vulns.push({ ...v, "bom-ref": ref });
          mentioned = true;
        }
        const current = currentRevision(adv).date;
        if (mentioned && dateMs(current) > dateMs(timestamp)) timestamp = current;
      }
      out.push({
        product: product.id,
        version: pv.version,
        bom: vexBom(product, pv.version, vendor, vulns, timestamp, "public"),
      });
    }
  }
  return out;
}

/** The public VEX files for `dist/`: `vex/<product>/<version>.cdx.json`. */
export function vexExports(model: Model, published: readonly AdvisoryDoc[], now: Date): Map<string, string> {
  const files = new Map<string, string>();
  for (const doc of publicVex(model, published, now))
    files.set(vexPath(doc.product, doc.version), bomJson(doc.bom));
  return files;
}
