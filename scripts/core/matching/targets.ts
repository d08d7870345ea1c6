/**
 * Which SBOMs to match, and which product version each describes: every version of every
 * inventory product that has an SBOM, or SBOM files named on the command line (their product is
 * the inventory product that references the file, else the SBOM's own subject).
 */
import type { Model } from "../load/repository.ts";
import type { Sbom } from "../load/sbom.ts";
import type { DiagnosticLog } from "./diagnostics.ts";
import type { IncidentRef, SbomTarget } from "./types.ts";

/** Where each inventory SBOM path is used: product and version. */
function sbomOwners(model: Model): Map<string, { product: string; version: string }> {
  const owners = new Map<string, { product: string; version: string }>();
  for (const p of model.products.values())
    for (const v of p.data.versions)
      if (v.sbom) owners.set(v.sbom, { product: p.data.id, version: v.version });
  return owners;
}

/** Targets for every inventory product version with a loaded SBOM, products sorted by id. */
export function inventoryTargets(
  model: Model,
  sboms: ReadonlyMap<string, Sbom>,
  log: DiagnosticLog,
): SbomTarget[] {
  const targets: SbomTarget[] = [];
  const products = [...model.products.values()].sort((a, b) => (a.data.id < b.data.id ? -1 : 1));
  for (const { data: product, file } of products) {
    for (const v of product.versions) {
      const sbom = v.sbom === undefined ? undefined : sboms.get(v.sbom);
      if (sbom === undefined) {
        const why = v.sbom === undefined ? "has no SBOM" : `has an SBOM (${v.sbom}) that could not be read`;
        log.warn(
          file,
          `${product.id} ${v.version}`,
          `version ${v.version} ${why}: it is not matched`,
          "no-sbom",
        );
        continue;
      }
      targets.push({
        file: sbom.file,
        product: product.id,
        productVersion: v.version,
        exposure: product.exposure,
        versionScheme: product.version_scheme,
        inInventory: true,
        components: sbom.components,
      });
    }
  }
  return targets;
}

/** A target for an SBOM named on the command line (`repoPath`: its repository-relative path, if inside). */
export function fileTarget(sbom: Sbom, model: Model | undefined, repoPath?: string): SbomTarget {
  const owner = model && repoPath ? sbomOwners(model).get(repoPath) : undefined;
  if (owner && model) {
    const product = model.products.get(owner.product)!.data;
    return {
      file: repoPath ?? sbom.file,
      product: owner.product,
      productVersion: owner.version,
      exposure: product.exposure,
      versionScheme: product.version_scheme,
      inInventory: true,
      components: sbom.components,
    };
  }
  const subject = sbom.subject;
  const name = subject ? (subject.group ? `${subject.group}/${subject.name}` : subject.name) : "";
  return {
    file: sbom.file,
    product: name || sbom.file.replace(/^.*\//, "").replace(/\.json$/, ""),
    productVersion: subject?.version ?? "",
    inInventory: false,
    components: sbom.components,
  };
}

/** Incidents of the model as the matcher sees them. */
export function incidentRefs(model: Model): IncidentRef[] {
  return model.incidents.map((i) => ({ id: i.data.id, data: i.data }));
}
