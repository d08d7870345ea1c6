/**
 * The INTERNAL, complete CycloneDX VEX of every product version, from the incidents' analyses:
 * every analysed vulnerability with the analyst's state, justification and details, including
 * embargoed, draft and not-yet-disclosed cases. Confidential: only `build-internal` writes it, into
 * the internal output folder, never into dist/.
 */
import { dateMs } from "../../../schemas/common.ts";
import type { Incident } from "../../../schemas/incident.ts";
import type { Model } from "../load/repository.ts";
import { compileRange } from "../product-versions.ts";
import {
  bomJson,
  type CdxResponse,
  type CdxVulnerability,
  productVersionRef,
  ratingsOf,
  sourceOfId,
  vexBom,
  vexPath,
} from "./cyclonedx.ts";
import type { VexDocument } from "./vex-public.ts";

type Analysis = Incident["analysis"][number];

function entry(incident: Incident, analysis: Analysis, vulnId: string, ref: string, released: Set<string>) {
  const response: CdxResponse[] =
    analysis.state === "exploitable" && analysis.fixed_in && released.has(analysis.fixed_in)
      ? ["update"]
      : [];
  const ratings = ratingsOf(analysis.cvss ?? incident.cvss, undefined);
  const source = sourceOfId(vulnId);
  const properties = [
    { name: "psirt:incident", value: incident.id },
    { name: "psirt:incident_state", value: incident.state },
    ...(incident.resolution ? [{ name: "psirt:resolution", value: incident.resolution }] : []),
    ...(incident.severity ? [{ name: "psirt:severity", value: incident.severity }] : []),
    ...(incident.advisory ? [{ name: "psirt:advisory", value: incident.advisory }] : []),
    ...(incident.embargo_until ? [{ name: "psirt:embargo_until", value: incident.embargo_until }] : []),
    ...(analysis.fixed_in ? [{ name: "psirt:fixed_in", value: analysis.fixed_in }] : []),
  ];
  const v: CdxVulnerability = {
    "bom-ref": `${incident.id}/${vulnId}`,
    id: vulnId,
    ...(source ? { source } : {}),
    ...(ratings.length > 0 ? { ratings } : {}),
    description: incident.title,
    analysis: {
      state: analysis.state,
      ...(analysis.justification ? { justification: analysis.justification } : {}),
      ...(response.length > 0 ? { response } : {}),
      ...(analysis.details ? { detail: analysis.details } : {}),
    },
    affects: [{ ref }],
    properties,
  };
  return v;
}

/**
 * Internal VEX documents of every product version. Where two analyses of one incident cover the
 * same version (overlapping ranges), the first listed wins.
 */
export function internalVex(model: Model): VexDocument[] {
  const vendor = model.vendor?.data;
  if (!vendor) throw new Error("VEX needs inventory/vendor.yaml: validate the repository first");
  const incidents = model.incidents
    .map((d) => d.data)
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const out: VexDocument[] = [];
  const products = [...model.products.values()].sort((a, b) => (a.data.id < b.data.id ? -1 : 1));
  for (const { data: product } of products) {
    const released = new Set(product.versions.map((v) => v.version));
    for (const pv of product.versions) {
      const ref = productVersionRef(product, pv.version);
      const vulns: CdxVulnerability[] = [];
      const seen = new Set<string>();
      let timestamp = pv.released;
      for (const incident of incidents) {
        let mentioned = false;
        for (const analysis of incident.analysis) {
          if (analysis.product !== product.id) continue;
          const range = compileRange(analysis.versions, product.version_scheme);
          if (!range.ok || !range.contains(pv.version)) continue;
          const ids = incident.vulnerabilities.length > 0 ? incident.vulnerabilities : [incident.id];
          for (const id of ids) {
            const v = entry(incident, analysis, id, ref, released);
            if (seen.has(v["bom-ref"])) continue;
            seen.add(v["bom-ref"]);
            vulns.push(v);
            mentioned = true;
          }
        }
        if (!mentioned) continue;
        for (const e of incident.timeline) if (dateMs(e.date) > dateMs(timestamp)) timestamp = e.date;
      }
      out.push({
        product: product.id,
        version: pv.version,
        bom: vexBom(product, pv.version, vendor, vulns, timestamp, "internal"),
      });
    }
  }
  return out;
}

/** The internal VEX files: `vex/<product>/<version>.cdx.json` (for the internal output folder only). */
export function internalVexExports(model: Model): Map<string, string> {
  const files = new Map<string, string>();
  for (const doc of internalVex(model)) files.set(vexPath(doc.product, doc.version), bomJson(doc.bom));
  return files;
}
