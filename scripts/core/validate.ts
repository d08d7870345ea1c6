/** `validate` as a pure function: repository files → model + every finding, sorted. */
import { type Finding, sortFindings } from "./finding.ts";
import { type LoadOptions, loadRepository, type Model, type RepoFile } from "./load/repository.ts";
import { runRules } from "./rules/index.ts";

export interface ValidationResult {
  model: Model;
  findings: Finding[];
}

export async function validateRepository(
  files: readonly RepoFile[],
  now: Date,
  options: LoadOptions = {},
): Promise<ValidationResult> {
  const { model, findings } = await loadRepository(files, options);
  return checkModel(model, findings, now);
}

/**
 * The checks after loading: the vendor file is present and every cross-file rule holds at `now`.
 * `loadFindings` are the loader's own; the result holds them and the rules', sorted.
 */
export function checkModel(model: Model, loadFindings: readonly Finding[], now: Date): ValidationResult {
  const findings = [...loadFindings];
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

/**
 * The documents a set of files refers to, as repository paths: the incident an advisory names, the
 * advisory and duplicate an incident names. Ids map to paths through the file-naming rule (E020).
 */
export function linkedPaths(model: Model): string[] {
  const pathOf = (id: string) => {
    const m = /^[A-Z][A-Z0-9]*-(SA|IR)-(\d{4})-\d+$/.exec(id);
    if (!m) return undefined;
    return m[1] === "SA" ? `advisories/${m[2]}/${id}.mdx` : `incidents/${m[2]}/${id}.yaml`;
  };
  const ids: string[] = [];
  for (const a of model.advisories) if (a.data.incident) ids.push(a.data.incident);
  for (const i of model.incidents) {
    if (i.data.advisory) ids.push(i.data.advisory);
    if (i.data.duplicate_of) ids.push(i.data.duplicate_of);
  }
  return ids.map(pathOf).filter((p): p is string => p !== undefined);
}
