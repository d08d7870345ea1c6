/**
 * A range in an advisory covers the versions released by its current revision date: a release
 * added to the inventory later leaves every published document (CSAF advisory and VEX, OSV,
 * CycloneDX VEX, the page's product tables) byte for byte as it was, and appears once the advisory
 * gets a revision dated on or after it. Versions named exactly are kept whatever their date.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { toCsaf } from "../../../scripts/core/csaf/document.ts";
import { stableStringify } from "../../../scripts/core/csaf/json.ts";
import type { CsafDocument } from "../../../scripts/core/csaf/types.ts";
import { toCsafVex } from "../../../scripts/core/csaf/vex.ts";
import { osvJson, osvRecord } from "../../../scripts/core/export/osv.ts";
import { vexExports } from "../../../scripts/core/export/vex-public.ts";
import type { Model } from "../../../scripts/core/load/repository.ts";
import { releasedBy } from "../../../scripts/core/product-versions.ts";
import { advisoryView } from "../../../scripts/core/publish/advisory-view.ts";
import { statusRows } from "../../../site/src/lib/site-data.ts";
import { tempRepo, validateDir, writeIn } from "../../helpers/repo.ts";

const NOW = new Date("2026-11-23T00:00:00Z");
const ID = "EXC-SA-2026-0002";
const ADVISORY = "advisories/2026/EXC-SA-2026-0002.mdx";
/** The advisory's current revision is 1.1.0 of 2026-04-10T15:30:00+02:00 (13:30 UTC). */
const LATER = { widget: "2.1.0", gateway: "3.2", "cloud-console": "5.3.0" } as const;

/** Loads a repository, failing on any validation error. */
async function load(root: string): Promise<Model> {
  const { model, findings } = await validateDir(root, NOW);
  const errors = findings.filter((f) => f.severity === "error");
  if (errors.length > 0)
    throw new Error(errors.map((f) => `${f.file}:${f.line} ${f.code} ${f.message}`).join("\n"));
  return model;
}

/** Appends a version to a product file of `root`. */
function addRelease(root: string, product: string, version: string, released: string): void {
  const path = `inventory/products/${product}.yaml`;
  const text = readFileSync(join(root, path), "utf8").trimEnd();
  writeIn(root, path, `${text}\n  - version: "${version}"\n    released: ${released}\n`);
}

/** Appends a revision to the advisory (its `revisions` list ends where `vulnerabilities` starts). */
function addRevision(root: string, version: string, date: string, summary: string): void {
  const text = readFileSync(join(root, ADVISORY), "utf8");
  expect(text).toContain("\nvulnerabilities:\n");
  writeIn(
    root,
    ADVISORY,
    text.replace(
      "\nvulnerabilities:\n",
      `\n  - version: ${version}\n    date: ${date}\n    summary: ${summary}\nvulnerabilities:\n`,
    ),
  );
}

/** The advisory's findings (the fixture's products have no SBOMs: PSIRT-W025 elsewhere). */
async function advisoryFindings(root: string) {
  return (await validateDir(root, NOW)).findings.filter((f) => f.file === ADVISORY);
}

/** Everything published about the advisory, as the bytes (or values) customers get. */
function published(model: Model) {
  const adv = model.advisories.find((a) => a.data.id === ID)!;
  const vex = vexExports(model, [adv], NOW);
  return {
    csaf: stableStringify(toCsaf(model, adv)),
    vex: stableStringify(toCsafVex(model, adv) ?? null),
    osv: osvJson(osvRecord(model, adv)),
    cyclonedx: vex,
    rows: advisoryView(model, adv).vulnerabilities.map(statusRows),
  };
}

const productIds = (doc: CsafDocument, status: "fixed" | "known_affected" | "known_not_affected") =>
  [...new Set(doc.vulnerabilities?.flatMap((v) => v.product_status?.[status] ?? []))].sort();

