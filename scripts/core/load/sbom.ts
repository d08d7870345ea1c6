/**
 * CycloneDX SBOMs: bounded nesting, strict JSON-schema validation (the CycloneDX library's schemas,
 * with `uniqueItems` checked in linear time) and component extraction.
 */
import { readFile } from "node:fs/promises";
import * as CycloneDX from "@cyclonedx/cyclonedx-library";
import { Spec } from "@cyclonedx/cyclonedx-library";
import type { AnySchema, SchemaValidateFunction, ValidateFunction } from "ajv";
import { Ajv } from "ajv";
import addFormatsModule from "ajv-formats";
import type { Finding } from "../finding.ts";
import type { Position } from "./positions.ts";
import { decodeText, MAX_SBOM_BYTES } from "./source.ts";

export interface Component {
  bomRef?: string;
  type?: string;
  group?: string;
  name: string;
  version?: string;
  purl?: string;
  cpe?: string;
}

export interface Sbom {
  file: string;
  specVersion: string;
  serialNumber?: string;
  /** The component the SBOM describes (`metadata.component`). */
  subject?: Component;
  /** All components, nested ones flattened, in document order. */
  components: Component[];
}

/**
 * Deepest nesting of JSON arrays and objects an SBOM may have (about 30 levels of nested components).
 * Deeper documents are refused before anything recursive (schema validation, positions) sees them.
 */
export const MAX_SBOM_DEPTH = 64;

const SUPPORTED: Record<string, Spec.Version> = { "1.5": Spec.Version.v1dot5, "1.6": Spec.Version.v1dot6 };
const validators = new Map<string, Promise<ValidateFunction>>();

/** The library's schema files (`_Resources` is exported at runtime but left out of its typings). */
const FILES = (
  CycloneDX as unknown as {
    _Resources: {
      FILES: {
        CDX: { JSON_STRICT_SCHEMA: Record<string, string | undefined> };
        SPDX: { JSON_SCHEMA: string };
        CryptoDefs: { JSON_SCHEMA: string };
        JSF: { JSON_SCHEMA: string };
      };
    };
  }
)._Resources.FILES;

/** Our stand-in for `uniqueItems` on arrays whose items Ajv would compare pairwise. */
const UNIQUE_ITEMS = "psirtUniqueItems";

/** One of the library's schema files, read as its own validator reads them (not imported: bundlers). */
async function schemaFile(path: string): Promise<AnySchema> {
  return JSON.parse(await readFile(path, "utf8")) as AnySchema;
}

/** Whether Ajv checks `uniqueItems` with a hash (items of scalar types) rather than pairwise. */
function scalarItems(items: unknown): boolean {
  if (typeof items !== "object" || items === null || Array.isArray(items)) return false;
  const type = (items as { type?: unknown }).type;
  const types = Array.isArray(type) ? type : type === undefined ? [] : [type];
  return types.length > 0 && !types.some((t) => t === "object" || t === "array");
}

/**
 * A copy of a JSON schema where each `uniqueItems: true` that Ajv would check in quadratic time
 * (`items` not of a scalar type) is replaced by {@link UNIQUE_ITEMS}. Values of `enum`, `const`,
 * `default` and `examples` are data, not schemas, and are copied as they are.
 */
function linearUniqueItems(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(linearUniqueItems);
  if (typeof schema !== "object" || schema === null) return schema;
  const source = schema as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(source))
    out[key] = ["enum", "const", "default", "examples"].includes(key) ? value : linearUniqueItems(value);
  if (
    source.uniqueItems === true &&
    (source.type === "array" || "items" in source) &&
    !scalarItems(source.items)
  ) {
    delete out.uniqueItems;
    out[UNIQUE_ITEMS] = true;
  }
  return out;
}

/**
 * Keys that are equal for two JSON values exactly when Ajv's deep equality says they are. Objects
 * and arrays are hash-consed: each gets the id of its shape (its scalars and its children's ids),
 * computed once, so that arrays nested in arrays with `uniqueItems` cost no more than one pass.
 */
class EqualityKeys {
  readonly #ids = new WeakMap<object, string>();
  readonly #shapes = new Map<string, string>();

