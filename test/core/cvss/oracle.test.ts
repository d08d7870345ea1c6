/**
 * Oracle tests: our scores against FIRST's reference calculators as bundled in
 * @secvisogram/csaf-validator-lib (cvss40.js, cvsscalc31.js, cvsscalc30.js), exhaustively over all
 * base vectors and over seeded samples of vectors with threat/temporal/environmental metrics.
 * CVSS v2.0 has no bundled FIRST calculator; it is checked against the guide's equations
 * evaluated in exact decimal arithmetic (v2-exact.ts).
 */
import { CVSS40 } from "@secvisogram/csaf-validator-lib/lib/shared/first/cvss40.js";
import CVSS30 from "@secvisogram/csaf-validator-lib/lib/shared/first/cvsscalc30.js";
import CVSS31 from "@secvisogram/csaf-validator-lib/lib/shared/first/cvsscalc31.js";
import { describe, expect, it } from "vitest";
import { type CvssResult, scoreCvss } from "../../../scripts/core/cvss/index.ts";
import { V2_METRICS } from "../../../scripts/core/cvss/v2.ts";
import { V3_METRICS } from "../../../scripts/core/cvss/v3.ts";
import { V4_METRICS } from "../../../scripts/core/cvss/v4.ts";
import { exactV2 } from "./v2-exact.ts";

type Groups = readonly { key: string; values: readonly string[] }[];

/** Every combination of the groups' values, as `K:v/K:v/…` in group order. */
function allVectors(groups: Groups): string[] {
  return groups
    .reduce<string[]>(
      (vectors, { key, values }) => vectors.flatMap((prefix) => values.map((v) => `${prefix}/${key}:${v}`)),
      [""],
    )
    .map((vector) => vector.slice(1));
}

/** mulberry32: a small seeded PRNG so the samples are the same on every run. */
function random(seed: number): (n: number) => number {
  let state = seed;
  return (n) => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) % n;
  };
}

/** A random vector body: all mandatory metrics, each optional one with probability 1/2. */
function sampleVector(groups: Groups, mandatory: ReadonlySet<string>, pick: (n: number) => number): string[] {
  return groups
    .filter(({ key }) => mandatory.has(key) || pick(2) === 0)
    .map(({ key, values }) => `${key}:${values[pick(values.length)]}`);
}

const scored = (vector: string): CvssResult => {
  const result = scoreCvss(vector);
  if ("error" in result) throw new Error(`${vector}: ${result.error}`);
  return result;
};

const mandatoryOf = (metrics: typeof V4_METRICS): Set<string> =>
  new Set(metrics.filter((m) => m.mandatory).map((m) => m.key));
const SAMPLES = 50_000;

describe("CVSS v4.0 against FIRST cvss40.js", () => {
  it("scores all 104,976 base vectors exactly as the reference", () => {
    const vectors = allVectors(V4_METRICS.filter((m) => m.mandatory)).map((body) => `CVSS:4.0/${body}`);
    expect(vectors).toHaveLength(104_976);
    const mismatches: string[] = [];
    for (const vector of vectors) {
      const ours = scored(vector);
      const reference = new CVSS40(vector);
      if (
        ours.baseScore !== reference.score ||
        ours.baseSeverity !== reference.severity.toUpperCase() ||
        ours.nomenclature !== "CVSS-B"
      ) {
        mismatches.push(`${vector}: ${ours.baseScore} ${ours.baseSeverity}, reference ${reference.score}`);
      }
    }
    expect(mismatches).toEqual([]);
  });

  it(`scores ${SAMPLES} sampled B/BT/BE/BTE vectors (with supplemental metrics) as the reference`, () => {
    const pick = random(40);
    const mandatory = mandatoryOf(V4_METRICS);
    const mismatches: string[] = [];
    for (let i = 0; i < SAMPLES; i++) {
      const vector = `CVSS:4.0/${sampleVector(V4_METRICS, mandatory, pick).join("/")}`;
      const ours = scored(vector);
      const reference = new CVSS40(vector);
      if (
        ours.baseScore !== reference.score ||
        ours.baseSeverity !== reference.severity.toUpperCase() ||
        ours.nomenclature !== reference.vector.nomenclature
      ) {
        mismatches.push(`${vector}: ${ours.baseScore} ${ours.nomenclature}, reference ${reference.score}`);
      }
    }
    expect(mismatches).toEqual([]);
  });
});

