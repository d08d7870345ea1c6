/** CycloneDX VEX: public (published advisories only) and internal (incidents), both valid CycloneDX 1.6. */
import { beforeAll, describe, expect, it } from "vitest";
import { type CdxBom, uuidV5 } from "../../../scripts/core/export/cyclonedx.ts";
import { publicExports } from "../../../scripts/core/export/index.ts";
import { CYCLONEDX_JUSTIFICATION } from "../../../scripts/core/export/justification.ts";
import { validateCycloneDx } from "../../../scripts/core/export/validate-cyclonedx.ts";
import { internalVexExports } from "../../../scripts/core/export/vex-internal.ts";
import { vexExports } from "../../../scripts/core/export/vex-public.ts";
import type { Model } from "../../../scripts/core/load/repository.ts";
import { publishedAdvisories } from "../../../scripts/core/publish/select.ts";
import { CSAF_JUSTIFICATION } from "../../../scripts/core/scaffold/justification.ts";
import { EXAMPLE, validateDir } from "../../helpers/repo.ts";
import { FORBIDDEN } from "./helpers.ts";

const NOW = new Date("2026-11-23T00:00:00Z");
let model: Model;
let pub: Map<string, string>;
let internal: Map<string, string>;
const bom = (files: Map<string, string>, path: string) => JSON.parse(files.get(path)!) as CdxBom;

/** `id → state[/justification]` of a document's vulnerabilities. */
function states(doc: CdxBom): Record<string, string> {
  return Object.fromEntries(
    doc.vulnerabilities.map((v) => [
      v["bom-ref"],
      v.analysis.justification ? `${v.analysis.state}/${v.analysis.justification}` : v.analysis.state,
    ]),
  );
}

beforeAll(async () => {
  ({ model } = await validateDir(EXAMPLE, NOW));
  pub = vexExports(model, publishedAdvisories(model, NOW), NOW);
  internal = internalVexExports(model);
});

