/**
 * Deep nesting is a finding, never a stack overflow or a crash: YAML deeper than 64 levels
 * (PSIRT-E004) and advisory bodies deeper than 32 (PSIRT-E075) are refused before anything
 * recursive walks them, so `validate` reports them and `build` never sees them.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { bodyMarkdown } from "../../scripts/core/mdx/markdown.ts";
import { MAX_NESTING } from "../../scripts/core/mdx/nesting.ts";
import { parseMdxBody } from "../../scripts/core/mdx/parse.ts";
import { renderBody } from "../../scripts/core/mdx/render.ts";
import { FIXTURES, psirt, tempRepo, validateDir, writeIn } from "../helpers/repo.ts";

const ADVISORY = "advisories/2026/EXC-SA-2026-0001.mdx";
const INCIDENT = "incidents/2026/EXC-IR-2026-0001.yaml";
const incident = readFileSync(join(FIXTURES, "repo-min", INCIDENT), "utf8");
const advisory = readFileSync(join(FIXTURES, "repo-min", ADVISORY), "utf8");
/** The body's first line (43) replaced by `text`. */
const withBody = (text: string) => advisory.replace("Example Widget 1.0.0 is affected.", text);

const HINT =
  "flatten the text: every reader of the body (site, feeds, CSAF, OSV) walks it level by level, and deeper nesting is refused";

async function errorsOf(path: string, text: string) {
  const root = tempRepo();
  writeIn(root, path, text);
  const { findings } = await validateDir(root);
  return findings
    .filter((f) => f.severity === "error")
    .map((f) => [f.file, f.line, f.column, f.code, f.message]);
}

describe("YAML nested too deep (PSIRT-E004)", () => {
  it.each([
    ["3,000 flow sequences", `vulnerabilities: ${"[".repeat(3000)}${"]".repeat(3000)}`, 12, 81],
    ["100,000 flow mappings", `vulnerabilities: ${"{a: ".repeat(100_000)}1${"}".repeat(100_000)}`, 12, 270],
    ["3,000 block sequences on one line", `vulnerabilities:\n  ${"- ".repeat(3000)}x`, 13, 129],
  ])("%s: reported where the 65th level opens, not as a syntax error", async (_what, yaml, line, column) => {
    expect(await errorsOf(INCIDENT, incident.replace("vulnerabilities: [CVE-2021-44228]", yaml))).toEqual([
      [INCIDENT, line, column, "PSIRT-E004", "YAML nesting is deeper than 64 levels"],
    ]);
  });

  it("accepts 60 levels", async () => {
    const deep = `notes: ${"[".repeat(59)}x${"]".repeat(59)}`;
    const errors = await errorsOf(INCIDENT, `${incident}${deep}\n`);
    expect(errors.map((e) => e[3])).not.toContain("PSIRT-E004");
  });
});