describe.each([
  { version: "3.1", reference: CVSS31 },
  { version: "3.0", reference: CVSS30 },
] as const)("CVSS v$version against FIRST's calculator", ({ version, reference }) => {
  const compare = (vector: string): string | undefined => {
    const ours = scored(vector);
    const expected = reference.calculateCVSSFromVector(vector);
    if (!expected.success) return `${vector}: reference rejected it (${expected.errorType})`;
    const actual = [
      ours.baseScore.toFixed(1),
      ours.baseSeverity,
      (ours.temporalScore ?? ours.baseScore).toFixed(1),
      ours.environmentalScore?.toFixed(1) ?? expected.environmentalMetricScore,
    ];
    const wanted = [
      expected.baseMetricScore,
      expected.baseSeverity.toUpperCase(),
      expected.temporalMetricScore,
      expected.environmentalMetricScore,
    ];
    return actual.join(" ") === wanted.join(" ") ? undefined : `${vector}: ${actual} vs ${wanted}`;
  };

  it("scores all 2,592 base vectors exactly as the reference", () => {
    const vectors = allVectors(V3_METRICS.filter((m) => m.mandatory)).map(
      (body) => `CVSS:${version}/${body}`,
    );
    expect(vectors).toHaveLength(2592);
    expect(vectors.map(compare).filter(Boolean)).toEqual([]);
  });

  it(`scores ${SAMPLES} sampled temporal/environmental vectors in shuffled order as the reference`, () => {
    const pick = random(version === "3.1" ? 31 : 30);
    const mandatory = mandatoryOf(V3_METRICS);
    const mismatches: string[] = [];
    for (let i = 0; i < SAMPLES; i++) {
      const parts = sampleVector(V3_METRICS, mandatory, pick);
      for (let j = parts.length - 1; j > 0; j--) {
        const k = pick(j + 1);
        [parts[j], parts[k]] = [parts[k] ?? "", parts[j] ?? ""];
      }
      const problem = compare(`CVSS:${version}/${parts.join("/")}`);
      if (problem) mismatches.push(problem);
    }
    expect(mismatches).toEqual([]);
  });
});

describe("CVSS v2.0 against the guide's equations in exact decimal arithmetic", () => {
  const check = (vector: string): string | undefined => {
    const ours = scored(vector);
    const exact = exactV2(vector);
    // docs/cvss.md: a negative environmental score (possible in v2's equations) is floored at 0.0.
    exact.environmental = Math.max(0, exact.environmental);
    const actual = [
      ours.baseScore,
      ours.temporalScore ?? exact.temporal,
      ours.environmentalScore ?? exact.environmental,
    ];
    const wanted = [exact.base, exact.temporal, exact.environmental];
    return actual.join(" ") === wanted.join(" ") ? undefined : `${vector}: ${actual} vs ${wanted}`;
  };

  it("scores all 729 base vectors exactly", () => {
    const vectors = allVectors(V2_METRICS.filter((m) => m.mandatory));
    expect(vectors).toHaveLength(729);
    expect(vectors.map(check).filter(Boolean)).toEqual([]);
  });

  it(`scores ${SAMPLES} sampled temporal/environmental vectors exactly`, () => {
    const pick = random(2);
    const mandatory = mandatoryOf(V2_METRICS);
    const mismatches: string[] = [];
    for (let i = 0; i < SAMPLES; i++) {
      const problem = check(sampleVector(V2_METRICS, mandatory, pick).join("/"));
      if (problem) mismatches.push(problem);
    }
    expect(mismatches).toEqual([]);
  });
});
