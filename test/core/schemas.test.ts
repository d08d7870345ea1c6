/** Generated JSON Schema files are up to date, and every finding code in the source is documented. */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { VulnId } from "../../schemas/common.ts";
import { jsonSchemaText, SCHEMAS, type SchemaKind } from "../../schemas/index.ts";
import { ROOT } from "../helpers/repo.ts";

describe("generated JSON Schemas", () => {
  it.each(Object.keys(SCHEMAS) as SchemaKind[])(
    "schemas/json/%s.schema.json matches the zod schema (run `npm run schemas` if not)",
    (kind) => {
      const onDisk = readFileSync(join(ROOT, "schemas/json", `${kind}.schema.json`), "utf8");
      expect(onDisk).toBe(jsonSchemaText(kind));
    },
  );

  it("describe every field, so editors show documentation", () => {
    const text = jsonSchemaText("incident");
    expect(JSON.parse(text).properties.state.description).toMatch(/new → triage/);
  });
});

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith(".ts") ? [path] : [];
  });
}

describe("finding codes", () => {
  it("every code used in scripts/ and schemas/ is documented in scripts/docs/rules.md", () => {
    const doc = readFileSync(join(ROOT, "scripts/docs/rules.md"), "utf8");
    const used = new Set<string>();
    for (const file of [...sourceFiles(join(ROOT, "scripts")), ...sourceFiles(join(ROOT, "schemas"))]) {
      for (const m of readFileSync(file, "utf8").matchAll(/PSIRT-[EW]\d{3}/g)) used.add(m[0]);
    }
    expect(used.size).toBeGreaterThan(30);
    const missing = [...used].filter((code) => !doc.includes(`| ${code} |`));
    expect(missing).toEqual([]);
  });
});

describe("vulnerability ids (VulnId)", () => {
  it.each([
    "CVE-2021-44228",
    "GHSA-jfh8-c2jp-5v3q",
    "PYSEC-2021-19",
    "GO-2022-0001",
    "CSCvi25380",
    "openSUSE-SU-2024:1234-1",
    "UP-2024-1#0",
  ])("accepts %s", (id) => {
    expect(VulnId.safeParse(id).success).toBe(true);
  });

  it.each([
    ["CVE-21-44228", "a two-digit year"],
    ["cve-2021-44228", "a lowercase CVE id"],
    ["CVE2021-44228", "a CVE id without its hyphen"],
    ["GHSA-jfh8-c2jp", "a short GHSA id"],
    ["Cisco Bug 1", "spaces"],
    ["<script>", "markup"],
    ["X", "a single character"],
  ])("rejects %s (%s)", (id) => {
    expect(VulnId.safeParse(id).success).toBe(false);
  });
});
