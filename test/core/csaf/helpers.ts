/** Shared pieces of the CSAF tests: reference data, fixture repositories, golden files. */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import type { Model } from "../../../scripts/core/load/repository.ts";
import { FIXTURES, SHARED_DATA, validateDir } from "../../helpers/repo.ts";

/** OASIS CSAF 2.0 reference data (read-only; see the shared data README). */
export const CSAF = join(SHARED_DATA, "csaf-2.0");
export const GOLDEN = join(FIXTURES, "csaf/golden");

/** Where generated CSAF documents are compared with committed output; `UPDATE_GOLDEN=1` rewrites them. */
export const UPDATE_GOLDEN = process.env.UPDATE_GOLDEN === "1";

/** `.json` files of a folder, sorted. */
export const jsonFiles = (dir: string): string[] =>
  readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((f) => join(dir, f));

export const readJson = (path: string): unknown => JSON.parse(readFileSync(path, "utf8"));

/** Loads a fixture repository (relative to test/fixtures) and fails on any validation error. */
export async function loadFixture(fixture: string): Promise<Model> {
  const { model, findings } = await validateDir(join(FIXTURES, fixture));
  const errors = findings.filter((f) => f.severity === "error");
  if (errors.length > 0)
    throw new Error(
      `${fixture} does not validate:\n${errors.map((f) => `${f.file}:${f.line} ${f.code} ${f.message}`).join("\n")}`,
    );
  return model;
}

/** The golden file's text, after rewriting it with `actual` when UPDATE_GOLDEN=1. */
export function golden(name: string, actual: string): string | undefined {
  const path = join(GOLDEN, name);
  if (UPDATE_GOLDEN) {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, actual);
  }
  return existsSync(path) ? readFileSync(path, "utf8") : undefined;
}