  key(value: unknown): string {
    if (typeof value === "string") return JSON.stringify(value);
    if (typeof value !== "object" || value === null) return String(value);
    let id = this.#ids.get(value);
    if (id === undefined) {
      const object = value as Record<string, unknown>;
      const shape = Array.isArray(value)
        ? `[${value.map((v) => this.key(v)).join(",")}]`
        : `{${Object.keys(object)
            .sort()
            .map((k) => `${JSON.stringify(k)}:${this.key(object[k])}`)
            .join(",")}}`;
      id = this.#shapes.get(shape);
      if (id === undefined) {
        id = `#${this.#shapes.size}`;
        this.#shapes.set(shape, id);
      }
      this.#ids.set(value, id);
    }
    return id;
  }
}

/** Fresh for each validation: the shapes of one document are kept only while it is validated. */
let keys = new EqualityKeys();

/**
 * `uniqueItems` in linear time: the same verdict and the same error as Ajv's pairwise loop, which
 * reports the highest index `i` equal to an earlier item and the highest such earlier index `j`.
 */
const uniqueItems: SchemaValidateFunction = (_schema: boolean, data: unknown[]) => {
  const seen = new Map<string, number>();
  let pair: { i: number; j: number } | undefined;
  data.forEach((item, i) => {
    const key = keys.key(item);
    const j = seen.get(key);
    if (j !== undefined) pair = { i, j };
    seen.set(key, i);
  });
  if (pair === undefined) return true;
  uniqueItems.errors = [
    {
      keyword: "uniqueItems",
      params: pair,
      message: `must NOT have duplicate items (items ## ${pair.j} and ${pair.i} are identical)`,
    },
  ];
  return false;
};

/**
 * The strict validator of one spec version, built as `JsonStrictValidator` of
 * @cyclonedx/cyclonedx-library builds it (same schema files, Ajv options and formats), except
 * that pairwise `uniqueItems` checks, quadratic in the length of `components` and other arrays,
 * are replaced by {@link uniqueItems}, run at the same point of the validation.
 */
async function compileValidator(spec: Spec.Version): Promise<ValidateFunction> {
  const path = FILES.CDX.JSON_STRICT_SCHEMA[spec];
  if (path === undefined) throw new Error(`no CycloneDX JSON schema for ${spec}`);
  const schemas: Record<string, AnySchema> = {};
  for (const [id, file] of [
    ["http://cyclonedx.org/schema/spdx.SNAPSHOT.schema.json", FILES.SPDX.JSON_SCHEMA],
    ["http://cyclonedx.org/schema/cryptography-defs.SNAPSHOT.schema.json", FILES.CryptoDefs.JSON_SCHEMA],
    ["http://cyclonedx.org/schema/jsf-0.82.SNAPSHOT.schema.json", FILES.JSF.JSON_SCHEMA],
  ] as const)
    schemas[id] = await schemaFile(file);
  const ajv = new Ajv({
    useDefaults: false,
    strict: false,
    strictSchema: false,
    addUsedSchema: false,
    loadSchema: (uri) => {
      throw new Error(`Remote schemas are disabled: ${uri}`);
    },
    schemas,
  });
  // ajv-formats and ajv-formats-draft2019 are CommonJS: their default export is the plugin.
  (addFormatsModule as unknown as (instance: Ajv) => void)(ajv);
  const draft2019 = "ajv-formats-draft2019";
  const addDraft2019 = ((await import(draft2019)) as { default: (a: Ajv, o: object) => void }).default;
  addDraft2019(ajv, { formats: ["idn-email"] });
  ajv.addFormat("iri-reference", true);
  ajv.addKeyword({
    keyword: UNIQUE_ITEMS,
    type: "array",
    schemaType: "boolean",
    before: "uniqueItems",
    errors: true,
    validate: uniqueItems,
  });
  return ajv.compile(linearUniqueItems(await schemaFile(path)) as AnySchema);
}

/** The validator for a supported spec version, compiled once. */
function strictValidator(spec: Spec.Version): Promise<ValidateFunction> {
  let validator = validators.get(spec);
  if (!validator) {
    validator = compileValidator(spec);
    validators.set(spec, validator);
  }
  return validator;
}

/**
 * Offset of the first `{` or `[` that opens a level deeper than `max`, or -1. Works on the text,
 * so that it runs before any recursive code and needs no stack itself.
 */
function tooDeepAt(text: string, max: number): number {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) i = stringEnd(text, i) - 1;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > max) return i;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return -1;
}

/** 1-based line and column of a character offset; CRLF and a lone CR break lines too. */
function lineColumn(text: string, offset: number): Position {
  let line = 1;
  let start = 0;
  for (let i = 0; i < offset; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0a || (c === 0x0d && text.charCodeAt(i + 1) !== 0x0a)) {
      line++;
      start = i + 1;
    }
  }
  return { line, column: offset - start + 1 };
}

