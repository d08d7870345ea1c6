/**
 * Resource bounds of SBOM reading: strict validation stays linear in the number of components (and
 * exactly as strict as the CycloneDX library's validator), and nesting is bounded, so that neither
 * `validate` nor `match --sbom` can be stalled or crashed by an SBOM under the size limit.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Spec, Validation } from "@cyclonedx/cyclonedx-library";
import { describe, expect, it } from "vitest";
import { extractComponents, loadSbom, MAX_SBOM_DEPTH } from "../../../scripts/core/load/sbom.ts";
import { parseYaml } from "../../../scripts/core/load/yaml.ts";
import { FIXTURES, psirt, ROOT, tempRepo, writeIn } from "../../helpers/repo.ts";

const SBOM = "inventory/sbom/widget/1.0.0.cdx.json";
const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
const base = (): Record<string, unknown> =>
  JSON.parse(readFileSync(join(FIXTURES, "repo-min", SBOM), "utf8")) as Record<string, unknown>;

/** An inventory-style SBOM of `n` components (with the fields real generators write). */
function largeSbom(n: number): Record<string, unknown> {
  const components: Record<string, unknown>[] = [];
  for (let i = 0; i < n; i++) {
    const purl = `pkg:npm/pkg-${i}@1.${i % 7}.${i % 13}`;
    components.push({
      type: "library",
      "bom-ref": purl,
      name: `pkg-${i}`,
      version: `1.${i % 7}.${i % 13}`,
      purl,
      licenses: [{ license: { id: "MIT" } }],
      hashes: [{ alg: "SHA-256", content: i.toString(16).padStart(64, "0") }],
      externalReferences: [{ type: "website", url: `https://example.com/pkg-${i}` }],
    });
  }
  const dependencies = components.map((c, i) => ({
    ref: c["bom-ref"],
    dependsOn: i > 0 ? [components[i - 1]!["bom-ref"]] : [],
  }));
  return { ...base(), components, dependencies };
}

/** Components nested `levels` deep, as text (JSON.stringify itself recurses). */
function nestedSbom(levels: number): string {
  const open = (i: number) =>
    `{"type":"library","bom-ref":"c${i}","name":"c${i}","version":"1.0.0","purl":"pkg:npm/c${i}@1.0.0","components":[`;
  const parts = ['{"bomFormat":"CycloneDX","specVersion":"1.6","version":1,"components":['];
  for (let i = 0; i < levels; i++) parts.push(open(i));
  parts.push("]}".repeat(levels), "]}");
  return parts.join("");
}

/** What `loadSbom` reported before, from the library's own validator and the YAML parser's positions. */
async function libraryFindings(text: string, spec: Spec.Version) {
  const errors = ((await new Validation.JsonStrictValidator(spec).validate(text)) ?? []) as {
    instancePath: string;
    message?: string;
    params?: Record<string, unknown>;
  }[];
  const parsed = parseYaml(text, "x");
  return errors.slice(0, 20).map((e) => {
    const extra = e.params?.additionalProperty
      ? ` ("${String(e.params.additionalProperty)}")`
      : e.params?.allowedValues
        ? ` (allowed: ${(e.params.allowedValues as unknown[]).join(", ")})`
        : "";
    const pointer = e.params?.additionalProperty
      ? `${e.instancePath}/${String(e.params.additionalProperty)}`
      : e.instancePath;
    const at = pointer !== "" && parsed.ok ? parsed.parsed.positions.at(pointer) : { line: 1, column: 1 };
    return {
      pointer,
      line: at.line,
      column: at.column,
      message: `not valid CycloneDX ${spec}: ${e.instancePath || "document"} ${e.message ?? "is invalid"}${extra}`,
    };
  });
}

const component = (name: string, extra: Record<string, unknown> = {}) => ({
  type: "library",
  name,
  version: "1.0.0",
  ...extra,
});

