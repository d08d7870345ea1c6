/**
 * `psirt match` end to end on the example repository: formats, `--fail-on new`, `--sbom`, exit codes
 * for usage and missing feeds, and `--create-incidents` writing incidents that `validate` accepts
 * (after which the same findings are known).
 */
import { copyFileSync, cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { EXAMPLE, psirt, SHARED_DATA } from "../helpers/repo.ts";

const F = join(SHARED_DATA, "feeds");
const FEEDS = [
  ...readdirSync(join(F, "ghsa")).map((f) => join(F, "ghsa", f)),
  join(F, "nvd/CVE-2022-22965.json"),
  join(F, "nvd/CVE-2022-3602.json"),
  join(F, "kev/known_exploited_vulnerabilities.excerpt.json"),
  join(F, "epss/epss_scores.excerpt.csv"),
];
const feedArgs = FEEDS.flatMap((f) => ["--feed", f]);

/** A copy of the example repository's content folders. */
function exampleCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), "psirt-match-"));
  for (const top of ["advisories", "incidents", "inventory"])
    cpSync(join(EXAMPLE, top), join(dir, top), { recursive: true });
  return dir;
}

describe("psirt match", () => {
  it("prints JSON findings with a summary, exit 0", () => {
    const r = psirt(["match", ...feedArgs, "--format", "json"]);
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.summary).toMatchObject({ sboms: 15, matches: 17, new: 5, known: 12 });
    expect(doc.matches[0]).toMatchObject({
      id: "CVE-2022-22965",
      aliases: ["GHSA-36p3-wjmg-h94x"],
      product: "license-server",
      productVersion: "7.1.0",
      new: false,
      priority: "P1",
      known: { incident: "NLS-IR-2022-0001", incidentState: "closed", analysis: "exploitable" },
    });
    expect(r.stderr).toMatch(
      /match: 15 SBOMs \(665 components\) against 8 records from 11 feed file\(s\) \(1 withdrawn, skipped\), KEV 34, EPSS 37: 17 finding\(s\), 5 new, 12 known/,
    );
  });

  it("reads every feed file below a folder given to --feed", () => {
    const r = psirt(["match", "--feed", join(F, "ghsa"), "--format", "json"]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/against 6 records from 7 feed file\(s\) \(1 withdrawn, skipped\)/);
    const empty = mkdtempSync(join(tmpdir(), "psirt-feeds-empty-"));
    const none = psirt(["match", "--feed", empty]);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain(`--feed ${empty} is a folder without files`);
  });

  it("reads no more of an --sbom file than its size limit, and says it is too large", () => {
    const dir = mkdtempSync(join(tmpdir(), "psirt-big-sbom-"));
    const big = join(dir, "big.cdx.json");
    writeFileSync(big, Buffer.alloc(33 * 1024 * 1024, 0x20));
    const r = psirt(["match", "--sbom", big, "--feed", join(F, "ghsa")]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/big\.cdx\.json: .*larger than the limit of 33554432 bytes/);
  });

  it("exits 1 with --fail-on new when something is new; text lists it", () => {
    const r = psirt(["match", ...feedArgs, "--fail-on", "new"]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("P2 NEW  CVE-2023-39325 (GHSA-4374-p667-p6c8)");
  });

  it("prints SARIF 2.1.0 and Markdown", () => {
    const sarif = JSON.parse(psirt(["match", ...feedArgs, "--format", "sarif"]).stdout);
    expect(sarif.version).toBe("2.1.0");
    expect(sarif.runs[0].results).toHaveLength(17);
    expect(psirt(["match", ...feedArgs, "--format", "markdown"]).stdout).toMatch(
      /^## Threat monitoring: feed matches\n/,
    );
  });

  it("matches an SBOM given with --sbom under its own subject name", () => {
    // Outside the repository, so that the report names it by the path as given.
    const sbom = join(mkdtempSync(join(tmpdir(), "psirt-sbom-")), "cern-lhc-vdm-editor.cdx.json");
    copyFileSync(join(SHARED_DATA, "sbom/real-world/cern-lhc-vdm-editor-e564943.npm.cdx-1.2.json"), sbom);
    const r = psirt(["match", "--sbom", sbom, ...feedArgs, "--format", "json"]);
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.matches.map((m: { product: string; purl: string }) => `${m.product} ${m.purl}`)).toEqual([
      "lhc-vdm-editor pkg:npm/minimist@0.0.8",
    ]);
    expect(doc.matches[0].sbom).toBe(sbom);
  });

  it("reports bad feed input by name and still completes", () => {
    const dir = mkdtempSync(join(tmpdir(), "psirt-bad-feed-"));
    const truncated = join(dir, "truncated.json");
    const text = readFileSync(join(F, "ghsa/GHSA-xvch-5gv4-984h.json"), "utf8");
    writeFileSync(truncated, text.slice(0, 200));
    const r = psirt(["match", "--feed", truncated, "--feed", join(F, "ghsa/GHSA-xvch-5gv4-984h.json")]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`match: error: ${truncated}: not valid JSON, so the feed kind is unknown`);
    expect(r.stdout).toContain("CVE-2021-44906");
    // Only unreadable feeds: not a clean result, exit 3 (as without feeds).
    const only = psirt(["match", "--feed", truncated, "--fail-on", "new"]);
    expect(only.code).toBe(3);
    expect(only.stderr).toContain(
      "match: none of the 1 feed file(s) gave a record, KEV entry or EPSS score (see the errors above): nothing was matched",
    );
  });

  it("exits 2 on usage errors and 3 without feeds", () => {
    expect(psirt(["match", "--format", "xml"]).code).toBe(2);
    expect(psirt(["match", "--fail-on", "everything"]).code).toBe(2);
    expect(psirt(["match", "--feed", "/nonexistent/feed.json"]).code).toBe(2);
    const r = psirt(["match", "--root", exampleCopy()]);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(
      /no feeds in \.psirt\/feeds\/: run `npm run psirt -- feeds pull` first, or pass --feed FILE/,
    );
  });

  it("--create-incidents writes valid draft incidents; afterwards the findings are known", () => {
    const dir = exampleCopy();
    const r = psirt(["match", "--root", dir, ...feedArgs, "--create-incidents", "--now", "2026-11-23"], {
      env: { PSIRT_NOW: "2026-11-23" },
    });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(
      "match: created incidents/2026/NLS-IR-2026-0007.yaml (CVE-2023-39325, GHSA-4374-p667-p6c8)",
    );
    expect(r.stderr).toContain(
      "match: created incidents/2026/NLS-IR-2026-0008.yaml (CVE-2024-23342, GHSA-wj6h-64fc-37mp)",
    );
    const incident = readFileSync(join(dir, "incidents/2026/NLS-IR-2026-0008.yaml"), "utf8");
    expect(incident).toContain("state: new");
    expect(incident).toContain("type: feed_match");
    expect(incident).toContain("reference: GHSA-wj6h-64fc-37mp");
    const validate = psirt(["validate", "--now", "2026-11-23"], { cwd: dir });
    expect(validate.code, validate.stdout + validate.stderr).toBe(0);
    const again = psirt(["match", "--root", dir, ...feedArgs, "--fail-on", "new", "--format", "json"]);
    expect(again.code, again.stderr).toBe(0);
    const known = JSON.parse(again.stdout).matches.filter((m: { id: string }) => m.id === "CVE-2024-23342");
    expect(known.map((m: { known: { incident: string; analysis: string } }) => m.known)).toEqual([
      { incident: "NLS-IR-2026-0008", incidentState: "new", analysis: "in_triage" },
      { incident: "NLS-IR-2026-0008", incidentState: "new", analysis: "in_triage" },
      { incident: "NLS-IR-2026-0008", incidentState: "new", analysis: "in_triage" },
    ]);
  });

  it("--create-incidents lists a supplier's own id (no CVE) and does not open the incident twice", () => {
    const dir = exampleCopy();
    const csaf = join(dir, "upstream-csaf.json");
    const product = (id: string, v: string) => ({
      category: "product_version",
      name: v,
      product: {
        product_id: id,
        name: `minimist ${v}`,
        product_identification_helper: { purl: `pkg:npm/minimist@${v}` },
      },
    });
    writeFileSync(
      csaf,
      JSON.stringify({
        document: {
          category: "csaf_security_advisory",
          csaf_version: "2.0",
          title: "Upstream minimist",
          publisher: { category: "vendor", name: "Up", namespace: "https://up.example" },
          tracking: {
            id: "UP-2024-1",
            status: "final",
            version: "1",
            initial_release_date: "2024-01-01T00:00:00Z",
            current_release_date: "2024-01-01T00:00:00Z",
            revision_history: [{ number: "1", date: "2024-01-01T00:00:00Z", summary: "Initial" }],
          },
        },
        product_tree: {
          branches: [
            {
              category: "vendor",
              name: "Up",
              branches: [
                {
                  category: "product_name",
                  name: "minimist",
                  branches: [product("P1", "1.2.5"), product("P2", "1.2.6")],
                },
              ],
            },
          ],
        },
        vulnerabilities: [
          {
            ids: [{ system_name: "Cisco Bug ID", text: "CSCvi25380" }],
            title: "minimist prototype pollution",
            product_status: { known_affected: ["P1"], fixed: ["P2"] },
          },
        ],
      }),
    );
    const run = () =>
      psirt(["match", "--root", dir, "--feed", csaf, "--create-incidents", "--now", "2026-11-23"], {
        env: { PSIRT_NOW: "2026-11-23" },
      });
    const first = run();
    expect(first.code, first.stderr).toBe(0);
    expect(first.stderr).toContain("match: created incidents/2026/NLS-IR-2026-0007.yaml (CSCvi25380)");
    expect(readFileSync(join(dir, "incidents/2026/NLS-IR-2026-0007.yaml"), "utf8")).toMatch(
      /^vulnerabilities: \[CSCvi25380\]$/m,
    );
    // The advisory's fixed product (minimist 1.2.6) is the fix.
    expect(readFileSync(join(dir, "incidents/2026/NLS-IR-2026-0007.yaml"), "utf8")).toContain(
      "fixed in 1.2.6",
    );
    const validate = psirt(["validate", "--now", "2026-11-23"], { cwd: dir });
    expect(validate.code, validate.stdout + validate.stderr).toBe(0);
    const second = run();
    expect(second.code, second.stderr).toBe(0);
    expect(second.stderr).not.toContain("match: created");
    expect(readdirSync(join(dir, "incidents/2026"))).not.toContain("NLS-IR-2026-0008.yaml");
  });
});
