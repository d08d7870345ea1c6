/**
 * Validates provider-metadata.json against the CSAF 2.0 provider JSON schema (ajv, draft
 * 2020-12). The schema's `publisher` is a reference into the CSAF schema, which references the
 * FIRST CVSS schemas: all taken from @secvisogram/csaf-validator-lib, so no network is needed.
 */
import type { AnySchema, ValidateFunction } from "ajv";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import { PROVIDER_SCHEMA } from "./provider-schema.ts";

// The package ships these schemas as JavaScript modules without type declarations; a
// computed specifier keeps TypeScript from asking for them.
const LIB = "@secvisogram/csaf-validator-lib";
const CVSS = ["2.0", "3.0", "3.1"] as const;

async function importSchema(path: string): Promise<AnySchema> {
  const specifier = `${LIB}/${path}`;
  return ((await import(specifier)) as { default: AnySchema }).default;
}

let compiled: Promise<ValidateFunction> | undefined;

async function compile(): Promise<ValidateFunction> {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  // ajv-formats is CommonJS: its default export is the plugin function.
  (addFormatsModule as unknown as (instance: Ajv2020) => void)(ajv);
  for (const version of CVSS)
    ajv.addSchema(
      await importSchema(`schemas/cvss-v${version}.js`),
      `https://www.first.org/cvss/cvss-v${version}.json`,
    );
  ajv.addSchema(await importSchema("lib/schemaTests/csaf_2_0/schema.js"));
  return ajv.compile(PROVIDER_SCHEMA);
}

/** One schema violation. */
export interface SchemaError {
  instancePath: string;
  message: string;
}

/** Schema errors of a parsed provider-metadata.json (empty when valid). */
export async function validateProviderMetadata(value: unknown): Promise<SchemaError[]> {
  compiled ??= compile();
  const validate = await compiled;
  if (validate(value)) return [];
  return (validate.errors ?? []).map((e) => ({
    instancePath: e.instancePath || "/",
    message: `${e.message ?? "is invalid"}${e.params && "allowedValues" in e.params ? ` (${(e.params.allowedValues as unknown[]).join(", ")})` : ""}`,
  }));
}
