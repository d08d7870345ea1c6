/** `psirt check` as a process: formats, step summary, exit codes, ref errors. */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ADVISORY, history, lineOf } from "../core/check/history.ts";
import { psirt } from "../helpers/repo.ts";

const NOW = ["--now", "2026-11-23"];
const noSummary = { GITHUB_STEP_SUMMARY: "" };

function editedWithoutRevision() {
  const h = history();
  h.edit(ADVISORY, (t) => t.replace("Update now.", "Update to 1.1.0 now."));
  return h;
}

describe("psirt check", () => {
  it("text: prints findings as path:line:col and the plan on stderr; exit 1 on an error", () => {
    const h = editedWithoutRevision();
    const line = lineOf(h.read(ADVISORY), "revisions:");
    const r = psirt(["check", "--base", "HEAD", ...NOW], { cwd: h.root, env: noSummary });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`${ADVISORY}:${line}:1: error PSIRT-E101 published advisory EXC-SA-2026-0001`);
    expect(r.stderr).toMatch(/check: compared with HEAD \([0-9a-f]{12}\): 1 error, 0 warnings/);
    expect(r.stderr).toContain("check: merging changes EXC-SA-2026-0001 without a new revision");
  });

  it("works on committed changes too (--base HEAD~1), and exits 0 when only warnings remain", () => {
    const h = history();
    h.write(
      "incidents/2026/EXC-IR-2026-0002.yaml",
      "id: EXC-IR-2026-0002\ntitle: Test\nstate: analysis\nsource:\n  type: internal\nreceived: 2026-05-01\nvulnerabilities: [CVE-2021-45046]\n",
    );
    h.commit("a new case");
    const r = psirt(["check", "--base", "HEAD~1", ...NOW], { cwd: h.root, env: noSummary });
    expect(r.stdout).toContain("warning PSIRT-W110");
    expect(r.code).toBe(0);
  });

  it("json: findings, summary with the compared commit, and the plan", () => {
    const h = history();
    const r = psirt(["check", "--base", "main", "--format", "json", ...NOW], { cwd: h.root, env: noSummary });
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.findings).toEqual([]);
    expect(out.summary).toMatchObject({ errors: 0, warnings: 0, advisories: 1, base: "main" });
    expect(out.summary.comparedWith).toMatch(/^[0-9a-f]{40}$/);
    expect(out.plan).toMatchObject({
      text: "publishes nothing",
      entries: [],
      csafDocuments: 0,
      feeds: false,
    });
  });

  it("github: annotations, a plan notice, and a Markdown step summary appended to $GITHUB_STEP_SUMMARY", () => {
    const h = editedWithoutRevision();
    const line = lineOf(h.read(ADVISORY), "revisions:");
    const summary = join(mkdtempSync(join(tmpdir(), "psirt-summary-")), "summary.md");
    writeFileSync(summary, "## validate\n\n");
    const r = psirt(["check", "--base", "HEAD", "--format", "github", ...NOW], {
      cwd: h.root,
      env: { GITHUB_STEP_SUMMARY: summary },
    });
    expect(r.code).toBe(1);
    const lines = r.stdout.trim().split("\n");
    expect(lines[0]).toMatch(
      new RegExp(
        `^::error file=${ADVISORY},line=${line},col=1,title=PSIRT-E101::published advisory EXC-SA-2026-0001 was changed without a new revision`,
      ),
    );
    expect(lines[1]).toBe(
      "::notice title=Publication plan::changes EXC-SA-2026-0001 without a new revision (still 1.0.0); updates feeds; 1 CSAF document",
    );
    const md = readFileSync(summary, "utf8");
    expect(md.startsWith("## validate\n\n## PSIRT check\n")).toBe(true);
    expect(md).toMatch(/❌ fails: 1 error, 0 warnings \(compared with `HEAD` at `[0-9a-f]{12}`\)/);
    expect(md).toContain("### Publication plan");
    expect(md).toContain("| EXC-SA-2026-0001 | changed without a revision | 1.0.0 | 1 |");
    expect(md).toContain(
      `| ❌ error | PSIRT-E101 | \`${ADVISORY}:${line}\` | published advisory EXC-SA-2026-0001 was changed`,
    );
  });

  it("--summary-file writes the step summary in any format", () => {
    const h = history();
    const summary = join(mkdtempSync(join(tmpdir(), "psirt-summary-")), "s.md");
    const r = psirt(["check", "--base", "HEAD", "--summary-file", summary, ...NOW], {
      cwd: h.root,
      env: noSummary,
    });
    expect(r.code).toBe(0);
    const md = readFileSync(summary, "utf8");
    expect(md).toContain("✅ passes: 0 errors, 0 warnings");
    expect(md).toContain("Merging publishes nothing.");
    expect(md).toContain("No findings.");
  });

  it("an unknown base ref is a usage error (exit 2) that says what to do", () => {
    const h = history();
    const r = psirt(["check", "--base", "origin/does-not-exist", ...NOW], { cwd: h.root, env: noSummary });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      'psirt: check: base ref "origin/does-not-exist" does not exist in this repository',
    );
    expect(r.stderr).toContain("fetch-depth: 0");
    expect(r.stdout).toBe("");
  });

  it("outside a git repository: exit 2", () => {
    const dir = mkdtempSync(join(tmpdir(), "psirt-nogit-"));
    const r = psirt(["check", "--base", "main", ...NOW], {
      cwd: dir,
      env: { ...noSummary, GIT_CEILING_DIRECTORIES: tmpdir() },
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/is not inside a git repository/);
  });

  it("without --base, or with an unknown option or format: exit 2", () => {
    const h = history();
    const missing = psirt(["check", ...NOW], { cwd: h.root, env: noSummary });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("--base <git-ref> is required");
    expect(psirt(["check", "--base", "HEAD", "--bogus"], { cwd: h.root }).code).toBe(2);
    const format = psirt(["check", "--base", "HEAD", "--format", "sarif"], { cwd: h.root });
    expect(format.code).toBe(2);
    expect(format.stderr).toContain('unknown --format "sarif"');
  });
});
