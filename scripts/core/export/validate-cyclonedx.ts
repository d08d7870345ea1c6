/**
 * Checks a generated CycloneDX 1.6 document with the CycloneDX library's strict JSON-schema
 * validator, plus what the schema cannot say: bom-refs are unique, and every `affects` reference
 * resolves to the document's own component.
 */
import { Spec, Validation } from "@cyclonedx/cyclonedx-library";

let validator: Validation.JsonStrictValidator | undefined;

/** Undefined when `text` is a valid CycloneDX 1.6 VEX document; else what is wrong (first errors). */
export async function validateCycloneDx(text: string): Promise<string | undefined> {
  validator ??= new Validation.JsonStrictValidator(Spec.Version.v1dot6);
  const errors = (await validator.validate(text)) as { instancePath: string; message?: string }[] | null;
  if (errors && errors.length > 0)
    return errors
      .slice(0, 5)
      .map((e) => `${e.instancePath || "document"} ${e.message ?? "is invalid"}`)
      .join("; ");
  const bom = JSON.parse(text) as {
    metadata?: { component?: { "bom-ref"?: string } };
    vulnerabilities?: { "bom-ref"?: string; affects?: { ref: string }[] }[];
  };
  const refs = new Set<string>();
  const own = bom.metadata?.component?.["bom-ref"];
  if (own) refs.add(own);
  for (const v of bom.vulnerabilities ?? []) {
    const ref = v["bom-ref"];
    if (ref === undefined) continue;
    if (refs.has(ref)) return `duplicate bom-ref "${ref}"`;
    refs.add(ref);
  }
  for (const v of bom.vulnerabilities ?? [])
    for (const a of v.affects ?? [])
      if (a.ref !== own)
        return `vulnerability ${v["bom-ref"]} affects "${a.ref}", which is not this document's component`;
  return undefined;
}
