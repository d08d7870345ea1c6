/**
 * Reporters for `match`: golden files for text, JSON and Markdown (refresh with
 * UPDATE_GOLDEN=1), and SARIF 2.1.0 checked against the fields the specification and GitHub code
 * scanning require.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { loadInventory } from "../../../scripts/commands/match.ts";
import { MatchSession, type SessionResult } from "../../../scripts/core/matching/session.ts";
import { incidentRefs, inventoryTargets } from "../../../scripts/core/matching/targets.ts";
import { formatMatchMarkdown } from "../../../scripts/report/markdown.ts";
import { formatMatchJson } from "../../../scripts/report/match-json.ts";
import { formatMatchText } from "../../../scripts/report/match-text.ts";
import { formatSarif, lineOf } from "../../../scripts/report/sarif.ts";
import { EXAMPLE } from "../../helpers/repo.ts";
import {
  addBytes,
  EPSS_FILE,
  fixture,
  GHSA_FILES,
  KEV_FILE,
  MATCH_FIXTURES,
  NVD_FILES,
  sessionWith,
  target,
} from "./helpers.ts";

let result: SessionResult;
let texts: Map<string, string>;

beforeAll(async () => {
  const session = sessionWith([
    ...GHSA_FILES,
    ...NVD_FILES,
    KEV_FILE,
    EPSS_FILE,
    fixture("osv-log4shell-synthetic.json"),
  ]);
  const inventory = await loadInventory(EXAMPLE, session);
  texts = new Map(inventory.files.map((f) => [f.path, new TextDecoder().decode(f.bytes)]));
  result = session.run(
    inventoryTargets(inventory.model, inventory.sboms, session.log),
    incidentRefs(inventory.model),
  );
});

function golden(name: string, actual: string) {
  const dir = join(MATCH_FIXTURES, "golden");
  const path = join(dir, name);
  if (process.env.UPDATE_GOLDEN) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(path, actual);
  }
  expect(existsSync(path), `${path} is missing: run with UPDATE_GOLDEN=1`).toBe(true);
  expect(actual).toBe(readFileSync(path, "utf8"));
}

describe("golden reports of the example inventory", () => {
  it("text", () => golden("example.txt", formatMatchText(result.matches)));
  it("json", () => golden("example.json", formatMatchJson(result.matches, result.diagnostics, result.stats)));
  it("markdown", () => golden("example.md", formatMatchMarkdown(result.matches, result.stats)));
  it("sarif", () => golden("example.sarif", formatSarif(result.matches, { texts })));
});

describe("json", () => {
  it("prints {matches:[{id, aliases, purl, product, productVersion, new, priority, …}]} in a fixed key order", () => {
    const doc = JSON.parse(formatMatchJson(result.matches, result.diagnostics, result.stats));
    expect(Object.keys(doc)).toEqual(["matches", "diagnostics", "summary"]);
    const first = doc.matches[0];
    expect(Object.keys(first).slice(0, 6)).toEqual([
      "id",
      "aliases",
      "summary",
      "product",
      "productVersion",
      "purl",
    ]);
    for (const key of [
      "id",
      "aliases",
      "purl",
      "product",
      "productVersion",
      "new",
      "priority",
      "affected",
      "fixed",
    ])
      expect(first).toHaveProperty(key);
    expect(doc.summary).toMatchObject({
      sboms: 15,
      matches: 18,
      new: 5,
      known: 13,
      byPriority: { P1: 7, P2: 5, P3: 6, P4: 0 },
    });
  });
});

describe("sarif", () => {
  const levels = new Set(["none", "note", "warning", "error"]);

  it("is SARIF 2.1.0 with the fields the specification and code scanning require", () => {
    const sarif = JSON.parse(formatSarif(result.matches, { texts }));
    expect(sarif.version).toBe("2.1.0");
    expect(sarif.$schema).toBe("https://json.schemastore.org/sarif-2.1.0.json");
    expect(sarif.runs).toHaveLength(1);
    const run = sarif.runs[0];
    expect(typeof run.tool.driver.name).toBe("string");
    const rules = run.tool.driver.rules as {
      id: string;
      shortDescription: { text: string };
      helpUri: string;
      properties: Record<string, unknown>;
    }[];
    const ids = rules.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual([...new Set(result.matches.map((m) => m.id))]);
    for (const rule of rules) {
      expect(rule.shortDescription.text.length).toBeGreaterThan(0);
      expect(() => new URL(rule.helpUri)).not.toThrow();
      expect(Number(rule.properties["security-severity"])).toBeGreaterThan(0);
    }
    expect(run.results).toHaveLength(result.matches.length);
    for (const r of run.results) {
      expect(ids[r.ruleIndex]).toBe(r.ruleId);
      expect(levels.has(r.level)).toBe(true);
      expect(r.message.text.length).toBeGreaterThan(0);
      const loc = r.locations[0].physicalLocation;
      expect(loc.artifactLocation.uri).toMatch(/^inventory\/sbom\/[^/]+\/[^/]+\.cdx\.json$/);
      expect(Number.isInteger(loc.region.startLine) && loc.region.startLine >= 1).toBe(true);
      expect(Object.values(r.partialFingerprints).every((v) => typeof v === "string")).toBe(true);
    }
  });

  it("points each result at the component's purl line in its SBOM; new P1/P2 are errors, known are notes", () => {
    const sarif = JSON.parse(formatSarif(result.matches, { texts }));
    result.matches.forEach((m, i) => {
      const r = sarif.runs[0].results[i];
      const line = texts.get(m.sbom)!.split("\n")[r.locations[0].physicalLocation.region.startLine - 1]!;
      expect(line).toContain(`"purl": ${JSON.stringify(m.purl)}`);
      expect(r.level).toBe(
        !m.new ? "note" : m.priority <= "P2" ? "error" : m.priority === "P3" ? "warning" : "note",
      );
    });
    expect(lineOf(undefined, result.matches[0]!)).toBe(1);
  });

  it("uses file URIs for SBOMs outside the repository", () => {
    const m = { ...result.matches[0]!, sbom: "/tmp/some sbom.json" };
    const sarif = JSON.parse(formatSarif([m]));
    expect(sarif.runs[0].results[0].locations[0].physicalLocation.artifactLocation).toEqual({
      uri: "file:///tmp/some%20sbom.json",
    });
  });
});

describe("markdown", () => {
  it("escapes table cells", () => {
    const { known: _known, ...first } = result.matches[0]!;
    const m = { ...first, new: true, product: "a|b", productVersion: "<1>" };
    expect(formatMatchMarkdown([m], result.stats)).toContain("| a\\|b \\<1\\> |");
  });
});

describe("text", () => {
  it("prints feed text on one line: escape sequences and line breaks from a record cannot reach the terminal", () => {
    const session = new MatchSession();
    addBytes(
      session,
      "hostile.json",
      JSON.stringify({
        id: "OSV-HOSTILE-1",
        modified: "2026-01-01T00:00:00Z",
        summary: "Looks fine\u001b[2J\u001b[31m\nP1 NEW  CVE-2099-0001: fake line",
        affected: [{ package: { ecosystem: "npm", name: "evil" }, versions: ["1.0.0"] }],
      }),
    );
    const result = session.run([target([{ purl: "pkg:npm/evil@1.0.0" }])], []);
    const text = formatMatchText(result.matches);
    expect(text).not.toMatch(/\u001b/);
    expect(text.split("\n")[0]).toBe(
      "P4 NEW  OSV-HOSTILE-1: Looks fine [2J [31m P1 NEW  CVE-2099-0001: fake line",
    );
  });
});
