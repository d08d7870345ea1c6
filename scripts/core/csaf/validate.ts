/**
 * Validates a CSAF 2.0 document with @secvisogram/csaf-validator-lib: the strict JSON schema and
 * every mandatory test (section 6.1) decide validity; optional tests (section 6.2) add warnings.
 * Informative tests (6.3) are not run: they fetch URLs or need hunspell, and validation here is
 * offline and deterministic.
 *
 * The library's `validateStrict` only checks that the tests it is given are its own; it imports
 * every test module for that, informative ones included (seconds of start-up). The tests run here
 * are a fixed list of the library's own functions, so its plain `validate` runs them.
 */
import validate, { type DocumentTest } from "@secvisogram/csaf-validator-lib/lib/validate.js";

/** One problem: the library's test name (`csaf_2_0_strict`, `mandatoryTest_6_1_11`, …), where, what. */
export interface CsafProblem {
  test: string;
  instancePath: string;
  message: string;
}

export interface CsafValidation {
  /** True when the strict schema and all mandatory tests pass. */
  valid: boolean;
  /** Schema and mandatory-test errors. */
  errors: CsafProblem[];
  /** Warnings of mandatory tests and every finding of the optional tests. */
  warnings: CsafProblem[];
}

export interface CsafValidateOptions {
  /** Run the optional tests (section 6.2) as warnings (default true). */
  optional?: boolean;
}

/**
 * The strict schema and the mandatory tests, loaded on first use: they compile their schemas when
 * imported (a second), which `build` spends while Astro already renders.
 */
let mandatoryTests: Promise<DocumentTest[]> | undefined;
function loadMandatory(): Promise<DocumentTest[]> {
  mandatoryTests ??= Promise.all([
    import("@secvisogram/csaf-validator-lib/schemaTests.js"),
    import("@secvisogram/csaf-validator-lib/mandatoryTests.js"),
  ]).then(([schema, mandatory]) => [
    schema.csaf_2_0_strict,
    ...Object.entries(mandatory)
      .filter(([name]) => name.startsWith("mandatoryTest_"))
      .map(([, test]) => test as DocumentTest),
  ]);
  return mandatoryTests;
}

/** The optional tests, loaded on first use (each compiles its schemas on import: seconds in all). */
let optionalTests: Promise<DocumentTest[]> | undefined;
function loadOptional(): Promise<DocumentTest[]> {
  optionalTests ??= import("@secvisogram/csaf-validator-lib/optionalTests.js").then((m) =>
    Object.entries(m)
      .filter(([name]) => name.startsWith("optionalTest_"))
      .map(([, test]) => test as DocumentTest),
  );
  return optionalTests;
}

/** Runs the strict schema, the mandatory tests and (by default) the optional tests on `doc`. */
export async function validateCsaf(doc: unknown, options: CsafValidateOptions = {}): Promise<CsafValidation> {
  const errors: CsafProblem[] = [];
  const warnings: CsafProblem[] = [];
  const required = await validate(await loadMandatory(), doc);
  for (const t of required.tests) {
    for (const e of t.errors) errors.push({ test: t.name, instancePath: e.instancePath, message: e.message });
    for (const w of t.warnings)
      warnings.push({ test: t.name, instancePath: w.instancePath, message: w.message });
    // A failing test without messages still needs to say that it failed.
    if (!t.isValid && t.errors.length === 0)
      errors.push({ test: t.name, instancePath: "", message: "test failed" });
  }
  if (options.optional ?? true) {
    const advice = await validate(await loadOptional(), doc);
    for (const t of advice.tests) {
      for (const m of [...t.errors, ...t.warnings])
        warnings.push({ test: t.name, instancePath: m.instancePath, message: m.message });
    }
  }
  return { valid: required.isValid, errors, warnings };
}

/** One line per problem: `test instancePath: message`. */
export function formatCsafProblems(problems: readonly CsafProblem[]): string {
  return problems.map((p) => `${p.test} ${p.instancePath || "/"}: ${p.message}`).join("\n");
}
