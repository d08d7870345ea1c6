/** `psirt incident new` and `psirt advisory new --from-incident`, end to end on temporary repositories. */
import { existsSync, readFileSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { psirt, tempRepo, validateDir, writeIn } from "../helpers/repo.ts";

const NOW = { PSIRT_NOW: "2026-11-20" };
const errors = async (root: string) =>
  (await validateDir(root, new Date("2026-11-20T00:00:00Z"))).findings.filter((f) => f.severity === "error");

describe("incident new", () => {
  const flags = [
    "incident",
    "new",
    "--title",
    "Heap overflow in the widget parser",
    "--source",
    "external_report",
    "--reporter-name",
    "Bob Finder",
    "--reporter-email",
    "bob@finder.example",
    "--credit",
    "yes",
    "--received",
    "2026-04-01",
    "--vuln",
    "CVE-2026-12345",
    "--vuln",
    "GHSA-jfh8-c2jp-5v3q",
    "--product",
    "widget",
    "--versions",
    ">=1.0.0|<1.1.0",
  ];

  it("writes a valid incident with the next free id of the year of receipt", async () => {
    const root = tempRepo();
    const r = psirt([...flags, "--root", root], { env: NOW });
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("created incidents/2026/EXC-IR-2026-0002.yaml\n");
    const text = readFileSync(join(root, "incidents/2026/EXC-IR-2026-0002.yaml"), "utf8");
    expect(text.split("\n")[0]).toBe(
      "# yaml-language-server: $schema=../../schemas/json/incident.schema.json",
    );
    const data = parse(text);
    expect(data).toMatchObject({
      id: "EXC-IR-2026-0002",
      state: "new",
      received: "2026-04-01",
      source: {
        type: "external_report",
        reporter: { name: "Bob Finder", email: "bob@finder.example", credit: true },
      },
      vulnerabilities: ["CVE-2026-12345", "GHSA-jfh8-c2jp-5v3q"],
      analysis: [{ product: "widget", versions: ">=1.0.0|<1.1.0", state: "in_triage" }],
      timeline: [{ date: "2026-04-01", event: "received" }],
    });
    expect(await errors(root)).toEqual([]);

    // numbering continues after the highest number, gaps included, per year
    writeIn(
      root,
      "incidents/2026/EXC-IR-2026-0007.yaml",
      text.replaceAll("EXC-IR-2026-0002", "EXC-IR-2026-0007"),
    );
    expect(psirt([...flags, "--root", root], { env: NOW }).stdout).toContain("EXC-IR-2026-0008.yaml");
    const r2025 = psirt([...flags.slice(0, 12), "--received", "2025-12-31", "--root", root], { env: NOW });
    expect(r2025.stdout).toBe("created incidents/2025/EXC-IR-2025-0001.yaml\n");
    expect(await errors(root)).toEqual([]);
  });

  it("defaults the received date to today and takes the prefix from inventory/vendor.yaml", () => {
    const root = tempRepo();
    const r = psirt(
      ["incident", "new", "--title", "Internal finding", "--source", "internal", "--root", root],
      {
        env: NOW,
      },
    );
    expect(r.code).toBe(0);
    const data = parse(readFileSync(join(root, "incidents/2026/EXC-IR-2026-0002.yaml"), "utf8"));
    expect(data.received).toBe("2026-11-20");
    expect(data.source).toEqual({ type: "internal" });
  });

  it("refuses to overwrite: an explicit id that exists, and a name taken by a symbolic link", () => {
    const root = tempRepo();
    const taken = psirt([...flags, "--id", "EXC-IR-2026-0001", "--root", root], { env: NOW });
    expect(taken.code).toBe(2);
    expect(taken.stderr).toContain("incident EXC-IR-2026-0001 already exists");

    // A symbolic link at an incident's name is never followed or read, but its name is taken.
    const target = join(root, "incidents/2026/EXC-IR-2026-0002.yaml");
    symlinkSync(join(root, "elsewhere.yaml"), target);
    const r = psirt([...flags, "--id", "EXC-IR-2026-0002", "--root", root], { env: NOW });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("incident EXC-IR-2026-0002 already exists");
    expect(existsSync(join(root, "elsewhere.yaml"))).toBe(false);
    // The next free id skips the link's name.
    const next = psirt([...flags, "--root", root], { env: NOW });
    expect(next.code, next.stderr).toBe(0);
    expect(next.stdout).toContain("incidents/2026/EXC-IR-2026-0003.yaml");
    expect(existsSync(join(root, "elsewhere.yaml"))).toBe(false);
  });

  it("without a terminal, missing required flags are a usage error (exit 2)", () => {
    const root = tempRepo();
    const r = psirt(["incident", "new", "--root", root], { env: NOW });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--title is required");
    expect(r.stderr).toContain("usage: npm run psirt -- incident new");
    const noSource = psirt(["incident", "new", "--title", "x", "--root", root], { env: NOW });
    expect(noSource.code).toBe(2);
    expect(noSource.stderr).toContain("--source is required");
    expect(psirt(["incident", "--root", root]).code).toBe(2);
  });

  it("rejects input that would not validate, before writing anything", () => {
    const root = tempRepo();
    const cases: [string[], string][] = [
      [["--product", "nope"], 'unknown product "nope"'],
      [["--product", "widget", "--versions", ">=9.0.0"], "matches no version of widget"],
      [["--source", "email"], 'unknown --source "email"'],
      [["--received", "2026-02-30"], "is not a date"],
      [["--vuln", "CVE-26-1"], "malformed"],
      [["--credit", "maybe", "--reporter-name", "X"], "--credit must be yes or no"],
    ];
    for (const [extra, message] of cases) {
      const r = psirt(["incident", "new", "--title", "t", "--source", "internal", ...extra, "--root", root], {
        env: NOW,
      });
      expect(r.code, extra.join(" ")).toBe(2);
      expect(r.stderr).toContain(message);
    }
    expect(existsSync(join(root, "incidents/2026/EXC-IR-2026-0002.yaml"))).toBe(false);
  });
});

/** An incident with analysis entries in every state, and a second product. */
function repoWithAnalysedIncident(credit: boolean): string {
  const root = tempRepo();
  writeIn(
    root,
    "inventory/products/gadget.yaml",
    "id: gadget\nname: Example Gadget\nexposure: internal\nversions:\n  - version: 2.0.0\n    released: 2025-06-01\n  - version: 2.1.0\n    released: 2026-01-15\n",
  );
  writeIn(
    root,
    "incidents/2026/EXC-IR-2026-0002.yaml",
    `# yaml-language-server: $schema=../../schemas/json/incident.schema.json
# Case file kept by hand: this comment and the layout below must survive the link.
id: EXC-IR-2026-0002
title: Deserialization of untrusted data in the widget import
state: analysis
source:
  type: external_report
  reporter:
    name: Grace Hopper
    organization: Example Research
    email: grace@research.example
    credit: ${credit}
received: 2026-05-01
embargo_until: 2027-01-15
vulnerabilities:
  - CVE-2026-11111
  - CVE-2026-22222
  - GHSA-jfh8-c2jp-5v3q
cvss:
  v3:
    vector: CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H
  v4:
    vector: CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N
analysis:
  - product: widget
    versions: 1.0.0
    state: exploitable # reproduced
    details: Internal lab notes that must not be published.
    fixed_in: 1.1.0
  - product: widget
    versions: 1.1.0
    state: resolved
  - product: gadget
    versions: 2.0.0
    state: not_affected
    justification: requires_configuration
    details: >-
      The import is disabled
      unless the legacy mode is on.
  - product: gadget
    versions: 2.1.0
    state: in_triage
timeline:
  - date: 2026-05-01
    event: received
`,
  );
  return root;
}

describe("advisory new --from-incident", () => {
  it("pre-fills CVEs, aliases, products, CVSS and credit (with consent), links the incident, and validates", async () => {
    const root = repoWithAnalysedIncident(true);
    const before = readFileSync(join(root, "incidents/2026/EXC-IR-2026-0002.yaml"), "utf8");
    const r = psirt(["advisory", "new", "--from-incident", "EXC-IR-2026-0002", "--root", root], { env: NOW });
    expect(r.stderr).toContain("aliases GHSA-jfh8-c2jp-5v3q were put on CVE-2026-11111");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("created advisories/2026/EXC-SA-2026-0002.mdx");

    const text = readFileSync(join(root, "advisories/2026/EXC-SA-2026-0002.mdx"), "utf8");
    const [, front, body] = text.split(/^---$/m);
    const fm = parse(front!);
    expect(fm).toMatchObject({
      id: "EXC-SA-2026-0002",
      status: "draft",
      tlp: "WHITE",
      embargo_until: "2027-01-15",
      incident: "EXC-IR-2026-0002",
      revisions: [{ version: "0.1.0", date: "2026-11-20", summary: "Draft" }],
      acknowledgments: [{ names: ["Grace Hopper"], organization: "Example Research" }],
    });
    expect(fm.vulnerabilities.map((v: { cve: string }) => v.cve)).toEqual([
      "CVE-2026-11111",
      "CVE-2026-22222",
    ]);
    expect(fm.vulnerabilities[0].aliases).toEqual(["GHSA-jfh8-c2jp-5v3q"]);
    const v = fm.vulnerabilities[1];
    expect(v.cvss).toEqual({
      v3: { vector: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", score: 9.8, severity: "CRITICAL" },
      v4: {
        vector: "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N",
        score: 9.3,
        severity: "CRITICAL",
      },
    });
    expect(v.products).toEqual({
      known_affected: [{ product: "widget", versions: "1.0.0" }],
      fixed: [{ product: "widget", versions: "1.1.0" }],
      known_not_affected: [
        {
          product: "gadget",
          versions: "2.0.0",
          justification: "vulnerable_code_cannot_be_controlled_by_adversary",
          statement: "The import is disabled unless the legacy mode is on.",
        },
      ],
      under_investigation: [{ product: "gadget", versions: "2.1.0" }],
    });
    expect(v.remediations).toEqual([
      { category: "vendor_fix", details: "Update Example Widget to 1.1.0 or later.", products: ["widget"] },
    ]);
    expect(text).not.toContain("Internal lab notes");
    for (const h of ["## Summary", "## Details", "## Workarounds", "## Remediation"])
      expect(body).toContain(h);

    // the incident now links the advisory; everything else is byte-identical
    const after = readFileSync(join(root, "incidents/2026/EXC-IR-2026-0002.yaml"), "utf8");
    expect(after).toBe(before.replace("timeline:\n", "advisory: EXC-SA-2026-0002\ntimeline:\n"));
    expect(await errors(root)).toEqual([]);

    // a second run refuses: the incident already has its advisory
    const again = psirt(["advisory", "new", "--from-incident", "EXC-IR-2026-0002", "--root", root], {
      env: NOW,
    });
    expect(again.code).toBe(2);
    expect(again.stderr).toContain("already links advisory EXC-SA-2026-0002");
  });

  it("credits nobody when the reporter did not consent", async () => {
    const root = repoWithAnalysedIncident(false);
    const r = psirt(["advisory", "new", "--from-incident", "EXC-IR-2026-0002", "--root", root], { env: NOW });
    expect(r.code).toBe(0);
    const text = readFileSync(join(root, "advisories/2026/EXC-SA-2026-0002.mdx"), "utf8");
    expect(parse(text.split(/^---$/m)[1]!).acknowledgments).toBeUndefined();
    expect(text).not.toContain("Grace Hopper");
    expect(text).not.toContain("Example Research");
    expect(await errors(root)).toEqual([]);
  });

  it("takes the next free advisory id of the current year, or --id; refuses unknown incidents", async () => {
    const root = repoWithAnalysedIncident(true);
    const bad = psirt(["advisory", "new", "--from-incident", "EXC-IR-2026-0099", "--root", root], {
      env: NOW,
    });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("incident EXC-IR-2026-0099 not found");
    const taken = psirt(
      ["advisory", "new", "--from-incident", "EXC-IR-2026-0002", "--id", "EXC-SA-2026-0001", "--root", root],
      { env: NOW },
    );
    expect(taken.code).toBe(2);
    expect(taken.stderr).toContain("advisory EXC-SA-2026-0001 already exists");
    const r = psirt(
      ["advisory", "new", "--from-incident", "EXC-IR-2026-0002", "--id", "EXC-SA-2026-0042", "--root", root],
      { env: NOW },
    );
    expect(r.code).toBe(0);
    expect(existsSync(join(root, "advisories/2026/EXC-SA-2026-0042.mdx"))).toBe(true);
    expect(await errors(root)).toEqual([]);
    const missing = psirt(["advisory", "new", "--root", root], { env: NOW });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("--from-incident is required");
  });
});