describe("releasedBy: a calendar date stands for its whole UTC day", () => {
  it("compares dates and date-times", () => {
    expect(releasedBy("2026-04-10", "2026-04-10")).toBe(true);
    expect(releasedBy("2026-04-11", "2026-04-10")).toBe(false);
    // the release has a time, the revision a date: any time that day
    expect(releasedBy("2026-04-10T23:59:00Z", "2026-04-10")).toBe(true);
    expect(releasedBy("2026-04-11T00:00:00Z", "2026-04-10")).toBe(false);
    // the release has a date, the revision a time: that day counts from its start
    expect(releasedBy("2026-04-10", "2026-04-10T00:00:00Z")).toBe(true);
    // both with a time: the instants, offsets included
    expect(releasedBy("2026-04-10T13:30:00Z", "2026-04-10T15:30:00+02:00")).toBe(true);
    expect(releasedBy("2026-04-10T13:31:00Z", "2026-04-10T15:30:00+02:00")).toBe(false);
  });
});

describe("a release added after an advisory's current revision", () => {
  it("leaves the CSAF advisory, the CSAF VEX, OSV, CycloneDX VEX and the page's tables unchanged", async () => {
    const root = tempRepo("csaf/repo-edge");
    const before = published(await load(root));
    // each of these lies in a range of the advisory: fixed >=1.1.0, not affected *, affected *
    addRelease(root, "widget", LATER.widget, "2026-05-01");
    addRelease(root, "gateway", LATER.gateway, "2026-04-10T14:00:00Z");
    addRelease(root, "cloud-console", LATER["cloud-console"], "2026-06-15");
    const after = published(await load(root));

    expect(after.csaf).toBe(before.csaf);
    expect(after.vex).toBe(before.vex);
    expect(after.osv).toBe(before.osv);
    expect(after.rows).toEqual(before.rows);
    for (const [path, text] of before.cyclonedx) expect(after.cyclonedx.get(path), path).toBe(text);
    // The new releases get their own CycloneDX VEX, in which this advisory says nothing yet.
    const widget = JSON.parse(after.cyclonedx.get(`vex/widget/${LATER.widget}.cdx.json`)!);
    expect(widget.vulnerabilities).toEqual([]);
  });

  it("appears in every document once the advisory gets a revision dated on or after it", async () => {
    const root = tempRepo("csaf/repo-edge");
    addRelease(root, "widget", LATER.widget, "2026-05-01");
    addRelease(root, "gateway", LATER.gateway, "2026-04-10T14:00:00Z");
    addRelease(root, "cloud-console", LATER["cloud-console"], "2026-06-15");
    addRevision(root, "1.2.0", "2026-05-01", "Widget 2.1.0 and Gateway 3.2 are released.");
    let model = await load(root);
    let adv = model.advisories.find((a) => a.data.id === ID)!;
    let doc = toCsaf(model, adv);
    expect(doc.document.tracking.version).toBe("1.2.0");
    expect(productIds(doc, "fixed")).toContain(`CSAFPID-widget@${LATER.widget}`);
    expect(productIds(toCsafVex(model, adv)!, "known_not_affected")).toContain(
      `CSAFPID-gateway@${LATER.gateway}`,
    );
    // Cloud Console 5.3.0 comes out after this revision too: still not covered.
    expect(productIds(doc, "known_affected")).not.toContain(
      `CSAFPID-cloud-console@${LATER["cloud-console"]}`,
    );
    expect(
      osvRecord(model, adv).affected.find((a) => a.database_specific.product === "widget"),
    ).toBeDefined();
    const widget = JSON.parse(vexExports(model, [adv], NOW).get(`vex/widget/${LATER.widget}.cdx.json`)!);
    expect(widget.vulnerabilities.map((v: { analysis: { state: string } }) => v.analysis.state)).toEqual([
      "resolved",
      "not_affected",
    ]);

    addRevision(root, "1.3.0", "2026-06-15", "Cloud Console 5.3.0 is affected as well.");
    model = await load(root);
    adv = model.advisories.find((a) => a.data.id === ID)!;
    doc = toCsaf(model, adv);
    expect(productIds(doc, "known_affected")).toContain(`CSAFPID-cloud-console@${LATER["cloud-console"]}`);
    // the page states the same versions as the CSAF document
    const rows = advisoryView(model, adv).vulnerabilities.flatMap(statusRows);
    expect(rows.find((r) => r.productId === "cloud-console" && r.status === "affected")?.versions).toEqual([
      "5.2.0",
      LATER["cloud-console"],
    ]);
  });

  it("is covered when the advisory names it exactly, whatever its release date", async () => {
    const root = tempRepo("csaf/repo-edge");
    addRelease(root, "gateway", LATER.gateway, "2026-09-01");
    const text = readFileSync(join(root, ADVISORY), "utf8");
    const named = text.replace(
      '      under_investigation:\n        - product: gateway\n          versions: "3.1"',
      `      under_investigation:\n        - product: gateway\n          versions: "3.1|${LATER.gateway}"`,
    );
    expect(named).not.toBe(text);
    writeIn(root, ADVISORY, named);
    const model = await load(root);
    const adv = model.advisories.find((a) => a.data.id === ID)!;
    const under = toCsaf(model, adv).vulnerabilities?.[1]?.product_status?.under_investigation;
    expect(under).toEqual(["CSAFPID-gateway@3.1", `CSAFPID-gateway@${LATER.gateway}`]);
    // the not-affected `*` of the same product does not take it in
    expect(productIds(toCsafVex(model, adv)!, "known_not_affected")).not.toContain(
      `CSAFPID-gateway@${LATER.gateway}`,
    );
  });
});