describe("public VEX of the example data", () => {
  it("has one document per product version, each valid CycloneDX 1.6 (strict schema)", async () => {
    expect([...pub.keys()]).toEqual([
      "vex/desktop-studio/2.4.0.cdx.json",
      "vex/desktop-studio/2.5.0.cdx.json",
      "vex/desktop-studio/3.0.0.cdx.json",
      "vex/desktop-studio/3.1.0.cdx.json",
      "vex/embedded-runtime/4.2.0.cdx.json",
      "vex/embedded-runtime/4.3.0.cdx.json",
      "vex/embedded-runtime/5.0.0.cdx.json",
      "vex/iot-gateway/1.6.0.cdx.json",
      "vex/iot-gateway/1.8.0.cdx.json",
      "vex/iot-gateway/1.9.0.cdx.json",
      "vex/iot-gateway/2.0.0.cdx.json",
      "vex/license-server/7.1.0.cdx.json",
      "vex/license-server/7.2.0.cdx.json",
      "vex/license-server/7.3.0.cdx.json",
      "vex/license-server/8.0.0.cdx.json",
    ]);
    for (const [path, text] of pub) expect(await validateCycloneDx(text), path).toBeUndefined();
  });

  it("never contains unpublished advisories, canaries or incident data", () => {
    for (const [path, text] of pub) {
      for (const needle of FORBIDDEN) expect(text.includes(needle), `${path}: ${needle}`).toBe(false);
      expect(text, path).not.toContain("psirt:incident");
    }
  });

  it("states affected, fixed and not-affected versions as the published advisories do", () => {
    expect(states(bom(pub, "vex/license-server/7.1.0.cdx.json"))).toEqual({
      "NLS-SA-2021-0001/CVE-2021-44228": "exploitable",
      "NLS-SA-2021-0001/CVE-2021-45046": "exploitable",
      "NLS-SA-2022-0001/CVE-2022-22965": "exploitable",
      "NLS-SA-2022-0002/CVE-2021-44906": "not_affected/code_not_present",
      "NLS-SA-2022-0003/CVE-2022-3602": "not_affected/code_not_present",
      "NLS-SA-2024-0001/CVE-2023-48795": "not_affected/code_not_present",
      "NLS-SA-2026-0001/NLS-SA-2026-0001": "not_affected/code_not_present",
    });
    expect(states(bom(pub, "vex/license-server/7.2.0.cdx.json"))).toEqual({
      "NLS-SA-2021-0001/CVE-2021-44228": "resolved",
      "NLS-SA-2021-0001/CVE-2021-45046": "resolved",
      "NLS-SA-2022-0001/CVE-2022-22965": "exploitable",
      "NLS-SA-2022-0002/CVE-2021-44906": "not_affected/code_not_present",
      "NLS-SA-2022-0003/CVE-2022-3602": "not_affected/code_not_present",
      "NLS-SA-2024-0001/CVE-2023-48795": "not_affected/code_not_present",
      "NLS-SA-2026-0001/NLS-SA-2026-0001": "exploitable",
    });
    // the AMBER advisory NLS-SA-2026-0004 about 8.0.0 is not public, and the `*` ranges of the
    // advisories last revised before 8.0.0's release (2026-02-10) do not cover it
    expect(states(bom(pub, "vex/license-server/8.0.0.cdx.json"))).toEqual({
      "NLS-SA-2026-0001/NLS-SA-2026-0001": "resolved",
    });
    // CSAF vulnerable_code_not_present → CycloneDX code_not_present, original kept as a property
    // (1.6.0: the one IoT Gateway release out by NLS-SA-2021-0001's last revision)
    const gw = bom(pub, "vex/iot-gateway/1.6.0.cdx.json");
    expect(states(gw)).toEqual({
      "NLS-SA-2021-0001/CVE-2021-44228": "not_affected/code_not_present",
      "NLS-SA-2021-0001/CVE-2021-45046": "not_affected/code_not_present",
      "NLS-SA-2022-0001/CVE-2022-22965": "not_affected/code_not_present",
      "NLS-SA-2022-0002/CVE-2021-44906": "not_affected/code_not_present",
      "NLS-SA-2022-0003/CVE-2022-3602": "not_affected/code_not_present",
      "NLS-SA-2024-0001/CVE-2023-48795": "exploitable",
      "NLS-SA-2026-0003/NLS-SA-2026-0003": "not_affected/code_not_present",
    });
    // the embargoed NLS-SA-2026-0002 (OPC UA session hijacking) is not in the Embedded Runtime's VEX
    expect(Object.keys(states(bom(pub, "vex/embedded-runtime/4.2.0.cdx.json"))).sort()).toEqual([
      "NLS-SA-2021-0001/CVE-2021-44228",
      "NLS-SA-2021-0001/CVE-2021-45046",
      "NLS-SA-2022-0001/CVE-2022-22965",
      "NLS-SA-2022-0002/CVE-2021-44906",
      "NLS-SA-2022-0003/CVE-2022-3602",
      "NLS-SA-2024-0001/CVE-2023-48795",
    ]);
  });

  it("describes an affected version with ratings, CWE, responses, recommendation and advisories", () => {
    const v = bom(pub, "vex/license-server/7.1.0.cdx.json").vulnerabilities[0]!;
    expect(v.id).toBe("CVE-2021-44228");
    expect(v.source).toEqual({ name: "NVD", url: "https://nvd.nist.gov/vuln/detail/CVE-2021-44228" });
    expect(v.ratings?.[0]).toMatchObject({ score: 10, severity: "critical", method: "CVSSv31" });
    expect(v.cwes).toEqual([917]);
    expect(v.analysis).toMatchObject({
      state: "exploitable",
      response: ["update", "workaround_available"],
      detail: "Affected. Fixed in 7.2.0.",
      firstIssued: "2021-12-13T00:00:00Z",
      lastUpdated: "2022-08-30T00:00:00Z",
    });
    expect(v.recommendation).toBe("Update License Server to 7.2.0, which ships Apache Log4j 2.17.1.");
    expect(v.workaround).toContain("remove the JndiLookup class");
    expect(v.affects).toEqual([{ ref: "pkg:maven/example.northlight/license-server@7.1.0" }]);
    const doc = bom(pub, "vex/license-server/7.1.0.cdx.json");
    expect(doc.metadata.component).toMatchObject({
      "bom-ref": "pkg:maven/example.northlight/license-server@7.1.0",
      name: "Northlight License Server",
      version: "7.1.0",
      cpe: "cpe:2.3:a:northlight:license_server:7.1.0:*:*:*:*:*:*:*",
    });
    // dated from the data: the newest revision of a published advisory naming the version
    expect(doc.metadata.timestamp).toBe("2026-02-12T00:00:00Z");
  });

  it("is deterministic, and a change of content changes the serial number", () => {
    const again = vexExports(model, publishedAdvisories(model, NOW), NOW);
    expect([...again]).toEqual([...pub]);
    const serials = new Set([...pub.values()].map((t) => (JSON.parse(t) as CdxBom).serialNumber));
    expect(serials.size).toBe(pub.size);
    const before = vexExports(
      model,
      publishedAdvisories(model, new Date("2022-01-01T00:00:00Z")),
      new Date("2022-01-01T00:00:00Z"),
    );
    expect(bom(before, "vex/license-server/7.1.0.cdx.json").serialNumber).not.toBe(
      bom(pub, "vex/license-server/7.1.0.cdx.json").serialNumber,
    );
  });

  it("drops an unpublished advisory even when the caller passes it", () => {
    expect([...vexExports(model, model.advisories, NOW)]).toEqual([...pub]);
  });

  it("publicExports builds and checks OSV and VEX together", async () => {
    const { files, problems } = await publicExports(model, publishedAdvisories(model, NOW), NOW);
    expect(problems).toEqual([]);
    expect(files.size).toBe(9 + 15);
  });
});

