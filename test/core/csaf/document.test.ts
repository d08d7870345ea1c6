/**
 * toCsaf and toCsafVex over the fixture repositories: golden files (UPDATE_GOLDEN=1 rewrites
 * them), then the real validator, then the mapping details the golden files make easy to miss.
 */
import { describe, expect, it } from "vitest";
import pkg from "../../../package.json" with { type: "json" };
import { csafDateTime } from "../../../scripts/core/csaf/dates.ts";
import { type CsafOptions, toCsaf } from "../../../scripts/core/csaf/document.ts";
import { csafFileName } from "../../../scripts/core/csaf/filename.ts";
import { stableStringify } from "../../../scripts/core/csaf/json.ts";
import type { CsafDocument } from "../../../scripts/core/csaf/types.ts";
import { formatCsafProblems, validateCsaf } from "../../../scripts/core/csaf/validate.ts";
import { toCsafVex } from "../../../scripts/core/csaf/vex.ts";
import type { Model } from "../../../scripts/core/load/repository.ts";
import { golden, loadFixture } from "./helpers.ts";

/** Golden files name a fixed generator version, so that a package version bump leaves them alone. */
const OPTIONS: CsafOptions = { generatorVersion: "0.0.0-golden" };

const advisory = (model: Model, id: string) => {
  const adv = model.advisories.find((a) => a.data.id === id);
  if (!adv) throw new Error(`fixture advisory ${id} missing`);
  return adv;
};

/** Asserts validity and the absence of the warnings a generated document must never have. */
async function expectValid(doc: CsafDocument) {
  const result = await validateCsaf(doc);
  expect(formatCsafProblems(result.errors)).toBe("");
  expect(result.valid).toBe(true);
  // 6.2.1 unused product id, 6.2.11 canonical URL, 6.2.12 language, 6.2.13 key order, 6.2.17 CVE in ids
  const avoidable = result.warnings.filter((w) => /_6_2_(1|11|12|13|17)$/.test(w.test));
  expect(formatCsafProblems(avoidable)).toBe("");
  return result;
}

function expectGolden(doc: CsafDocument) {
  const name = csafFileName(doc.document.tracking.id);
  const text = stableStringify(doc);
  const expected = golden(name, text);
  expect(
    expected,
    `golden file test/fixtures/csaf/golden/${name} missing: run with UPDATE_GOLDEN=1`,
  ).toBeDefined();
  expect(text).toBe(expected);
}

describe("repo-min: EXC-SA-2026-0001", async () => {
  const model = await loadFixture("repo-min");
  const adv = advisory(model, "EXC-SA-2026-0001");
  const doc = toCsaf(model, adv, OPTIONS);

  it("matches the golden file", () => expectGolden(doc));

  it("is valid without warnings", async () => {
    expect((await expectValid(doc)).warnings).toEqual([]);
  });

  it("has no VEX document (nothing is known not affected)", () => {
    expect(toCsafVex(model, adv, OPTIONS)).toBeUndefined();
  });

  it("names this package's version as generator version by default", () => {
    expect(toCsaf(model, adv).document.tracking.generator.engine).toEqual({
      name: "psirt-as-code",
      version: pkg.version,
    });
  });

  it("gives identical bytes on every run, also from a freshly loaded model", async () => {
    const again = toCsaf(
      await loadFixture("repo-min"),
      advisory(await loadFixture("repo-min"), adv.data.id),
      OPTIONS,
    );
    expect(stableStringify(again)).toBe(stableStringify(doc));
    expect(stableStringify(toCsaf(model, adv, OPTIONS))).toBe(stableStringify(doc));
  });

  it("uses the site URL for the canonical URL and the advisory page", () => {
    expect(doc.document.references?.slice(0, 2)).toEqual([
      {
        category: "self",
        summary: "Canonical URL",
        url: "https://psirt.example.com/.well-known/csaf/white/2026/exc-sa-2026-0001.json",
      },
      {
        category: "self",
        summary: "Advisory EXC-SA-2026-0001 (HTML)",
        url: "https://psirt.example.com/advisories/EXC-SA-2026-0001/",
      },
    ]);
    const custom = toCsaf(model, adv, {
      advisoryUrl: "https://x.example/a",
      csafUrl: "https://x.example/exc-sa-2026-0001.json",
    });
    expect(custom.document.references?.map((r) => r.url).slice(0, 2)).toEqual([
      "https://x.example/exc-sa-2026-0001.json",
      "https://x.example/a",
    ]);
  });

  it("refuses a model without vendor", () => {
    expect(() => toCsaf({ ...model, vendor: undefined }, adv)).toThrow(/vendor\.yaml/);
  });
});

