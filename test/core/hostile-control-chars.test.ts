/**
 * Control characters (C0 but tab/LF/CR, DEL, C1), lone surrogates and U+FFFE/U+FFFF are refused in
 * every YAML string and in advisory bodies (PSIRT-E008), however they are written: they would make
 * the Atom and RSS feeds ill-formed XML, and terminals execute them.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseYaml } from "../../scripts/core/load/yaml.ts";
import { FIXTURES, tempRepo, validateDir, writeIn } from "../helpers/repo.ts";

const ADVISORY = "advisories/2026/EXC-SA-2026-0001.mdx";
const INCIDENT = "incidents/2026/EXC-IR-2026-0001.yaml";
const TITLE = "title: Remote code execution through log message lookups";
const incident = readFileSync(join(FIXTURES, "repo-min", INCIDENT), "utf8");
const advisory = readFileSync(join(FIXTURES, "repo-min", ADVISORY), "utf8");

async function findingsOf(path: string, text: string | Uint8Array) {
  const root = tempRepo();
  writeIn(root, path, text);
  const { findings } = await validateDir(root);
  return findings.filter((f) => f.severity === "error");
}

const WHY = "such characters break XML feeds and terminals, and editors do not show them";

describe("control characters in YAML strings (PSIRT-E008)", () => {
  it.each([
    ["a raw form feed", "title: Remote code\fexecution", 19, "U+000C (form feed)"],
    ["a raw escape in single quotes", "title: 'Remote code\x1b[2J'", 20, "U+001B (escape)"],
    ["a raw DEL", "title: Remote\x7f code", 14, "U+007F (delete)"],
    ["a raw C1 control", "title: Remote\u0085 code", 14, "U+0085 (next line)"],
    ["the escape \\e", 'title: "Remote code\\e[2J"', 20, "U+001B (escape)"],
    ["the escape \\v", 'title: "Remote\\vcode"', 15, "U+000B (vertical tab)"],
    ["the escape \\f", 'title: "Remote\\fcode"', 15, "U+000C (form feed)"],
    ["the escape \\0", 'title: "Remote\\0code"', 15, "U+0000 (NUL)"],
    ["the escape \\x1b", 'title: "ok \\t ok \\x1b[31m red"', 18, "U+001B (escape)"],
    ["the escape \\u0000", 'title: "Remote code\\u0000"', 20, "U+0000 (NUL)"],
    ["the escape \\U0000009b", 'title: "Remote\\U0000009b"', 15, "U+009B (C1 control character)"],
    ["the escape \\N (U+0085)", 'title: "Remote\\Ncode"', 15, "U+0085 (next line)"],
    [
      "a lone high surrogate",
      'title: "Remote \\ud800 code"',
      16,
      "U+D800 (a lone surrogate: half of a UTF-16 pair)",
    ],
    [
      "a lone low surrogate",
      'title: "Remote \\uDC00 code"',
      16,
      "U+DC00 (a lone surrogate: half of a UTF-16 pair)",
    ],
    ["a noncharacter", 'title: "Remote \\uFFFF code"', 16, "U+FFFF (a noncharacter)"],
    ["a bell in a block scalar", "title: |\n  Remote\x07 code", 9, "U+0007 (bell)"],
  ])("refuses %s, naming the line, column and character", async (_what, title, column, char) => {
    const findings = await findingsOf(INCIDENT, incident.replace(TITLE, title));
    const line = title.includes("\n") ? 4 : 3;
    expect(findings.map((f) => [f.file, f.line, f.column, f.code, f.pointer, f.message])).toEqual([
      [INCIDENT, line, column, "PSIRT-E008", "/title", `control character ${char} in "title": ${WHY}`],
    ]);
    expect(findings[0]!.hint).toMatch(/^delete the character/);
  });

  it("refuses one in a key and in a nested value, naming where", async () => {
    const text = incident
      .replace("    credit: true", '    credit: true\n    "nick\\e": x')
      .replace("event: triaged", "event: 'tri\baged'");
    const findings = await findingsOf(INCIDENT, text);
    expect(findings.map((f) => [f.line, f.column, f.code, f.message])).toEqual([
      [10, 10, "PSIRT-E008", `control character U+001B (escape) in a key of "source/reporter": ${WHY}`],
      [27, 16, "PSIRT-E008", `control character U+0008 (backspace) in "timeline/1/event": ${WHY}`],
    ]);
  });

  it("accepts tab, line breaks, no-break space, line separators and characters beyond U+FFFF", async () => {
    const text = incident.replace(
      TITLE,
      'title: "Remote\\tcode\\nexecution\\r\\u00a0\\_ \\u2028 \\uD83D\\uDE00 \\U0001F600 in\tlog message lookups"',
    );
    expect(await findingsOf(INCIDENT, text)).toEqual([]);
  });

  it("refuses one in the front matter of an advisory (the summary of a feed entry)", async () => {
    const findings = await findingsOf(
      ADVISORY,
      readFileSync(join(FIXTURES, "bad/E008-control-char-summary.mdx")),
    );
    expect(findings.map((f) => [f.file, f.line, f.column, f.code, f.message])).toEqual([
      [ADVISORY, 7, 49, "PSIRT-E008", `control character U+000C (form feed) in "summary": ${WHY}`],
    ]);
  });

  it("lists the first 100 of a file and counts the rest", () => {
    const text = `${Array.from({ length: 250 }, (_, i) => `k${i}: "a\\eb"`).join("\n")}\n`;
    const result = parseYaml(text, "x.yaml");
    expect(result.ok).toBe(false);
    const findings = result.ok ? [] : result.findings;
    expect(findings).toHaveLength(101);
    expect(findings[99]!.line).toBe(100);
    expect([findings[100]!.line, findings[100]!.message]).toEqual([
      101,
      `… and 150 more control characters in this file, not listed; the next: control character U+001B (escape) in "k100": ${WHY}`,
    ]);
  });
});

describe("control characters in advisory bodies (PSIRT-E008)", () => {
  it("refuses a raw one on its line and column", async () => {
    const findings = await findingsOf(
      ADVISORY,
      readFileSync(join(FIXTURES, "bad/E008-control-char-body.mdx")),
    );
    expect(findings.map((f) => [f.file, f.line, f.column, f.code, f.message])).toEqual([
      [
        ADVISORY,
        43,
        24,
        "PSIRT-E008",
        `control character U+000B (vertical tab) in the advisory text: ${WHY}`,
      ],
    ]);
  });

  // Markdown turns the other references (&#27;, &#x85;, &#127;) into U+FFFD; a form feed stays.
  it("refuses one written as a character reference (&#12;), in text, link or attribute", async () => {
    for (const [written, line] of [
      ["Example Widget 1.0.0 is &#12; affected.", 43],
      ["See [it](https://example.com/&#12;).", 43],
      ['<Callout type="warning" title="Now&#12;">Update.</Callout>\n\nExample.', 43],
    ] as const) {
      const findings = await findingsOf(
        ADVISORY,
        advisory.replace("Example Widget 1.0.0 is affected.", written),
      );
      expect(
        findings.map((f) => [f.line, f.code, f.message]),
        written,
      ).toEqual([
        [
          line,
          "PSIRT-E008",
          "control character U+000C (form feed) in the advisory text, written as a character reference: such characters break XML feeds and terminals",
        ],
      ]);
    }
  });

  it("accepts tabs and the usual text", async () => {
    const text = advisory.replace(
      "Example Widget 1.0.0 is affected.",
      "Example\tWidget 1.0.0 is affected — ok ✓ 😀.",
    );
    expect(await findingsOf(ADVISORY, text)).toEqual([]);
  });
});
