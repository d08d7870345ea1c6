/** CycloneDX SBOMs: strict JSON-schema validation (CycloneDX library) and component extraction. */
import { Spec, Validation } from "@cyclonedx/cyclonedx-library";
import type { Finding } from "../finding.ts";
import { decodeText, MAX_SBOM_BYTES } from "./source.ts";
import { parseYaml } from "./yaml.ts";

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

const SUPPORTED: Record<string, Spec.Version> = { "1.5": Spec.Version.v1dot5, "1.6": Spec.Version.v1dot6 };
const validators = new Map<string, Validation.JsonStrictValidator>();

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

/** Flattens nested `components` (depth-first, document order). */
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
    let line = 1;
    let column = 1;
    if (pointer !== "") {
      const parsed = parseYaml(text, file);
      if (parsed.ok) ({ line, column } = parsed.parsed.positions.at(pointer));
    }
    return { code, severity: "error", file, pointer, line, column, message, hint };
  };
  let bom: Record<string, unknown>;
  try {
    bom = JSON.parse(text) as Record<string, unknown>;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const offset = Number(/position (\d+)/.exec(message)?.[1] ?? 0);
    const before = text.slice(0, offset).split("\n");
    return {
      findings: [
        {
          code: "PSIRT-E007",
          severity: "error",
          file,
          pointer: "",
          line: before.length,
          column: (before[before.length - 1]?.length ?? 0) + 1,
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
    let validator = validators.get(specVersion);
    if (!validator) {
      validator = new Validation.JsonStrictValidator(spec);
      validators.set(specVersion, validator);
    }
    const errors = (await validator.validate(text)) as
      | { instancePath: string; message?: string; params?: Record<string, unknown> }[]
      | null;
    for (const e of (errors ?? []).slice(0, 20)) {
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