describe("a range that covers only later releases", () => {
  it("is PSIRT-E032 in a published advisory, at the range's line", async () => {
    const root = tempRepo("csaf/repo-edge");
    addRelease(root, "widget", LATER.widget, "2026-05-01");
    const text = readFileSync(join(root, ADVISORY), "utf8");
    writeIn(root, ADVISORY, text.replace('versions: ">=1.1.0"', `versions: ">=${LATER.widget}"`));
    const findings = await advisoryFindings(root);
    const line = readFileSync(join(root, ADVISORY), "utf8")
      .split("\n")
      .findIndex((l) => l.includes(`">=${LATER.widget}"`));
    expect(findings.map((f) => [f.code, f.severity, f.file, f.line])).toEqual([
      ["PSIRT-E032", "error", ADVISORY, line + 1],
    ]);
    expect(findings[0]!.message).toBe(
      `">=2.1.0" covers no version of widget: it matches only versions released after the advisory's current revision date 2026-04-10T15:30:00+02:00 (2.1.0 on 2026-05-01), and the published documents list none of them`,
    );
    expect(findings[0]!.hint).toMatch(/add a revision dated on or after 2026-05-01.*`2\.1\.0`/);
  });

  it("is the warning PSIRT-W032 in a draft", async () => {
    const root = tempRepo("csaf/repo-edge");
    addRelease(root, "widget", LATER.widget, "2026-05-01");
    const text = readFileSync(join(root, ADVISORY), "utf8")
      .replace("status: interim", "status: draft")
      .replace("  - version: 1.0.0\n", "  - version: 0.1.0\n")
      .replace("  - version: 1.1.0\n", "  - version: 0.2.0\n")
      .replace('versions: ">=1.1.0"', `versions: ">=${LATER.widget}"`);
    writeIn(root, ADVISORY, text);
    const findings = await advisoryFindings(root);
    expect(findings.map((f) => [f.code, f.severity])).toEqual([["PSIRT-W032", "warning"]]);
    expect(findings[0]!.message).toMatch(/the draft lists none of them$/);
  });
});
