/**
 * Bad input never stops a run: each problem is one message naming the source (feed file or SBOM)
 * and the record or component, and every good record is still matched.
 */
import { readFileSync } from "node:fs";
import { zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { loadSbom } from "../../../scripts/core/load/sbom.ts";
import { addBytes, fixture, GHSA_FILES, sbomTarget, sessionWith, target } from "./helpers.ts";

const ghsa = (id: string) => readFileSync(GHSA_FILES.find((f) => f.endsWith(`${id}.json`))!);
const minimist = target([{ purl: "pkg:npm/minimist@1.2.5" }]);

describe("bad feed files", () => {
  it("a truncated JSON feed is one error naming the file; the other feeds still match", () => {
    const session = sessionWith([]);
    const text = ghsa("GHSA-xvch-5gv4-984h");
    addBytes(session, "truncated.json", text.subarray(0, Math.floor(text.length / 2)));
    addBytes(session, "good.json", text);
    const r = session.run([minimist], []);
    expect(r.matches.map((m) => m.id)).toEqual(["CVE-2021-44906"]);
    expect(r.diagnostics).toEqual([
      {
        severity: "error",
        source: "truncated.json",
        message: expect.stringMatching(/^not valid JSON, so the feed kind is unknown: /),
      },
    ]);
  });

  it("a truncated zip export is one error; an empty file and JSON of an unknown shape too", () => {
    const session = sessionWith([]);
    const zip = zipSync({ "GHSA-xvch-5gv4-984h.json": new Uint8Array(ghsa("GHSA-xvch-5gv4-984h")) });
    addBytes(session, "npm.zip", zip.subarray(0, zip.length - 30));
    addBytes(session, "empty.json", "");
    addBytes(session, "odd.json", '{"hello": "world"}');
    const r = session.run([minimist], []);
    expect(r.matches).toEqual([]);
    expect(r.diagnostics.map((d) => `${d.severity} ${d.source}: ${d.message}`)).toEqual([
      expect.stringMatching(/^error npm\.zip: zip archive could not be read \(truncated or corrupt\?\)/),
      "error empty.json: unknown content: expected JSON, a zip, an EPSS CSV or a KEV CSV",
      "error odd.json: JSON of an unknown shape: expected OSV, NVD CVE API 2.0, CISA KEV or CSAF",
    ]);
  });

  it("a complete zip export is read and matched", () => {
    const session = sessionWith([]);
    addBytes(session, "npm.zip", zipSync({ "a.json": new Uint8Array(ghsa("GHSA-xvch-5gv4-984h")) }));
    expect(session.run([minimist], []).matches).toHaveLength(1);
  });

  it("invalid records, unknown ecosystems and unparsable range versions name the record", async () => {
    const session = sessionWith([fixture("osv-bad-input.json")]);
    const r = session.run([await sbomTarget(fixture("sbom-leftpad.cdx.json"))], []);
    expect(r.matches.map((m) => `${m.id} ${m.purl}`)).toEqual(["CVE-2099-0001 pkg:npm/left-pad@1.0.0"]);
    expect(r.diagnostics.map((d) => `${d.severity} ${d.source} ${d.record}: ${d.message}`)).toEqual([
      "error osv-bad-input.json #2: not a valid OSV record: id: Invalid input: expected string, received undefined",
      'warning osv-bad-input.json TEST-UNKNOWN-ECO: no purl type is known for OSV ecosystem "FooEco": package "widget" cannot be matched to SBOM components',
      'warning sbom-leftpad.cdx.json pkg:npm/left-pad@1.0.0 × TEST-BAD-EVENT: range 1 (ECOSYSTEM): unparsable SemVer version "not.a.version" in "fixed"',
    ]);
  });
});

describe("bad SBOMs", () => {
  it("an empty SBOM is a warning naming it", async () => {
    const r = sessionWith(GHSA_FILES).run([await sbomTarget(fixture("sbom-empty.cdx.json"))], []);
    expect(r.matches).toEqual([]);
    expect(r.diagnostics).toEqual([
      {
        severity: "warning",
        source: "sbom-empty.cdx.json",
        message: "the SBOM lists no components: nothing to match",
      },
    ]);
  });

  it("duplicate bom-refs are reported by the SBOM reader, and both components are still matched", async () => {
    const { sbom, findings } = await loadSbom(
      "sbom-guards.cdx.json",
      new Uint8Array(readFileSync(fixture("sbom-guards.cdx.json"))),
      false,
    );
    expect(findings.map((f) => `${f.code} ${f.message}`)).toEqual([
      'PSIRT-E027 duplicate bom-ref "dup" (components 10 and 11)',
    ]);
    expect(sbom!.components.filter((c) => c.bomRef === "dup")).toHaveLength(2);
  });

  it("a component with an unparsable purl or version is skipped with a warning, the rest matched", () => {
    const r = sessionWith(GHSA_FILES).run(
      [
        target([
          { purl: "pkg:/nothing" },
          { purl: "pkg:npm/minimist@%zz" },
          { purl: "pkg:npm/minimist@0.0.8", bomRef: "ok" },
        ]),
      ],
      [],
    );
    expect(r.matches.map((m) => m.bomRef)).toEqual(["ok"]);
    expect(r.diagnostics.map((d) => `${d.source} ${d.record}: ${d.message}`)).toEqual([
      expect.stringMatching(
        /^test\.cdx\.json pkg:\/nothing: invalid purl "pkg:\/nothing": .*; the component is not matched by purl$/,
      ),
      'test.cdx.json pkg:npm/minimist@%zz: purl "pkg:npm/minimist@%zz" has a badly encoded version',
      "test.cdx.json pkg:npm/minimist@%zz: component has no version, so feed ranges cannot be evaluated",
    ]);
  });
});
