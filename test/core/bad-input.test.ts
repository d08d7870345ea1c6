/**
 * The bad-input corpus: each file in test/fixtures/bad/ replaces one file of the minimal valid
 * repository; validation must report the expected code on the expected line (cases.json).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { FIXTURES, psirt, tempRepo, validateDir, writeIn } from "../helpers/repo.ts";

interface Case {
  file: string;
  target: string;
  code: string;
  line: number;
  about: string;
}

const cases = JSON.parse(readFileSync(join(FIXTURES, "bad/cases.json"), "utf8")) as Case[];

describe("the minimal fixture repository", () => {
  it("is valid", async () => {
    const { findings } = await validateDir(tempRepo());
    expect(findings).toEqual([]);
  });
});

describe("bad input corpus", () => {
  it.each(cases)("$file ($about) → $code at line $line", async (c) => {
    const root = tempRepo();
    writeIn(root, c.target, readFileSync(join(FIXTURES, "bad", c.file)));
    const { findings } = await validateDir(root);
    const errors = findings.filter((f) => f.severity === "error");
    expect(errors.length).toBeGreaterThan(0);
    const hit = errors.find((f) => f.code === c.code && f.file === c.target);
    expect(
      hit,
      `expected ${c.code} in ${c.target}; got ${JSON.stringify(errors.map((f) => [f.file, f.line, f.code, f.message]))}`,
    ).toBeDefined();
    expect(hit!.line).toBe(c.line);
    expect(hit!.message.length).toBeGreaterThan(10);
    expect(hit!.hint).toBeTruthy();
  });

  it("refuses a file over the size limit", async () => {
    const root = tempRepo();
    writeIn(root, "incidents/2026/EXC-IR-2026-0001.yaml", `title: ${"x".repeat(2 * 1024 * 1024)}\n`);
    const { findings } = await validateDir(root);
    expect(findings).toContainEqual(
      expect.objectContaining({ code: "PSIRT-E001", line: 1, file: "incidents/2026/EXC-IR-2026-0001.yaml" }),
    );
  });

  it("suggests the field name for a typo", async () => {
    const root = tempRepo();
    writeIn(
      root,
      "incidents/2026/EXC-IR-2026-0001.yaml",
      readFileSync(join(FIXTURES, "bad/E011-unknown-field-typo.yaml")),
    );
    const { findings } = await validateDir(root);
    expect(findings.find((f) => f.code === "PSIRT-E011")?.message).toContain('did you mean "title"');
  });

  it("refuses an advisory naming a reporter who declined credit (PSIRT-E084)", async () => {
    const root = tempRepo();
    const incident = "incidents/2026/EXC-IR-2026-0001.yaml";
    const advisory = "advisories/2026/EXC-SA-2026-0001.mdx";
    const original = readFileSync(join(root, incident), "utf8");
    writeIn(root, incident, original.replace("    credit: true", "    credit: false"));
    const e084 = async () =>
      (await validateDir(root)).findings
        .filter((f) => f.code === "PSIRT-E084")
        .map((f) => [f.file, f.line, f.message]);
    expect(await e084()).toEqual([
      [advisory, 35, "the acknowledgments credit Ada Researcher, who declined credit"],
    ]);
    // Named in the text instead: reported on the body's line.
    const text = readFileSync(join(root, advisory), "utf8");
    const moved = text
      .replace("acknowledgments:\n  - names: [Ada Researcher]\n", "")
      .replace(/\n---\n/, "\n---\n\nThanks to ada  researcher for the report.\n");
    writeIn(root, advisory, moved);
    const [finding] = await e084();
    expect(finding).toEqual([
      advisory,
      moved.split("\n").indexOf("Thanks to ada  researcher for the report.") + 1,
      "the advisory names Ada Researcher, who declined credit",
    ]);
    // With consent recorded, both are fine.
    writeIn(root, incident, original);
    expect(await e084()).toEqual([]);
  });

  it("exits 1 with path:line:col findings and no stack trace through the CLI", () => {
    const root = tempRepo();
    for (const c of cases.filter((x) => x.target.startsWith("incidents/")).slice(0, 1))
      writeIn(root, c.target, readFileSync(join(FIXTURES, "bad", c.file)));
    const { code, stdout, stderr } = psirt(["validate", "--now", "2026-11-23"], { cwd: root });
    expect(code).toBe(1);
    expect(stdout).toMatch(/^incidents\/2026\/EXC-IR-2026-0001\.yaml:\d+:\d+: error PSIRT-E\d{3} /m);
    expect(stdout + stderr).not.toMatch(/\n\s+at .*\(.*:\d+:\d+\)/);
  });
});
