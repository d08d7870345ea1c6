/**
 * CVSS v2.0 (FIRST, "A Complete Guide to the Common Vulnerability Scoring System Version 2.0",
 * section 3.2 equations). Vectors have no prefix: `AV:N/AC:L/Au:N/C:P/I:P/A:P`, optionally
 * followed by temporal and environmental metrics in the same string. The guide says the vector
 * "lists these metrics in a predetermined order", so order is enforced.
 */
import { type MetricDef, type MetricValues, type ParseOutcome, parseMetricList, weightOf } from "./parse.ts";

const CIA = ["N", "P", "C"];
const REQUIREMENT = ["L", "M", "H", "ND"];

/** CVSS v2.0 metrics in the guide's order (base, temporal, environmental). */
export const V2_METRICS: readonly MetricDef[] = [
  { key: "AV", name: "Access Vector", values: ["L", "A", "N"], mandatory: true },
  { key: "AC", name: "Access Complexity", values: ["H", "M", "L"], mandatory: true },
  { key: "Au", name: "Authentication", values: ["M", "S", "N"], mandatory: true },
  { key: "C", name: "Confidentiality Impact", values: CIA, mandatory: true },
  { key: "I", name: "Integrity Impact", values: CIA, mandatory: true },
  { key: "A", name: "Availability Impact", values: CIA, mandatory: true },
  { key: "E", name: "Exploitability", values: ["U", "POC", "F", "H", "ND"], mandatory: false },
  { key: "RL", name: "Remediation Level", values: ["OF", "TF", "W", "U", "ND"], mandatory: false },
  { key: "RC", name: "Report Confidence", values: ["UC", "UR", "C", "ND"], mandatory: false },
  {
    key: "CDP",
    name: "Collateral Damage Potential",
    values: ["N", "L", "LM", "MH", "H", "ND"],
    mandatory: false,
  },
  { key: "TD", name: "Target Distribution", values: ["N", "L", "M", "H", "ND"], mandatory: false },
  { key: "CR", name: "Confidentiality Requirement", values: REQUIREMENT, mandatory: false },
  { key: "IR", name: "Integrity Requirement", values: REQUIREMENT, mandatory: false },
  { key: "AR", name: "Availability Requirement", values: REQUIREMENT, mandatory: false },
];

const WEIGHTS: Readonly<Record<string, Readonly<Record<string, number>>>> = {
  AV: { L: 0.395, A: 0.646, N: 1.0 },
  AC: { H: 0.35, M: 0.61, L: 0.71 },
  Au: { M: 0.45, S: 0.56, N: 0.704 },
  C: { N: 0, P: 0.275, C: 0.66 },
  I: { N: 0, P: 0.275, C: 0.66 },
  A: { N: 0, P: 0.275, C: 0.66 },
  E: { U: 0.85, POC: 0.9, F: 0.95, H: 1.0, ND: 1.0 },
  RL: { OF: 0.87, TF: 0.9, W: 0.95, U: 1.0, ND: 1.0 },
  RC: { UC: 0.9, UR: 0.95, C: 1.0, ND: 1.0 },
  CDP: { N: 0, L: 0.1, LM: 0.3, MH: 0.4, H: 0.5, ND: 0 },
  TD: { N: 0, L: 0.25, M: 0.75, H: 1.0, ND: 1.0 },
  CR: { L: 0.5, M: 1.0, H: 1.51, ND: 1.0 },
  IR: { L: 0.5, M: 1.0, H: 1.51, ND: 1.0 },
  AR: { L: 0.5, M: 1.0, H: 1.51, ND: 1.0 },
};

const TEMPORAL = ["E", "RL", "RC"];
const ENVIRONMENTAL = ["CDP", "TD", "CR", "IR", "AR"];

/** Parses a CVSS v2.0 vector (no prefix). */
export function parseV2(vector: string): ParseOutcome<MetricValues> {
  return parseMetricList(vector, {
    label: "CVSS v2.0",
    metrics: V2_METRICS,
    orderRule: "CVSS v2.0 vectors list metrics in the guide's predetermined order",
  });
}

/** Scores of a CVSS v2.0 vector; temporal/environmental only when one of their metrics is defined. */
export interface V2Scores {
  baseScore: number;
  temporalScore?: number;
  environmentalScore?: number;
}

/**
 * round_to_1_decimal, half up, on the decimal value the guide's equations define: the input is
 * first snapped to 9 decimals so binary floating-point noise (9 × 0.95 = 8.549999…) cannot flip
 * a half (8.55 rounds to 8.6).
 */
const round1 = (x: number): number => Math.floor((Math.round(x * 1e9) + 5e7) / 1e8) / 10;

/** Scores parsed CVSS v2.0 metrics with the guide's equations (undefined metrics count as ND). */
export function scoreV2(metrics: MetricValues): V2Scores {
  const w = (key: string): number => weightOf(WEIGHTS[key] ?? {}, metrics[key] ?? "ND", key);
  const exploitability = 20 * w("AV") * w("AC") * w("Au");
  const baseWith = (impact: number): number =>
    round1((0.6 * impact + 0.4 * exploitability - 1.5) * (impact === 0 ? 0 : 1.176));
  const impact = 10.41 * (1 - (1 - w("C")) * (1 - w("I")) * (1 - w("A")));
  const baseScore = baseWith(impact);
  const temporalOf = (base: number): number => round1(base * w("E") * w("RL") * w("RC"));
  const scores: V2Scores = { baseScore };
  if (TEMPORAL.some((key) => isDefined(metrics, key))) scores.temporalScore = temporalOf(baseScore);
  if (ENVIRONMENTAL.some((key) => isDefined(metrics, key))) {
    const adjustedImpact = Math.min(
      10,
      10.41 * (1 - (1 - w("C") * w("CR")) * (1 - w("I") * w("IR")) * (1 - w("A") * w("AR"))),
    );
    const adjustedTemporal = temporalOf(baseWith(adjustedImpact));
    // A low-impact vector with low requirements can give a negative adjusted base score; the
    // guide's scale is 0–10, so the final score is floored at 0.0.
    const environmental = round1((adjustedTemporal + (10 - adjustedTemporal) * w("CDP")) * w("TD"));
    scores.environmentalScore = Math.max(0, environmental);
  }
  return scores;
}

const isDefined = (metrics: MetricValues, key: string): boolean =>
  metrics[key] !== undefined && metrics[key] !== "ND";
