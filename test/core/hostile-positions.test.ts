/**
 * A file with tens of thousands of keys validates in linear time: duplicate keys are found with a
 * set, positions are looked up through an index per mapping (O(depth) per finding), and a file
 * lists at most 100 schema findings, then one that counts the rest. 90,000 unknown keys took 255 s.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseYaml } from "../../scripts/core/load/yaml.ts";
import { FIXTURES, tempRepo, validateDir, writeIn } from "../helpers/repo.ts";

const INCIDENT = "incidents/2026/EXC-IR-2026-0001.yaml";
const incident = readFileSync(join(FIXTURES, "repo-min", INCIDENT), "utf8");
const KEYS = 90_000;
/** `k00000: 1` … one line per key, after the 26 lines of the incident. */
const unknownKeys = (n: number) =>
  Array.from({ length: n }, (_, i) => `k${String(i).padStart(5, "0")}: 1\n`).join("");
const ALLOWED =
  "allowed fields here: id, title, state, resolution, duplicate_of, source, received, embargo_until, severity, vulnerabilities, cvss, intel, analysis, treatment, advisory, timeline, notes";

describe("an incident with 90,000 unknown keys", () => {
  it("validates in seconds, listing 100 findings and counting the rest", async () => {
    const root = tempRepo();
    writeIn(root, INCIDENT, incident + unknownKeys(KEYS));
    const started = performance.now();
    const { findings } = await validateDir(root);
    const seconds = (performance.now() - started) / 1000;
    const mine = findings.filter((f) => f.file === INCIDENT);
    expect(mine).toHaveLength(101);
    expect(mine.slice(0, 2).map((f) => [f.line, f.column, f.code, f.message, f.hint])).toEqual([
      [27, 1, "PSIRT-E011", 'unknown field "k00000"', ALLOWED],
      [28, 1, "PSIRT-E011", 'unknown field "k00001"', ALLOWED],
    ]);
    expect(mine.map((f) => f.line)).toEqual(Array.from({ length: 101 }, (_, i) => 27 + i));
    expect([mine[100]!.line, mine[100]!.code, mine[100]!.message, mine[100]!.hint]).toEqual([
      127,
      "PSIRT-E011",
      '… and 89900 more schema findings in this file, not listed; the next: unknown field "k00100"',
      "fix the 100 listed above and validate again",
    ]);
    expect(seconds).toBeLessThan(20);
  }, 120_000);

  it("finds a duplicate among them on its line, in linear time", async () => {
    const root = tempRepo();
    writeIn(root, INCIDENT, `${incident}${unknownKeys(KEYS)}k00007: 2\n`);
    const started = performance.now();
    const { findings } = await validateDir(root);
    expect((performance.now() - started) / 1000).toBeLessThan(20);
    expect(
      findings.filter((f) => f.file === INCIDENT).map((f) => [f.line, f.column, f.code, f.message]),
    ).toEqual([[27 + KEYS, 1, "PSIRT-E003", 'duplicate key "k00007": each key may appear once per mapping']]);
  }, 120_000);

  it("lists the first 100 of 45,000 duplicate keys and counts the rest", () => {
    const result = parseYaml(unknownKeys(45_000).replace(/^k\d+/gm, "same"), "x.yaml");
    const findings = result.ok ? [] : result.findings;
    expect(findings).toHaveLength(101);
    expect(findings.slice(0, 2).map((f) => [f.line, f.code])).toEqual([
      [2, "PSIRT-E003"],
      [3, "PSIRT-E003"],
    ]);
    expect([findings[100]!.line, findings[100]!.message]).toEqual([
      102,
      '… and 44899 more duplicate, forbidden or complex keys in this file, not listed; the next: duplicate key "same": each key may appear once per mapping',
    ]);
  });

  it('reports `1` and `"1"` as the same key (they are, once parsed)', () => {
    const result = parseYaml('a: x\n1: y\n"1": z\n', "x.yaml");
    expect(result.ok ? [] : result.findings.map((f) => [f.line, f.column, f.code, f.message])).toEqual([
      [3, 1, "PSIRT-E003", 'duplicate key "1": each key may appear once per mapping'],
    ]);
  });

  it("looks up the position of every key in linear time overall", () => {
    const result = parseYaml(`nested:\n  deeper:\n${unknownKeys(KEYS).replace(/^/gm, "    ")}`, "x.yaml");
    if (!result.ok) throw new Error(JSON.stringify(result.findings));
    const started = performance.now();
    for (let i = 0; i < KEYS; i += 7) {
      const pos = result.parsed.positions.keyAt(`/nested/deeper/k${String(i).padStart(5, "0")}`);
      if (pos.line !== i + 3 || pos.column !== 5) throw new Error(`k${i} at ${JSON.stringify(pos)}`);
    }
    expect(performance.now() - started).toBeLessThan(2000);
  });
});