/** Documents that break the strict schema in one way each (the base is the fixture's valid SBOM). */
const CASES: [string, (bom: Record<string, unknown>) => unknown][] = [
  ["the valid fixture", (bom) => bom],
  [
    "a duplicate component with its keys in another order",
    (bom) => ({ ...bom, components: [component("a", { group: "g" }), { group: "g", ...component("a") }] }),
  ],
  [
    "several duplicates (the last one is reported, as Ajv does)",
    (bom) => ({
      ...bom,
      components: ["a", "b", "a", "b", "c", "b", "d"].map((n) => component(n)),
    }),
  ],
  [
    "duplicates in nested components",
    (bom) => ({ ...bom, components: [component("p", { components: [component("x"), component("x")] })] }),
  ],
  [
    "a duplicate in dependsOn",
    (bom) => ({
      ...bom,
      dependencies: [{ ref: "log4j-core", dependsOn: ["minimist", "widget", "minimist"] }],
    }),
  ],
  [
    "a duplicate in an array of strings (Ajv's own hash check)",
    (bom) => ({ ...bom, compositions: [{ aggregate: "complete", dependencies: ["a", "b", "a"] }] }),
  ],
  [
    "a duplicate and an invalid item in the same array",
    (bom) => ({ ...bom, components: [component("a"), component("a"), component("b", { type: "gadget" })] }),
  ],
  ["an unknown property", (bom) => ({ ...bom, metadata: { ...(bom.metadata as object), bogus: true } })],
  ["a value outside an enum", (bom) => ({ ...bom, components: [component("a", { type: "gadget" })] })],
  ["a wrong type", (bom) => ({ ...bom, version: "1" })],
  ["a missing required property", (bom) => ({ ...bom, components: [{ type: "library" }] })],
  [
    "a malformed date-time",
    (bom) => ({ ...bom, metadata: { ...(bom.metadata as object), timestamp: "yesterday" } }),
  ],
  [
    "duplicate vulnerabilities",
    (bom) => ({
      ...bom,
      vulnerabilities: [{ id: "CVE-2021-1" }, { id: "CVE-2021-2" }, { id: "CVE-2021-1" }],
    }),
  ],
];

describe("strict SBOM validation is linear and as strict as the CycloneDX library", () => {
  it("validates an SBOM of 20,000 components in seconds (it took 40 s)", { timeout: 120_000 }, async () => {
    const text = JSON.stringify(largeSbom(20_000), null, 2);
    const start = performance.now();
    const { sbom, findings } = await loadSbom(SBOM, utf8(text));
    const seconds = (performance.now() - start) / 1000;
    expect(findings).toEqual([]);
    expect(sbom?.components).toHaveLength(20_000);
    expect(seconds).toBeLessThan(10);
  });

  it("validates 50,000 components nested 30 levels deep in seconds", { timeout: 120_000 }, async () => {
    let node: Record<string, unknown> = { type: "library", name: "leaf", version: "1", components: [] };
    const inner = node.components as Record<string, unknown>[];
    for (let i = 0; i < 50_000; i++)
      inner.push({ type: "library", "bom-ref": `r${i}`, name: `p${i}`, version: "1" });
    for (let i = 0; i < 29; i++) node = { type: "library", name: `c${i}`, version: "1", components: [node] };
    const text = JSON.stringify({ ...base(), components: [node] });
    const start = performance.now();
    const { sbom, findings } = await loadSbom(SBOM, utf8(text));
    expect(findings).toEqual([]);
    expect(sbom?.components).toHaveLength(50_030);
    expect((performance.now() - start) / 1000).toBeLessThan(10);
  });

  it("still finds one duplicate among 20,000 components, on the line of the array", {
    timeout: 120_000,
  }, async () => {
    const bom = largeSbom(20_000);
    const components = bom.components as Record<string, unknown>[];
    components.push({ ...components[5]! });
    const text = JSON.stringify(bom, null, 2);
    const start = performance.now();
    const { findings } = await loadSbom(SBOM, utf8(text));
    expect((performance.now() - start) / 1000).toBeLessThan(10);
    const line = text.slice(0, text.indexOf('"components": [')).split("\n").length;
    expect(findings.map((f) => `${f.file}:${f.line} ${f.code} ${f.message}`)).toEqual([
      `${SBOM}:${line} PSIRT-E026 not valid CycloneDX 1.6: /components must NOT have duplicate items (items ## 5 and 20000 are identical)`,
      `${SBOM}:1 PSIRT-E027 duplicate bom-ref "pkg:npm/pkg-5@1.5.5" (components 5 and 20000)`,
    ]);
  });

  it.each(CASES)("%s: the same findings, lines and columns as before", async (_name, mutate) => {
    const text = JSON.stringify(mutate(base()), null, 2);
    const { findings } = await loadSbom(SBOM, utf8(text));
    const ours = findings
      .filter((f) => f.code === "PSIRT-E026")
      .map(({ pointer, line, column, message }) => ({ pointer, line, column, message }));
    expect(ours).toEqual(await libraryFindings(text, Spec.Version.v1dot6));
  });

  it("numbers equal in value are duplicates (1 and 1.0), in CycloneDX 1.5 too", async () => {
    const bom = { ...base(), specVersion: "1.5" };
    const rating = (score: string) => `{"id":"CVE-2021-1","ratings":[{"score":${score}}]}`;
    const text = JSON.stringify(bom, null, 2).replace(
      /\n}$/,
      `,\n"vulnerabilities": [${rating("1")}, ${rating("1.0")}]\n}`,
    );
    const { findings } = await loadSbom(SBOM, utf8(text));
    const expected = await libraryFindings(text, Spec.Version.v1dot5);
    expect(expected[0]?.message).toMatch(/items ## 0 and 1 are identical/);
    expect(
      findings.map(({ pointer, line, column, message }) => ({ pointer, line, column, message })),
    ).toEqual(expected);
  });

  it("names the line of a schema error in a large SBOM without a syntax tree", {
    timeout: 120_000,
  }, async () => {
    // Two million array items: a YAML syntax tree of them took tens of seconds and gigabytes.
    const text = `{"bomFormat":"CycloneDX","specVersion":"1.6","version":1,\n"components":[{"type":"library","name":"x",\n"bogus":[${"0,".repeat(2_000_000)}0]}]}`;
    const start = performance.now();
    const { findings } = await loadSbom(SBOM, utf8(text));
    expect((performance.now() - start) / 1000).toBeLessThan(5);
    expect(findings.map((f) => `${f.line}:${f.column} ${f.message}`)).toEqual([
      '3:9 not valid CycloneDX 1.6: /components/0 must NOT have additional properties ("bogus")',
    ]);
  });
});

