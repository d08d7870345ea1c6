/**
 * Validates planned files together with the repository before anything is written, so that a
 * scaffolding command never leaves an invalid file behind. Pure (validation is).
 */
import type { Finding } from "../finding.ts";
import type { RepoFile } from "../load/repository.ts";
import { validateRepository } from "../validate.ts";
import type { PlannedFile } from "./incident.ts";

const key = (f: Finding) => `${f.file}\u0000${f.code}\u0000${f.message}`;

/**
 * Errors the planned files would introduce: every error in a new file, and errors in a changed
 * file that the repository did not already have. `before`: the findings of validating `files` at
 * `now`, when the caller already has them (it loaded the model the plan was made from).
 */
export async function plannedErrors(
  files: readonly RepoFile[],
  planned: readonly PlannedFile[],
  now: Date,
  before?: readonly Finding[],
): Promise<Finding[]> {
  const paths = new Set(planned.map((p) => p.path));
  const findings = before ?? (await validateRepository(files, now)).findings;
  const existing = new Set(files.map((f) => f.path));
  const baseline = new Set(findings.filter((f) => paths.has(f.file)).map(key));
  const merged = new Map(files.map((f) => [f.path, f]));
  for (const p of planned) merged.set(p.path, { path: p.path, bytes: new TextEncoder().encode(p.text) });
  const after = await validateRepository([...merged.values()], now);
  return after.findings.filter(
    (f) => f.severity === "error" && paths.has(f.file) && (!existing.has(f.file) || !baseline.has(key(f))),
  );
}
