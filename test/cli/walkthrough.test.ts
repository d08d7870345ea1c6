/**
 * The README's "Handle a new report" walkthrough, end to end on a copy of the example data:
 * new incident → analysis → advisory → check → publication (build + verify).
 */
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { EXAMPLE, psirt } from "../helpers/repo.ts";

const git = (cwd: string, ...args: string[]) =>
  spawnSync("git", ["-c", "user.name=Analyst", "-c", "user.email=a@example.com", ...args], {
    cwd,
    encoding: "utf8",
  });

describe("README walkthrough: handle a new report", () => {
  it("works step by step and publishes the advisory", () => {
    const repo = mkdtempSync(join(tmpdir(), "psirt-walk-"));
    for (const dir of ["advisories", "incidents", "inventory"])
      cpSync(join(EXAMPLE, dir), join(repo, dir), { recursive: true });
    git(repo, "init", "-q", "-b", "main");
    git(repo, "add", "-A");
    git(repo, "commit", "-qm", "base");
    const now = ["--now", "2026-11-23T12:00:00Z"];

    // 1. Open the case.
    const created = psirt(
      [
        "incident",
        "new",
        "--title",
        "XXE in the License Server import",
        "--source",
        "external_report",
        "--reporter-name",
        "Ada Researcher",
        "--reporter-email",
        "ada@example.org",
        "--credit",
        "yes",
        "--received",
        "2026-11-20",
        "--product",
        "license-server",
        "--versions",
        "8.0.0",
      ],
      { cwd: repo },
    );
    expect(created.code, created.stderr).toBe(0);
    const incidentPath = join(repo, "incidents/2026/NLS-IR-2026-0007.yaml");
    // Triage and analysis: the analyst records severity, the product analysis with CVSS, the treatment.
    let incident = readFileSync(incidentPath, "utf8")
      .replace("state: new", "state: remediation\nseverity: high")
      .replace(
        "    state: in_triage",
        "    state: exploitable\n    fixed_in: 8.0.0\n    cvss:\n      v3:\n        vector: CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:N/A:N\n        score: 6.5",
      )
      .replace(
        "vulnerabilities: []",
        "vulnerabilities: []\ntreatment:\n  decision: immediate_fix\n  release: 8.0.1",
      )
      .replace("    event: received\n", "    event: received\n  - date: 2026-11-21\n    event: triaged\n");
    // The fix ships in 8.0.1, which the inventory now lists (the SBOM comes from the release build).
    incident = incident.replace("fixed_in: 8.0.0", "fixed_in: 8.0.1");
    writeFileSync(incidentPath, incident);
    // 8.0.1 ships: recorded with the SBOM of its release build (8.0.0's, renamed, stands in).
    const bom = JSON.parse(readFileSync(join(repo, "inventory/sbom/license-server/8.0.0.cdx.json"), "utf8"));
    bom.metadata.component.version = "8.0.1";
    const built = join(repo, "license-server-8.0.1.cdx.json");
    writeFileSync(built, JSON.stringify(bom, null, 2));
    const released = psirt(
      ["release", "license-server", "8.0.1", "--released", "2026-11-22", "--sbom", built],
      { cwd: repo },
    );
    expect(released.code, released.stderr).toBe(0);
    expect(released.stderr).toBe("");
    const triaged = psirt(["validate", ...now], { cwd: repo });
    expect(triaged.code, triaged.stdout).toBe(0);

    // 2. Draft the advisory from the incident.
    const drafted = psirt(["advisory", "new", "--from-incident", "NLS-IR-2026-0007"], {
      cwd: repo,
      env: { PSIRT_NOW: "2026-11-23" },
    });
    expect(drafted.code, drafted.stderr).toBe(0);
    const advisoryPath = join(repo, "advisories/2026/NLS-SA-2026-0006.mdx");
    const draft = readFileSync(advisoryPath, "utf8");
    expect(draft).toContain("names: [Ada Researcher]");
    expect(draft).toMatch(/known_affected:\n\s+- product: license-server/);

    // 3. The pull request checks: the draft publishes nothing.
    git(repo, "checkout", "-q", "-b", "report");
    const v = psirt(["validate", ...now], { cwd: repo });
    expect(v.code, v.stdout).toBe(0);
    const c1 = psirt(["check", "--base", "main", ...now], { cwd: repo });
    expect(c1.code, c1.stdout + c1.stderr).toBe(0);
    expect(c1.stderr + c1.stdout).toMatch(/keeps NLS-SA-2026-0006 unpublished \(draft\)/);
    git(repo, "add", "-A");
    git(repo, "commit", "-qm", "Draft advisory");

    // 4. The fix ships: the advisory becomes final (initial release 1.0.0), the case moves to disclosure.
    writeFileSync(
      advisoryPath,
      readFileSync(advisoryPath, "utf8")
        .replace("status: draft", "status: final")
        .replace(
          /revisions:\n {2}- version: 0\.1\.0\n {4}date: [0-9-]+\n {4}summary: Draft/,
          "revisions:\n  - version: 1.0.0\n    date: 2026-11-23\n    summary: Initial release",
        ),
    );
    writeFileSync(
      incidentPath,
      readFileSync(incidentPath, "utf8").replace("state: remediation", "state: disclosure"),
    );
    const c2 = psirt(["check", "--base", "main", ...now], { cwd: repo });
    expect(c2.code, c2.stdout + c2.stderr).toBe(0);
    expect(c2.stderr + c2.stdout).toMatch(/publishes NLS-SA-2026-0006/);

    const out = join(repo, "dist");
    const b = psirt(["build", "--root", repo, "--out", out, ...now], {
      cwd: repo,
      env: { PSIRT_SIGNING_KEY: "", PSIRT_SIGNING_PASSPHRASE: "" },
    });
    expect(b.code, b.stdout + b.stderr).toBe(0);
    expect(readFileSync(join(out, "advisories/NLS-SA-2026-0006/index.html"), "utf8")).toContain(
      "XXE in the License Server import",
    );
    expect(readFileSync(join(out, "rss.xml"), "utf8")).toContain("NLS-SA-2026-0006");
    const verified = psirt(["verify", out, ...now], { cwd: repo });
    expect(verified.code, verified.stdout + verified.stderr).toBe(0);
    const notified = psirt(
      [
        "notify",
        "NLS-SA-2026-0006",
        "--kind",
        "news",
        "--no-send",
        "--out",
        join(repo, "out/notify"),
        ...now.slice(0, 0),
      ],
      { cwd: repo },
    );
    expect(notified.code, notified.stdout + notified.stderr).toBe(0);
  }, 300_000);
});