describe("advisory bodies nested too deep (PSIRT-E075)", () => {
  it.each([
    [
      "10,000 block quotes",
      ">".repeat(10_000),
      43,
      1,
      "is nested 10000 levels deep (block quote and list markers on one line)",
    ],
    [
      "3,000 block quotes",
      "> ".repeat(3000),
      43,
      1,
      "is nested 3000 levels deep (block quote and list markers on one line)",
    ],
    [
      "3,000 list items",
      `${"- ".repeat(3000)}x`,
      43,
      1,
      "is nested 3000 levels deep (block quote and list markers on one line)",
    ],
    [
      "3,000 callouts",
      `${'<Callout type="note">\n'.repeat(3000)}x\n${"</Callout>\n".repeat(3000)}`,
      43,
      1,
      "has a paragraph with 3000 tags (<…) that could nest as deep: more than 500 are refused unparsed",
    ],
    [
      "3,000 callouts on one line",
      `${'<Callout type="note">'.repeat(3000)}x${"</Callout>".repeat(3000)}`,
      43,
      1,
      "has a paragraph with 3000 tags (<…) that could nest as deep: more than 500 are refused unparsed",
    ],
    [
      "20,000 inline tags whose attributes fake their closing",
      `${'<a title="</a>">'.repeat(20_000)}x${"</a>".repeat(20_000)}`,
      43,
      1,
      "has a paragraph with 20000 tags (<…) that could nest as deep: more than 500 are refused unparsed",
    ],
    [
      "3,000 tags between blank lines whose attributes fake their closing",
      `${'<a title="</a>">\n\n'.repeat(3000)}x\n\n${"</a>\n\n".repeat(3000)}`,
      43 + 2 * MAX_NESTING,
      1,
      "is nested 3000 levels deep (block quotes, list items, components, emphasis, links)",
    ],
    [
      "33 block quotes",
      `${">".repeat(33)} x`,
      43,
      33,
      "is nested 33 levels deep (block quotes, list items, components, emphasis, links)",
    ],
    [
      "40 levels of emphasis",
      `${"*a ".repeat(40)}x${"*".repeat(40)}`,
      43,
      97,
      "is nested 40 levels deep (block quotes, list items, components, emphasis, links)",
    ],
  ])("%s: reported with the depth and the limit", async (_what, body, line, column, message) => {
    expect(await errorsOf(ADVISORY, withBody(body))).toEqual([
      [ADVISORY, line, column, "PSIRT-E075", `the body ${message}; at most 32 levels of nesting`],
    ]);
  });

  it("accepts 32 levels", async () => {
    expect(await errorsOf(ADVISORY, withBody(`${">".repeat(32)} x`))).toEqual([]);
  });

  it("is refused before any renderer could walk it: markdown and HTML get an empty body, not a stack overflow", () => {
    for (const body of [
      ">".repeat(10_000),
      `${'<Callout type="note">\n'.repeat(3000)}x\n${"</Callout>\n".repeat(3000)}`,
    ]) {
      const { tree, findings } = parseMdxBody(ADVISORY, body, 43);
      expect(findings.map((f) => [f.code, f.hint])).toEqual([["PSIRT-E075", HINT]]);
      expect(tree.children).toEqual([]);
      expect(() => bodyMarkdown(body)).not.toThrow();
      expect(renderBody(body).html).toBe("");
    }
  });

  it("`validate` exits 1 with the finding, not 70 with a stack trace, for 10,000 block quotes", () => {
    const root = tempRepo();
    writeIn(root, ADVISORY, readFileSync(join(FIXTURES, "bad/E075-mdx-nested-quotes.mdx")));
    const { code, stdout, stderr } = psirt(["validate", "--now", "2026-11-23"], { cwd: root });
    expect(stdout).toContain(
      `${ADVISORY}:43:1: error PSIRT-E075 the body is nested 10000 levels deep (block quote and list markers on one line); at most 32 levels of nesting`,
    );
    expect(stdout + stderr).not.toMatch(/\n\s+at .*:\d+:\d+\)?\n/);
    expect(code).toBe(1);
  });

  it("`validate` refuses 200,000 nested emphasis markers without parsing them (the parser crashed the process)", () => {
    const root = tempRepo();
    writeIn(root, ADVISORY, withBody(`${"*a ".repeat(200_000)}x${"*".repeat(200_000)}`));
    const { code, stdout } = psirt(["validate", "--now", "2026-11-23"], { cwd: root });
    expect(stdout).toContain(
      `${ADVISORY}:43:1: error PSIRT-E075 the body has a paragraph with 399999 emphasis markers (* _ ~) that could nest as deep: more than 50000 are refused unparsed; at most 32 levels of nesting`,
    );
    expect(code).toBe(1);
  });

  it("accepts a long flat body with many emphasis markers and list items", async () => {
    const line = "- **bold** and _emphasis_ and ~~gone~~ in `code` and snake_case_names\n";
    expect(await errorsOf(ADVISORY, withBody(line.repeat(5000)))).toEqual([]);
  });
});