describe("repo-edge: EXC-SA-2026-0002 (several products, vendors, statuses)", async () => {
  const model = await loadFixture("csaf/repo-edge");
  const adv = advisory(model, "EXC-SA-2026-0002");
  const doc = toCsaf(model, adv, OPTIONS);
  const vex = toCsafVex(model, adv, OPTIONS);
  const [log4shell, session, parser] = doc.vulnerabilities ?? [];

  it("matches the golden files", () => {
    expectGolden(doc);
    expect(vex).toBeDefined();
    if (vex) expectGolden(vex);
  });

  it("is valid", async () => {
    const result = await expectValid(doc);
    // What the data leaves out, reported as advice: identifiers of Example Gateway, a remediation
    // and a CVSS v3 score for Cloud Console.
    expect([...new Set(result.warnings.map((w) => w.test))].sort()).toEqual([
      "optionalTest_6_2_16",
      "optionalTest_6_2_2",
      "optionalTest_6_2_3",
    ]);
  });

  it("writes RFC 3339 date-times from the revision history, in UTC", () => {
    expect(doc.document.tracking.initial_release_date).toBe("2026-04-02T00:00:00.000Z");
    expect(doc.document.tracking.current_release_date).toBe("2026-04-10T13:30:00.000Z");
    expect(doc.document.tracking.generator.date).toBe("2026-04-10T13:30:00.000Z");
    expect(doc.document.tracking).toMatchObject({ status: "interim", version: "1.1.0" });
    expect(csafDateTime("2026-02-28")).toBe("2026-02-28T00:00:00.000Z");
    expect(() => csafDateTime("someday")).toThrow(RangeError);
  });

  it("maps body sections to notes", () => {
    expect(doc.document.notes?.map((n) => [n.category, n.title])).toEqual([
      ["general", undefined],
      ["summary", "Summary"],
      ["details", "Details"],
      ["general", "Workarounds"],
      ["general", "Background"],
    ]);
  });

  it("keeps CVSS v4 out of scores: v3 only, none when a vulnerability has only v4", () => {
    expect(log4shell?.scores).toEqual([
      {
        cvss_v3: {
          baseScore: 10,
          baseSeverity: "CRITICAL",
          temporalScore: 9.5,
          temporalSeverity: "CRITICAL",
          vectorString: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H/E:H/RL:O/RC:C",
          version: "3.1",
        },
        products: ["CSAFPID-widget@1.0.0"],
      },
    ]);
    expect(session?.scores).toBeUndefined();
    expect(stableStringify(doc)).not.toContain("CVSS:4.0");
  });

  it("turns aliases into ids (GHSA, OSV) and never repeats the CVE there", () => {
    expect(log4shell?.ids).toEqual([{ system_name: "GHSA", text: "GHSA-jfh8-c2jp-5v3q" }]);
    expect(session?.ids).toEqual([{ system_name: "OSV", text: "PYSEC-2026-12" }]);
    expect(parser?.ids).toBeUndefined();
  });

  it("states not-affected versions with a justification flag and an impact threat", () => {
    expect(session?.product_status?.known_not_affected).toEqual([
      "CSAFPID-widget@1.0.0",
      "CSAFPID-widget@1.1.0",
      "CSAFPID-widget@2.0.0+build.7",
      "CSAFPID-gateway@3.0",
    ]);
    expect(session?.flags).toEqual([
      {
        label: "vulnerable_code_not_in_execute_path",
        product_ids: ["CSAFPID-widget@1.0.0", "CSAFPID-widget@1.1.0", "CSAFPID-widget@2.0.0+build.7"],
      },
      { label: "inline_mitigations_already_exist", product_ids: ["CSAFPID-gateway@3.0"] },
    ]);
    expect(session?.threats?.map((t) => [t.category, t.product_ids])).toEqual([
      ["impact", ["CSAFPID-widget@1.0.0", "CSAFPID-widget@1.1.0", "CSAFPID-widget@2.0.0+build.7"]],
      ["impact", ["CSAFPID-gateway@3.0"]],
    ]);
    expect(session?.product_status?.under_investigation).toEqual(["CSAFPID-gateway@3.1"]);
  });

  it("points remediations at the affected versions of the products they name", () => {
    expect(log4shell?.remediations).toEqual([
      {
        category: "vendor_fix",
        date: "2026-04-02T00:00:00.000Z",
        details: "Update to 1.1.0 or later.",
        product_ids: ["CSAFPID-widget@1.0.0"],
        url: "https://example.com/downloads/widget",
      },
      {
        category: "workaround",
        details: "Remove the JndiLookup class.",
        product_ids: ["CSAFPID-widget@1.0.0"],
      },
    ]);
    expect(session?.remediations).toBeUndefined();
  });

  it("credits acknowledgments without empty lists", () => {
    expect(doc.document.acknowledgments).toEqual([
      {
        names: ["Ada Researcher", "Bob Finder"],
        organization: "Example Research",
        summary: "reporting CVE-2021-44228",
        urls: ["https://research.example.org/"],
      },
      { organization: "CERT Example" },
    ]);
  });

  describe("the VEX document", () => {
    it("is a valid csaf_vex document with its own tracking id and canonical URL", async () => {
      if (!vex) throw new Error("no VEX document");
      await expectValid(vex);
      expect(vex.document.category).toBe("csaf_vex");
      expect(vex.document.tracking.id).toBe("EXC-SA-2026-0002-VEX");
      expect(vex.document.references?.map((r) => [r.category, r.url])).toEqual([
        ["self", "https://psirt.example.com/.well-known/csaf/white/2026/exc-sa-2026-0002-vex.json"],
        ["external", "https://psirt.example.com/.well-known/csaf/white/2026/exc-sa-2026-0002.json"],
        ["external", "https://psirt.example.com/advisories/EXC-SA-2026-0002/"],
        ["external", "https://example.com/blog/widget-update"],
        ["external", "https://nvd.nist.gov/vuln/detail/CVE-2021-44228"],
      ]);
    });

    it("gives a vulnerability without CVE or alias the advisory id", () => {
      expect(vex?.vulnerabilities?.[2]?.ids).toEqual([
        { system_name: "Example Corp advisory", text: "EXC-SA-2026-0002" },
      ]);
    });

    it("states that no remediation is named for affected versions without one", () => {
      expect(vex?.vulnerabilities?.[1]?.remediations).toEqual([
        {
          category: "none_available",
          details: "The advisory names no remediation for these versions.",
          product_ids: ["CSAFPID-cloud-console@5.2.0"],
        },
      ]);
    });

    it("fails the VEX profile tests when those statements are removed", async () => {
      if (!vex) throw new Error("no VEX document");
      const broken = structuredClone(vex);
      const v = broken.vulnerabilities ?? [];
      delete v[1]?.remediations;
      delete v[2]?.ids;
      for (const vuln of v) {
        delete vuln.flags;
        delete vuln.threats;
      }
      const result = await validateCsaf(broken, { optional: false });
      expect([...new Set(result.errors.map((e) => e.test))].sort()).toEqual([
        "mandatoryTest_6_1_27_10",
        "mandatoryTest_6_1_27_8",
        "mandatoryTest_6_1_27_9",
      ]);
    });
  });
});
