/**
 * Invariants over the repository's own example vendor (Northlight Systems): everything the
 * validator promises holds, and the example covers what the demo and the later features need.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { Finding } from "../../scripts/core/finding.ts";
import type { Model } from "../../scripts/core/load/repository.ts";
import { publication, publishedAdvisories } from "../../scripts/core/publish/select.ts";
import { EXAMPLE, validateDir } from "../helpers/repo.ts";

const NOW = new Date("2026-11-23T00:00:00Z");
let model: Model;
let findings: Finding[];

beforeAll(async () => {
  ({ model, findings } = await validateDir(EXAMPLE, NOW));
});

describe("the example vendor", () => {
  it("validates without errors or warnings", () => {
    expect(findings.map((f) => `${f.file}:${f.line}: ${f.code} ${f.message}`)).toEqual([]);
  });

  it("has 3–4 products with 2–4 versions, each with a CycloneDX 1.6 SBOM of tens of components", () => {
    expect(model.products.size).toBeGreaterThanOrEqual(3);
    expect(model.products.size).toBeLessThanOrEqual(4);
    for (const p of model.products.values()) {
      expect(p.data.versions.length).toBeGreaterThanOrEqual(2);
      expect(p.data.versions.length).toBeLessThanOrEqual(4);
      for (const v of p.data.versions) {
        const sbom = model.sboms.get(v.sbom ?? "");
        expect(sbom?.specVersion, `${p.data.id} ${v.version}`).toBe("1.6");
        expect(sbom!.components.length).toBeGreaterThanOrEqual(20);
        expect(sbom!.components.every((c) => c.purl?.startsWith("pkg:"))).toBe(true);
      }
    }
    const purls = [...model.sboms.values()].flatMap((s) => s.components.map((c) => c.purl ?? ""));
    for (const type of ["npm", "maven", "pypi", "deb", "golang"])
      expect(
        purls.some((p) => p.startsWith(`pkg:${type}/`)),
        type,
      ).toBe(true);
    expect(purls.some((p) => p.includes("/log4j-core@2.14"))).toBe(true);
    expect(purls.some((p) => /openssl@3\.0\.[0-6]\b/.test(p))).toBe(true);
  });

  it("has incidents in every state, from every source, with every kind of closure", () => {
    const incidents = model.incidents.map((i) => i.data);
    expect(incidents.length).toBeGreaterThanOrEqual(8);
    for (const state of ["new", "triage", "analysis", "remediation", "disclosure", "closed"]) {
      expect(
        incidents.some((i) => i.state === state),
        state,
      ).toBe(true);
    }
    for (const source of ["external_report", "internal", "feed_match", "customer", "cert"]) {
      expect(
        incidents.some((i) => i.source.type === source),
        source,
      ).toBe(true);
    }
    for (const resolution of ["fixed", "rejected", "duplicate"]) {
      expect(
        incidents.some((i) => i.resolution === resolution),
        resolution,
      ).toBe(true);
    }
    expect(incidents.some((i) => i.source.reporter?.credit === true)).toBe(true);
    expect(incidents.some((i) => i.treatment?.decision === "immediate_fix")).toBe(true);
    expect(incidents.some((i) => i.treatment?.decision === "planned_release")).toBe(true);
  });

  it("publishes exactly the released advisories and holds back the draft, the embargoed and the AMBER one", () => {
    const published = publishedAdvisories(model, NOW).map((a) => a.data.id);
    expect(published.sort()).toEqual([
      "NLS-SA-2021-0001",
      "NLS-SA-2022-0001",
      "NLS-SA-2022-0002",
      "NLS-SA-2022-0003",
      "NLS-SA-2024-0001",
      "NLS-SA-2025-0001",
      "NLS-SA-2026-0001",
      "NLS-SA-2026-0003",
    ]);
    const held = Object.fromEntries(
      model.advisories
        .map((a) => [a.data.id, publication(a, model.vendor?.data, NOW)] as const)
        .filter(([, p]) => !p.published),
    );
    expect(held).toEqual({
      "NLS-SA-2026-0002": expect.objectContaining({ reason: "embargo" }),
      "NLS-SA-2026-0004": expect.objectContaining({ reason: "tlp" }),
      "NLS-SA-2026-0005": expect.objectContaining({ reason: "draft" }),
    });
    const canary = {
      "NLS-SA-2026-0002": "CANARY-EMBARGO-91c2",
      "NLS-SA-2026-0004": "CANARY-AMBER-4d8e",
      "NLS-SA-2026-0005": "CANARY-DRAFT-7f3a",
    } as const;
    for (const [id, marker] of Object.entries(canary)) {
      const adv = model.advisories.find((a) => a.data.id === id)!;
      expect(adv.data.summary + adv.body).toContain(marker);
    }
  });

  it("has the advisories the demo needs: Log4Shell with all three statuses, v3.1+v4.0 scores, an interim with revisions", () => {
    const log4shell = model.advisories.find((a) =>
      a.data.vulnerabilities.some((v) => v.cve === "CVE-2021-44228"),
    )!;
    const p = log4shell.data.vulnerabilities[0]!.products;
    expect(p.known_affected.length).toBeGreaterThan(0);
    expect(p.fixed.length).toBeGreaterThan(0);
    expect(p.known_not_affected.length).toBeGreaterThan(0);
    expect(model.advisories.some((a) => a.data.vulnerabilities.some((v) => v.cvss?.v3 && v.cvss.v4))).toBe(
      true,
    );
    expect(model.advisories.some((a) => a.data.status === "interim" && a.data.revisions.length >= 2)).toBe(
      true,
    );
  });

  it("never covers one CVE with two advisories", () => {
    const cves = model.advisories.flatMap((a) => a.data.vulnerabilities.map((v) => v.cve).filter(Boolean));
    expect(new Set(cves).size).toBe(cves.length);
  });
});
