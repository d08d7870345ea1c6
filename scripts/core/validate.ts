/** `validate` as a pure function: repository files → model + every finding, sorted. */
import { type Finding, sortFindings } from "./finding.ts";
import { loadRepository, type Model, type RepoFile } from "./load/repository.ts";
import { runRules } from "./rules/index.ts";

export interface ValidationResult {
  model: Model;
  findings: Finding[];
}

export async function validateRepository(files: readonly RepoFile[], now: Date): Promise<ValidationResult> {
  const { model, findings } = await loadRepository(files);
  if (!model.vendor && !findings.some((f) => f.file === "inventory/vendor.yaml")) {
    findings.push({
      code: "PSIRT-E010",
      severity: "error",
      file: "inventory/vendor.yaml",
      pointer: "",
      line: 1,
      column: 1,
      message: "the vendor file is missing",
      hint: "create inventory/vendor.yaml (name, namespace, id_prefix, contact, site)",
    });
  }
  findings.push(...runRules({ model, now }));
  return { model, findings: sortFindings(findings) };
}

/** Counts for the one-line summary. */
export function summarize(model: Model, findings: readonly Finding[]) {
  let components = 0;
  for (const s of model.sboms.values()) components += s.components.length;
  return {
    advisories: model.advisories.length,
    incidents: model.incidents.length,
    products: model.products.size,
    versions: [...model.products.values()].reduce((n, p) => n + p.data.versions.length, 0),
    sboms: model.sboms.size,
    components,
    errors: findings.filter((f) => f.severity === "error").length,
    warnings: findings.filter((f) => f.severity === "warning").length,
  };
}