describe("internal VEX of the example data", () => {
  it("is valid CycloneDX 1.6 for every product version", async () => {
    expect(internal.size).toBe(15);
    for (const [path, text] of internal) expect(await validateCycloneDx(text), path).toBeUndefined();
  });

  it("lists every analysed vulnerability with the analyst's state, justification and incident", () => {
    // embargoed (NLS-IR-2026-0001), in triage (2026-0004), false positive (2023-0001) are all here
    expect(states(bom(internal, "vex/embedded-runtime/4.2.0.cdx.json"))).toMatchObject({
      "NLS-IR-2026-0001/NLS-IR-2026-0001": "exploitable",
      "NLS-IR-2023-0003/CVE-2023-44487": "not_affected/code_not_reachable",
      "NLS-IR-2022-0003/CVE-2022-3602": "exploitable",
    });
    expect(states(bom(internal, "vex/desktop-studio/2.4.0.cdx.json"))).toMatchObject({
      "NLS-IR-2026-0004/NLS-IR-2026-0004": "in_triage",
      "NLS-IR-2025-0001/NLS-IR-2025-0001": "not_affected/code_not_present",
      "NLS-IR-2022-0002/CVE-2021-44906": "exploitable",
      "NLS-IR-2022-0002/GHSA-xvch-5gv4-984h": "exploitable",
    });
    expect(states(bom(internal, "vex/license-server/7.3.0.cdx.json"))).toMatchObject({
      "NLS-IR-2023-0001/NLS-IR-2023-0001": "false_positive",
      "NLS-IR-2023-0003/CVE-2023-44487": "not_affected/requires_configuration",
      "NLS-IR-2022-0001/CVE-2022-22965": "resolved",
    });
    const v = bom(internal, "vex/license-server/8.0.0.cdx.json").vulnerabilities.find(
      (x) => x["bom-ref"] === "NLS-IR-2026-0003/NLS-IR-2026-0003",
    )!;
    expect(v.properties).toContainEqual({ name: "psirt:advisory", value: "NLS-SA-2026-0004" });
    expect(v.analysis.detail).toContain("cluster.properties");
  });
});

describe("helpers", () => {
  it("maps every CSAF justification to a CycloneDX one, consistent with the reverse table", () => {
    for (const [csaf, cdx] of Object.entries(CYCLONEDX_JUSTIFICATION)) {
      expect(CSAF_JUSTIFICATION[cdx], csaf).toBeDefined();
    }
    // round trip CycloneDX → CSAF → CycloneDX keeps the CSAF meaning
    for (const [cdx, csaf] of Object.entries(CSAF_JUSTIFICATION))
      expect(CSAF_JUSTIFICATION[CYCLONEDX_JUSTIFICATION[csaf]], cdx).toBe(csaf);
  });

  it("makes RFC 4122 version-5 UUIDs (checked against Python's uuid.uuid5)", () => {
    expect(uuidV5("https://example.com/x")).toBe("49517db3-5541-5e91-9cd4-395dd68a97ac");
    expect(uuidV5("http://www.python.org")).toBe("5e077b6f-5fcc-5a59-b52a-0092db3520c3");
  });

  it("the checker reports duplicate bom-refs and foreign affects", async () => {
    const doc = bom(pub, "vex/license-server/7.1.0.cdx.json");
    const first = doc.vulnerabilities[0]!;
    const dup = { ...doc, vulnerabilities: [first, { ...first, id: "CVE-2000-0001" }] };
    expect(await validateCycloneDx(JSON.stringify(dup))).toMatch(/duplicate bom-ref/);
    const foreign = {
      ...doc,
      vulnerabilities: [{ ...doc.vulnerabilities[0]!, affects: [{ ref: "elsewhere" }] }],
    };
    expect(await validateCycloneDx(JSON.stringify(foreign))).toMatch(/not this document's component/);
    expect(await validateCycloneDx(JSON.stringify({ ...doc, specVersion: "1.6", bogus: 1 }))).toBeDefined();
  });
});
