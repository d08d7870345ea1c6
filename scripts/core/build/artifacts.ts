/**
 * Everything `build` derives from the model besides the Astro pages: CSAF 2.0 documents (validated),
 * CSAF VEX documents, the signed trusted-provider tree, and the OSV and CycloneDX VEX exports of the
 * published advisories. Pure given the key.
 */
import { toCsaf } from "../csaf/document.ts";
import { stableStringify } from "../csaf/json.ts";
import { formatCsafProblems, validateCsaf } from "../csaf/validate.ts";
import { toCsafVex } from "../csaf/vex.ts";
import { publicExports } from "../export/index.ts";
import type { Finding } from "../finding.ts";
import type { AdvisoryDoc, Model } from "../load/repository.ts";
import type { ProviderDocument } from "../provider/tree.ts";
import { providerTree } from "../provider/tree.ts";
import type { SigningKey } from "../sign/openpgp.ts";

export interface Artifacts {
  files: Map<string, string | Uint8Array>;
  /** Invalid CSAF documents: the build fails with these. */
  findings: Finding[];
  documents: number;
}

/** The CSAF documents of one advisory (advisory + VEX when it has not-affected products). */
async function documentsOf(model: Model, adv: AdvisoryDoc, findings: Finding[]): Promise<ProviderDocument[]> {
  const out: ProviderDocument[] = [];
  for (const doc of [toCsaf(model, adv), toCsafVex(model, adv)]) {
    if (!doc) continue;
    const result = await validateCsaf(doc, { optional: false });
    const tracking = doc.document.tracking;
    if (!result.valid) {
      findings.push({
        code: "PSIRT-E099",
        severity: "error",
        file: adv.file,
        pointer: "",
        line: 1,
        column: 1,
        message: `the CSAF document ${tracking.id} generated from this advisory is invalid: ${formatCsafProblems(result.errors)}`,
        hint: "this is usually a bug in the generator; report it with the advisory file",
      });
      continue;
    }
    out.push({
      trackingId: tracking.id,
      year: tracking.initial_release_date.slice(0, 4),
      json: stableStringify(doc),
      currentReleaseDate: tracking.current_release_date,
      initialReleaseDate: tracking.initial_release_date,
      title: doc.document.title,
      summary: adv.data.summary,
      tlp: adv.data.tlp as ProviderDocument["tlp"],
    });
  }
  return out;
}

export async function buildArtifacts(
  model: Model,
  published: readonly AdvisoryDoc[],
  buildDate: Date,
  key: SigningKey,
): Promise<Artifacts> {
  const vendor = model.vendor!.data;
  const findings: Finding[] = [];
  const documents: ProviderDocument[] = [];
  for (const adv of published) documents.push(...(await documentsOf(model, adv, findings)));
  if (findings.length > 0) return { files: new Map(), findings, documents: 0 };
  const files = await providerTree({
    vendor: { name: vendor.name, namespace: vendor.namespace, contact: vendor.contact },
    canonicalUrl: vendor.site.url,
    documents,
    buildDate,
    key,
    languages: vendor.site.languages,
  });
  const exports = await publicExports(model, published, buildDate);
  for (const problem of exports.problems) {
    findings.push({
      code: "PSIRT-E099",
      severity: "error",
      file: "inventory/vendor.yaml",
      pointer: "",
      line: 1,
      column: 1,
      message: `an exported document is invalid: ${problem}`,
      hint: "this is a bug in the exporter; please report it",
    });
  }
  if (findings.length > 0) return { files: new Map(), findings, documents: 0 };
  for (const [path, content] of exports.files) files.set(path, content);
  // GitHub Pages runs Jekyll on branch deployments, which would drop `_astro/`: opt out.
  files.set(".nojekyll", "");
  return { files, findings, documents: documents.length };
}
