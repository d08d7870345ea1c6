/**
 * Walks test/fixtures/versions/<scheme>.txt (`a < b`, `a == b`, `a > b`, each checked both ways)
 * and <scheme>.invalid.txt (one unparsable version per line).
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { isSchemeName, SCHEMES } from "../../../scripts/core/versions/index.ts";

const DIR = join(import.meta.dirname, "../../fixtures/versions");

interface Line {
  n: number;
  text: string;
}

function lines(file: string): Line[] {
  return readFileSync(join(DIR, file), "utf8")
    .split("\n")
    .map((text, i) => ({ n: i + 1, text }))
    .filter(({ text }) => text.trim() !== "" && !text.startsWith("#"));
}

/**
 * Inputs on which the real implementation itself is not transitive, kept out of the sort check.
 * Maven: `1-0.alpha < 1 < 1.0-sp` yet `1-0.alpha > 1.0-sp` (a "-0." sub-list compares as a list).
 */
const INTRANSITIVE: Partial<Record<string, RegExp>> = { maven: /-0\./ };

const files = readdirSync(DIR).filter((f) => f.endsWith(".txt"));
const schemesWithFixtures = new Set(files.map((f) => f.split(".")[0]));

it("every scheme has an ordering and an invalid-input fixture", () => {
  for (const name of Object.keys(SCHEMES)) {
    expect(files).toContain(`${name}.txt`);
    expect(files).toContain(`${name}.invalid.txt`);
  }
  for (const name of schemesWithFixtures) expect(isSchemeName(name ?? "")).toBe(true);
});

describe.each(Object.values(SCHEMES))("$name ordering", (scheme) => {
  const cases = lines(`${scheme.name}.txt`).map(({ n, text }) => {
    const parts = text.trim().split(/\s+/);
    if (parts.length !== 3 || !["<", "==", ">"].includes(parts[1]!)) {
      throw new Error(`${scheme.name}.txt:${n}: expected "a < b", "a == b" or "a > b", found ${text}`);
    }
    return { n, a: parts[0]!, op: parts[1]!, b: parts[2]! };
  });

  it.each(cases)("line $n: $a $op $b", ({ a, op, b }) => {
    const expected = op === "<" ? -1 : op === "==" ? 0 : 1;
    const reverse = expected === 0 ? 0 : -expected;
    expect(scheme.tryCompare(a, b)).toEqual({ ok: true, value: expected });
    expect(scheme.tryCompare(b, a)).toEqual({ ok: true, value: reverse });
    expect(scheme.compare(a, b)).toBe(expected);
    expect(scheme.compare(b, a)).toBe(reverse);
  });

  it("orders all fixture versions consistently (a total preorder: sorting agrees pairwise)", () => {
    const known = INTRANSITIVE[scheme.name];
    const versions = cases.flatMap(({ a, b }) => [a, b]).filter((v) => !known?.test(v));
    const sorted = [...new Set(versions)].sort(scheme.compare);
    for (let i = 0; i < sorted.length; i++) {
      for (let j = i + 1; j < sorted.length; j++) {
        const c = scheme.compare(sorted[i]!, sorted[j]!);
        if (c > 0) expect.fail(`${sorted[i]} sorts before ${sorted[j]} but compares greater`);
      }
    }
  });
});

describe.each(Object.values(SCHEMES))("$name invalid input", (scheme) => {
  const cases = lines(`${scheme.name}.invalid.txt`).map(({ n, text }) => ({ n, v: text }));

  it.each(cases)("line $n: $v is rejected with a reason", ({ v }) => {
    expect(scheme.isValid(v)).toBe(false);
    const parsed = scheme.parse(v);
    expect(parsed.ok).toBe(false);
    const r = scheme.tryCompare(v, v);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toContain(`unparsable ${scheme.label} version ${JSON.stringify(v)}`);
    // compare never throws: invalid versions sort before valid ones, deterministically.
    expect(() => scheme.compare(v, "1")).not.toThrow();
    if (scheme.isValid("1")) {
      expect(scheme.compare(v, "1")).toBe(-1);
      expect(scheme.compare("1", v)).toBe(1);
    }
    expect(scheme.compare(v, v)).toBe(0);
  });
});
