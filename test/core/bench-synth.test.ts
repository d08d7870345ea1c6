/**
 * The benchmarks' synthetic repository must be a valid one: the build benchmark refuses to build
 * otherwise, and a validation benchmark over invalid content would measure error paths.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
import { validateRepository } from "../../scripts/core/validate.ts";
import { readRepository } from "../../scripts/io/repo-files.ts";
import { generate, scaled } from "../bench/synth.ts";

const dir = mkdtempSync(join(tmpdir(), "psirt-synth-test-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it("generates a repository that validates without errors (1% of the benchmark size)", async () => {
  generate(dir, scaled(0.01));
  const { findings } = await validateRepository(await readRepository(dir), new Date("2026-11-23T00:00:00Z"));
  expect(
    findings.filter((f) => f.severity === "error").map((f) => `${f.file}:${f.line} ${f.code} ${f.message}`),
  ).toEqual([]);
});