const isSpace = (c: number): boolean => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;

function skipSpace(text: string, i: number): number {
  while (i < text.length && isSpace(text.charCodeAt(i))) i++;
  return i;
}

/** Offset just after the string that opens at `i`. */
function stringEnd(text: string, i: number): number {
  for (i++; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x5c) i++;
    else if (c === 0x22) return i + 1;
  }
  return i;
}

/** Offset just after the JSON value that starts at `i` (iterative: nesting needs no stack). */
function valueEnd(text: string, i: number): number {
  const first = text.charCodeAt(i);
  if (first === 0x22) return stringEnd(text, i);
  if (first !== 0x7b && first !== 0x5b) {
    // A number, true, false or null.
    for (; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 0x2c || c === 0x7d || c === 0x5d || isSpace(c)) break;
    }
    return i;
  }
  let depth = 0;
  for (; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) i = stringEnd(text, i) - 1;
    else if (c === 0x7b || c === 0x5b) depth++;
    else if ((c === 0x7d || c === 0x5d) && --depth === 0) return i + 1;
  }
  return i;
}

/** Offset of the member `key` of the object, or item `key` of the array, that opens at `at`; else -1. */
function childAt(text: string, at: number, key: string): number {
  const open = text.charCodeAt(at);
  if (open !== 0x7b && open !== 0x5b) return -1;
  const index = open === 0x5b ? Number(key) : -1;
  let i = skipSpace(text, at + 1);
  for (let n = 0; i < text.length && text.charCodeAt(i) !== 0x7d && text.charCodeAt(i) !== 0x5d; n++) {
    if (open === 0x7b) {
      const end = stringEnd(text, i);
      const token = text.slice(i, end);
      const name = token.includes("\\") ? (JSON.parse(token) as string) : token.slice(1, -1);
      i = skipSpace(text, skipSpace(text, end) + 1);
      if (name === key) return i;
    } else if (n === index) return i;
    i = skipSpace(text, valueEnd(text, i));
    if (text.charCodeAt(i) === 0x2c) i = skipSpace(text, i + 1);
  }
  return -1;
}

/**
 * Line and column of the value at a JSON pointer in (valid) JSON text, or of its closest existing
 * ancestor: what the YAML parser's positions give for the same text, found by a forward scan
 * instead of a syntax tree (which takes gigabytes of memory for a large SBOM).
 */
export function jsonPosition(text: string, pointer: string): Position {
  let at = skipSpace(text, 0);
  for (const raw of pointer === "" ? [] : pointer.slice(1).split("/")) {
    const next = childAt(text, at, raw.replace(/~1/g, "/").replace(/~0/g, "~"));
    if (next === -1) break;
    at = next;
  }
  return lineColumn(text, at);
}

interface RawComponent {
  "bom-ref"?: unknown;
  type?: unknown;
  group?: unknown;
  name?: unknown;
  version?: unknown;
  purl?: unknown;
  cpe?: unknown;
  components?: unknown;
}

const str = (v: unknown): string | undefined => (typeof v === "string" && v !== "" ? v : undefined);

function toComponent(raw: RawComponent): Component {
  const c: Component = { name: str(raw.name) ?? "" };
  const fields: [keyof Component, unknown][] = [
    ["bomRef", raw["bom-ref"]],
    ["type", raw.type],
    ["group", raw.group],
    ["version", raw.version],
    ["purl", raw.purl],
    ["cpe", raw.cpe],
  ];
  for (const [k, v] of fields) {
    const s = str(v);
    if (s !== undefined) c[k] = s;
  }
  return c;
}

/** Flattens nested `components` (depth-first, document order), at any depth, without recursion. */
export function extractComponents(bom: { components?: unknown }): Component[] {
  const out: Component[] = [];
  const stack: unknown[] = Array.isArray(bom.components) ? [...bom.components].reverse() : [];
  while (stack.length > 0) {
    const raw = stack.pop() as RawComponent;
    if (raw === null || typeof raw !== "object") continue;
    out.push(toComponent(raw));
    if (Array.isArray(raw.components))
      for (let i = raw.components.length - 1; i >= 0; i--) stack.push(raw.components[i]);
  }
  return out;
}

