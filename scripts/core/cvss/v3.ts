/**
 * CVSS v3.0 and v3.1 (FIRST specification documents: §6 vector string, §7 equations). The v3.1
 * specification says "Programs reading CVSS v3.1 vector strings must accept metrics in any order";
 * FIRST's v3.0 calculator accepts any order too, so order is not checked for either. Unknown
 * metrics and values, repeats and missing base metrics are errors. Formulas and rounding follow
 * FIRST's reference calculators (cvsscalc30.js, cvsscalc31.js): v3.0 rounds up with
 * `Math.ceil(x * 10) / 10`, v3.1 with the specification's integer-based Roundup (Appendix A),
 * and v3.1 uses its revised Modified Impact formula.
 */
import { type MetricDef, type MetricValues, type ParseOutcome, parseMetricList, weightOf } from "./parse.ts";

const CIA = ["H", "L", "N"];
const MODIFIED_CIA = ["X", "H", "L", "N"];
const REQUIREMENT = ["X", "H", "M", "L"];

/** CVSS v3.x metrics in the order of the specification's Table 15 (the preferred order). */
export const V3_METRICS: readonly MetricDef[] = [
  { key: "AV", name: "Attack Vector", values: ["N", "A", "L", "P"], mandatory: true },
  { key: "AC", name: "Attack Complexity", values: ["L", "H"], mandatory: true },
  { key: "PR", name: "Privileges Required", values: ["N", "L", "H"], mandatory: true },
  { key: "UI", name: "User Interaction", values: ["N", "R"], mandatory: true },
  { key: "S", name: "Scope", values: ["U", "C"], mandatory: true },
  { key: "C", name: "Confidentiality", values: CIA, mandatory: true },
  { key: "I", name: "Integrity", values: CIA, mandatory: true },
  { key: "A", name: "Availability", values: CIA, mandatory: true },
  { key: "E", name: "Exploit Code Maturity", values: ["X", "H", "F", "P", "U"], mandatory: false },
  { key: "RL", name: "Remediation Level", values: ["X", "U", "W", "T", "O"], mandatory: false },
  { key: "RC", name: "Report Confidence", values: ["X", "C", "R", "U"], mandatory: false },
  { key: "CR", name: "Confidentiality Requirement", values: REQUIREMENT, mandatory: false },
  { key: "IR", name: "Integrity Requirement", values: REQUIREMENT, mandatory: false },
  { key: "AR", name: "Availability Requirement", values: REQUIREMENT, mandatory: false },
  { key: "MAV", name: "Modified Attack Vector", values: ["X", "N", "A", "L", "P"], mandatory: false },
  { key: "MAC", name: "Modified Attack Complexity", values: ["X", "L", "H"], mandatory: false },
  { key: "MPR", name: "Modified Privileges Required", values: ["X", "N", "L", "H"], mandatory: false },
  { key: "MUI", name: "Modified User Interaction", values: ["X", "N", "R"], mandatory: false },
  { key: "MS", name: "Modified Scope", values: ["X", "U", "C"], mandatory: false },
  { key: "MC", name: "Modified Confidentiality", values: MODIFIED_CIA, mandatory: false },
  { key: "MI", name: "Modified Integrity", values: MODIFIED_CIA, mandatory: false },
  { key: "MA", name: "Modified Availability", values: MODIFIED_CIA, mandatory: false },
];

type Weights = Readonly<Record<string, number>>;
const AV: Weights = { N: 0.85, A: 0.62, L: 0.55, P: 0.2 };
const AC: Weights = { H: 0.44, L: 0.77 };
const PR_UNCHANGED: Weights = { N: 0.85, L: 0.62, H: 0.27 };
const PR_CHANGED: Weights = { N: 0.85, L: 0.68, H: 0.5 };
const UI: Weights = { N: 0.85, R: 0.62 };
const CIA_WEIGHT: Weights = { H: 0.56, L: 0.22, N: 0 };
const E: Weights = { X: 1, U: 0.91, P: 0.94, F: 0.97, H: 1 };
const RL: Weights = { X: 1, O: 0.95, T: 0.96, W: 0.97, U: 1 };
const RC: Weights = { X: 1, U: 0.92, R: 0.96, C: 1 };
const REQUIREMENT_WEIGHT: Weights = { X: 1, L: 0.5, M: 1, H: 1.5 };