describe("SBOM nesting is bounded", () => {
  const deep = nestedSbom(1000);

  it("refuses components nested 1000 levels deep with one finding naming the file, strict or not", async () => {
    for (const strict of [true, false]) {
      const { sbom, findings } = await loadSbom(SBOM, utf8(deep), strict);
      expect(sbom).toBeUndefined();
      expect(findings).toEqual([
        expect.objectContaining({
          code: "PSIRT-E004",
          severity: "error",
          file: SBOM,
          line: 1,
          message: `JSON nesting is deeper than ${MAX_SBOM_DEPTH} levels of arrays and objects`,
        }),
      ]);
    }
  });

  it("accepts components nested 30 levels deep", async () => {
    const { sbom, findings } = await loadSbom(SBOM, utf8(nestedSbom(30)));
    expect(findings).toEqual([]);
    expect(sbom?.components).toHaveLength(30);
  });

  it("ignores brackets inside strings when measuring the depth", async () => {
    const bom = base();
    (bom.components as Record<string, unknown>[])[0]!.description =
      `${"[{".repeat(500)} \\" ${"[".repeat(100)}`;
    const { findings } = await loadSbom(SBOM, utf8(JSON.stringify(bom)));
    expect(findings).toEqual([]);
  });

  it("extractComponents flattens 100,000 levels of nesting without recursion", () => {
    let node: Record<string, unknown> = { name: "leaf" };
    for (let i = 0; i < 100_000; i++) node = { name: `c${i}`, components: [node] };
    const components = extractComponents({ components: [node] });
    expect(components).toHaveLength(100_001);
    expect(components.at(-1)).toEqual({ name: "leaf" });
  });

  it("`validate` reports a too-deep inventory SBOM as a finding and exits 1, not 70", () => {
    const root = tempRepo();
    writeIn(root, SBOM, deep);
    const r = psirt(["validate", "--now", "2026-11-23"], { cwd: root });
    expect(r.stderr).not.toMatch(/RangeError|Maximum call stack/);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(
      new RegExp(
        `^${SBOM.replace(/\./g, "\\.")}:1:\\d+: error PSIRT-E004 JSON nesting is deeper than 64 levels`,
        "m",
      ),
    );
  });

  it("`match --sbom` reports a too-deep SBOM and completes", () => {
    const root = tempRepo();
    writeIn(root, "deep.cdx.json", deep);
    const feed = join(ROOT, "test/fixtures/matching/osv-bad-input.json");
    const r = psirt(["match", "--sbom", "deep.cdx.json", "--feed", feed], { cwd: root });
    expect(r.stderr).not.toMatch(/RangeError|Maximum call stack/);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain("deep.cdx.json: JSON nesting is deeper than 64 levels of arrays and objects");
  });
});