/**
 * Parses and validates one SBOM. With `strict`, the document must be CycloneDX 1.5 or 1.6 and pass the
 * strict JSON schema (inventory SBOMs); without, any CycloneDX JSON is read for its components (`match --sbom`).
 * Either way, nesting deeper than {@link MAX_SBOM_DEPTH} is refused (PSIRT-E004).
 */
export async function loadSbom(
  file: string,
  bytes: Uint8Array,
  strict = true,
): Promise<{ sbom?: Sbom; findings: Finding[] }> {
  const decoded = decodeText(file, bytes, MAX_SBOM_BYTES);
  if (!decoded.ok) return { findings: [{ ...decoded.finding, code: "PSIRT-E026" }] };
  const text = decoded.text;
  const finding = (pointer: string, message: string, hint: string, code = "PSIRT-E026"): Finding => {
    const { line, column } = pointer === "" ? { line: 1, column: 1 } : jsonPosition(text, pointer);
    return { code, severity: "error", file, pointer, line, column, message, hint };
  };
  const deep = tooDeepAt(text, MAX_SBOM_DEPTH);
  if (deep !== -1) {
    return {
      findings: [
        {
          code: "PSIRT-E004",
          severity: "error",
          file,
          pointer: "",
          ...lineColumn(text, deep),
          message: `JSON nesting is deeper than ${MAX_SBOM_DEPTH} levels of arrays and objects`,
          hint: 'list nested components flat (the "dependencies" section records what contains what)',
        },
      ],
    };
  }
  let bom: Record<string, unknown>;
  try {
    bom = JSON.parse(text) as Record<string, unknown>;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const offset = Number(/position (\d+)/.exec(message)?.[1] ?? 0);
    return {
      findings: [
        {
          code: "PSIRT-E007",
          severity: "error",
          file,
          pointer: "",
          ...lineColumn(text, offset),
          message: `invalid JSON: ${message}`,
          hint: "regenerate the SBOM with your CycloneDX tool; do not edit it by hand",
        },
      ],
    };
  }
  if (bom === null || typeof bom !== "object" || Array.isArray(bom) || bom.bomFormat !== "CycloneDX") {
    return {
      findings: [
        finding("", 'not a CycloneDX SBOM: "bomFormat" must be "CycloneDX"', "use a CycloneDX JSON SBOM"),
      ],
    };
  }
  const specVersion = String(bom.specVersion ?? "");
  const findings: Finding[] = [];
  if (strict) {
    const spec = SUPPORTED[specVersion];
    if (!spec) {
      return {
        findings: [
          finding(
            "/specVersion",
            `CycloneDX spec version "${specVersion}" is not supported here: expected 1.5 or 1.6`,
            "regenerate the SBOM as CycloneDX 1.6",
          ),
        ],
      };
    }
    const validate = await strictValidator(spec);
    keys = new EqualityKeys();
    const errors = validate(bom) ? [] : (validate.errors ?? []);
    keys = new EqualityKeys(); // lets this document's shapes go
    for (const e of errors.slice(0, 20)) {
      const extra = e.params?.additionalProperty
        ? ` ("${String(e.params.additionalProperty)}")`
        : e.params?.allowedValues
          ? ` (allowed: ${(e.params.allowedValues as unknown[]).join(", ")})`
          : "";
      const where = e.params?.additionalProperty
        ? `${e.instancePath}/${String(e.params.additionalProperty)}`
        : e.instancePath;
      findings.push(
        finding(
          where,
          `not valid CycloneDX ${specVersion}: ${e.instancePath || "document"} ${e.message ?? "is invalid"}${extra}`,
          "fix the SBOM generator's output or regenerate the SBOM",
        ),
      );
    }
  }
  const metadata = bom.metadata as { component?: RawComponent } | undefined;
  const components = extractComponents(bom);
  const seen = new Map<string, number>();
  components.forEach((c, i) => {
    if (!c.bomRef) return;
    if (seen.has(c.bomRef)) {
      findings.push(
        finding(
          "",
          `duplicate bom-ref "${c.bomRef}" (components ${seen.get(c.bomRef)} and ${i})`,
          "bom-refs must be unique within an SBOM",
          "PSIRT-E027",
        ),
      );
    } else seen.set(c.bomRef, i);
  });
  const sbom: Sbom = { file, specVersion, components };
  if (typeof bom.serialNumber === "string") sbom.serialNumber = bom.serialNumber;
  if (metadata?.component && typeof metadata.component === "object")
    sbom.subject = toComponent(metadata.component);
  return { sbom, findings };
}