const TEMPORAL = ["E", "RL", "RC"];
const ENVIRONMENTAL = ["CR", "IR", "AR", "MAV", "MAC", "MPR", "MUI", "MS", "MC", "MI", "MA"];

/** Parses the body of a CVSS v3.x vector (after `CVSS:3.0/` or `CVSS:3.1/`). */
export function parseV3(body: string, version: "3.0" | "3.1"): ParseOutcome<MetricValues> {
  return parseMetricList(body, { label: `CVSS v${version}`, metrics: V3_METRICS });
}

/** Scores of a CVSS v3.x vector; temporal/environmental only when one of their metrics is defined. */
export interface V3Scores {
  baseScore: number;
  temporalScore?: number;
  environmentalScore?: number;
}

/** The CVSS v3.1 Roundup function (specification Appendix A): integer-based to avoid float noise. */
export function roundUp31(value: number): number {
  const scaled = Math.round(value * 100000);
  return scaled % 10000 === 0 ? scaled / 100000 : (Math.floor(scaled / 10000) + 1) / 10;
}

const roundUp30 = (value: number): number => Math.ceil(value * 10) / 10;

/** Scores parsed CVSS v3.x metrics; undefined temporal and environmental metrics count as X. */
export function scoreV3(metrics: MetricValues, version: "3.0" | "3.1"): V3Scores {
  const roundUp = version === "3.1" ? roundUp31 : roundUp30;
  const value = (key: string): string => metrics[key] ?? "X";
  const modified = (key: string): string => (value(`M${key}`) === "X" ? value(key) : value(`M${key}`));
  const w = (table: Weights, v: string, key: string): number => weightOf(table, v, key);

  const changed = value("S") === "C";
  const iss =
    1 -
    (1 - w(CIA_WEIGHT, value("C"), "C")) *
      (1 - w(CIA_WEIGHT, value("I"), "I")) *
      (1 - w(CIA_WEIGHT, value("A"), "A"));
  const impact = changed ? 7.52 * (iss - 0.029) - 3.25 * (iss - 0.02) ** 15 : 6.42 * iss;
  const exploitability =
    8.22 *
    w(AV, value("AV"), "AV") *
    w(AC, value("AC"), "AC") *
    w(changed ? PR_CHANGED : PR_UNCHANGED, value("PR"), "PR") *
    w(UI, value("UI"), "UI");
  const baseScore =
    impact <= 0
      ? 0
      : roundUp(Math.min(changed ? 1.08 * (exploitability + impact) : exploitability + impact, 10));

  // Multiplied left to right as the reference calculators do, so results match them bit for bit.
  const temporal = (score: number): number =>
    roundUp(score * w(E, value("E"), "E") * w(RL, value("RL"), "RL") * w(RC, value("RC"), "RC"));
  const scores: V3Scores = { baseScore };
  if (TEMPORAL.some((key) => value(key) !== "X")) scores.temporalScore = temporal(baseScore);
  if (!ENVIRONMENTAL.some((key) => value(key) !== "X")) return scores;

  const modifiedChanged = modified("S") === "C";
  const requirement = (key: string): number => w(REQUIREMENT_WEIGHT, value(key), key);
  const miss = Math.min(
    1 -
      (1 - w(CIA_WEIGHT, modified("C"), "MC") * requirement("CR")) *
        (1 - w(CIA_WEIGHT, modified("I"), "MI") * requirement("IR")) *
        (1 - w(CIA_WEIGHT, modified("A"), "MA") * requirement("AR")),
    0.915,
  );
  let modifiedImpact = 6.42 * miss;
  if (modifiedChanged) {
    modifiedImpact =
      version === "3.1"
        ? 7.52 * (miss - 0.029) - 3.25 * (miss * 0.9731 - 0.02) ** 13
        : 7.52 * (miss - 0.029) - 3.25 * (miss - 0.02) ** 15;
  }
  const modifiedExploitability =
    8.22 *
    w(AV, modified("AV"), "MAV") *
    w(AC, modified("AC"), "MAC") *
    w(modifiedChanged ? PR_CHANGED : PR_UNCHANGED, modified("PR"), "MPR") *
    w(UI, modified("UI"), "MUI");
  const modifiedSum = modifiedChanged
    ? 1.08 * (modifiedImpact + modifiedExploitability)
    : modifiedImpact + modifiedExploitability;
  scores.environmentalScore = modifiedImpact <= 0 ? 0 : temporal(roundUp(Math.min(modifiedSum, 10)));
  return scores;
}
