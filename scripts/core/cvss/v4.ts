/**
 * CVSS v4.0 (FIRST specification document, sections 7 and 8). Section 7: "A vector string must
 * contain metrics in the order shown in Table 23, every other ordering is invalid", so order is
 * enforced along with the other strictness rules.
 *
 * Scoring is the MacroVector lookup plus severity-distance interpolation of section 8.2, ported
 * from FIRST's reference calculator (cvss40.js). Severity levels are kept in tenths and every sum
 * is taken in the reference's order so the floating-point results, and therefore the rounded
 * scores, are identical to the reference's.
 */
import { type MetricDef, type MetricValues, type ParseOutcome, parseMetricList, weightOf } from "./parse.ts";
import { MACROVECTOR_SCORES } from "./v4-macrovectors.ts";

const IMPACT = ["H", "L", "N"];
const MODIFIED_IMPACT = ["X", "H", "L", "N"];
const MODIFIED_SUBSEQUENT = ["X", "S", "H", "L", "N"];
const REQUIREMENT = ["X", "H", "M", "L"];

/** CVSS v4.0 metrics in the mandatory order of the specification's Table 23. */
export const V4_METRICS: readonly MetricDef[] = [
  { key: "AV", name: "Attack Vector", values: ["N", "A", "L", "P"], mandatory: true },
  { key: "AC", name: "Attack Complexity", values: ["L", "H"], mandatory: true },
  { key: "AT", name: "Attack Requirements", values: ["N", "P"], mandatory: true },
  { key: "PR", name: "Privileges Required", values: ["N", "L", "H"], mandatory: true },
  { key: "UI", name: "User Interaction", values: ["N", "P", "A"], mandatory: true },
  { key: "VC", name: "Vulnerable System Confidentiality Impact", values: IMPACT, mandatory: true },
  { key: "VI", name: "Vulnerable System Integrity Impact", values: IMPACT, mandatory: true },
  { key: "VA", name: "Vulnerable System Availability Impact", values: IMPACT, mandatory: true },
  { key: "SC", name: "Subsequent System Confidentiality Impact", values: IMPACT, mandatory: true },
  { key: "SI", name: "Subsequent System Integrity Impact", values: IMPACT, mandatory: true },
  { key: "SA", name: "Subsequent System Availability Impact", values: IMPACT, mandatory: true },
  { key: "E", name: "Exploit Maturity", values: ["X", "A", "P", "U"], mandatory: false },
  { key: "CR", name: "Confidentiality Requirement", values: REQUIREMENT, mandatory: false },
  { key: "IR", name: "Integrity Requirement", values: REQUIREMENT, mandatory: false },
  { key: "AR", name: "Availability Requirement", values: REQUIREMENT, mandatory: false },
  { key: "MAV", name: "Modified Attack Vector", values: ["X", "N", "A", "L", "P"], mandatory: false },
  { key: "MAC", name: "Modified Attack Complexity", values: ["X", "L", "H"], mandatory: false },
  { key: "MAT", name: "Modified Attack Requirements", values: ["X", "N", "P"], mandatory: false },
  { key: "MPR", name: "Modified Privileges Required", values: ["X", "N", "L", "H"], mandatory: false },
  { key: "MUI", name: "Modified User Interaction", values: ["X", "N", "P", "A"], mandatory: false },
  {
    key: "MVC",
    name: "Modified Vulnerable System Confidentiality",
    values: MODIFIED_IMPACT,
    mandatory: false,
  },
  { key: "MVI", name: "Modified Vulnerable System Integrity", values: MODIFIED_IMPACT, mandatory: false },
  { key: "MVA", name: "Modified Vulnerable System Availability", values: MODIFIED_IMPACT, mandatory: false },
  {
    key: "MSC",
    name: "Modified Subsequent System Confidentiality",
    values: MODIFIED_IMPACT,
    mandatory: false,
  },
  { key: "MSI", name: "Modified Subsequent System Integrity", values: MODIFIED_SUBSEQUENT, mandatory: false },
  {
    key: "MSA",
    name: "Modified Subsequent System Availability",
    values: MODIFIED_SUBSEQUENT,
    mandatory: false,
  },
  { key: "S", name: "Safety", values: ["X", "N", "P"], mandatory: false },
  { key: "AU", name: "Automatable", values: ["X", "N", "Y"], mandatory: false },
  { key: "R", name: "Recovery", values: ["X", "A", "U", "I"], mandatory: false },
  { key: "V", name: "Value Density", values: ["X", "D", "C"], mandatory: false },
  { key: "RE", name: "Vulnerability Response Effort", values: ["X", "L", "M", "H"], mandatory: false },
  { key: "U", name: "Provider Urgency", values: ["X", "Clear", "Green", "Amber", "Red"], mandatory: false },
];

const ENVIRONMENTAL = V4_METRICS.slice(12, 26).map((m) => m.key);

/** Parses the body of a CVSS v4.0 vector (after `CVSS:4.0/`). */
export function parseV4(body: string): ParseOutcome<MetricValues> {
  return parseMetricList(body, {
    label: "CVSS v4.0",
    metrics: V4_METRICS,
    orderRule: "CVSS v4.0 section 7 requires the order of Table 23",
  });
}

/** CVSS v4.0 nomenclature: which metric groups besides Base the score reflects. */
export type Nomenclature = "CVSS-B" | "CVSS-BT" | "CVSS-BE" | "CVSS-BTE";

/** A CVSS v4.0 score of the metrics given, with its nomenclature and MacroVector (EQ1…EQ6). */
export interface V4Score {
  score: number;
  nomenclature: Nomenclature;
  macroVector: string;
}

/** Severity level of each metric value in tenths, as in the reference (`METRIC_LEVELS`). */
const LEVELS: Readonly<Record<string, Readonly<Record<string, number>>>> = {
  AV: { N: 0.0, A: 0.1, L: 0.2, P: 0.3 },
  PR: { N: 0.0, L: 0.1, H: 0.2 },
  UI: { N: 0.0, P: 0.1, A: 0.2 },
  AC: { L: 0.0, H: 0.1 },
  AT: { N: 0.0, P: 0.1 },
  VC: { H: 0.0, L: 0.1, N: 0.2 },
  VI: { H: 0.0, L: 0.1, N: 0.2 },
  VA: { H: 0.0, L: 0.1, N: 0.2 },
  SC: { H: 0.1, L: 0.2, N: 0.3 },
  SI: { S: 0.0, H: 0.1, L: 0.2, N: 0.3 },
  SA: { S: 0.0, H: 0.1, L: 0.2, N: 0.3 },
  CR: { H: 0.0, M: 0.1, L: 0.2 },
  IR: { H: 0.0, M: 0.1, L: 0.2 },
  AR: { H: 0.0, M: 0.1, L: 0.2 },
  E: { U: 0.2, P: 0.1, A: 0 },
};
const LEVEL_KEYS = Object.keys(LEVELS);

type Fragment = Readonly<Record<string, string>>;
const fragments = (...texts: string[]): Fragment[] =>
  texts.map((text) => Object.fromEntries(text.split("/").map((part) => part.split(":"))));

/** Highest-severity vectors of each EQ level (specification Tables 24–30), in reference order. */
const MAX_EQ1 = [
  fragments("AV:N/PR:N/UI:N"),
  fragments("AV:A/PR:N/UI:N", "AV:N/PR:L/UI:N", "AV:N/PR:N/UI:P"),
  fragments("AV:P/PR:N/UI:N", "AV:A/PR:L/UI:P"),
];
const MAX_EQ2 = [fragments("AC:L/AT:N"), fragments("AC:H/AT:N", "AC:L/AT:P")];
const MAX_EQ3_EQ6: Readonly<Record<string, Fragment[]>> = {
  "00": fragments("VC:H/VI:H/VA:H/CR:H/IR:H/AR:H"),
  "01": fragments("VC:H/VI:H/VA:L/CR:M/IR:M/AR:H", "VC:H/VI:H/VA:H/CR:M/IR:M/AR:M"),
  "10": fragments("VC:L/VI:H/VA:H/CR:H/IR:H/AR:H", "VC:H/VI:L/VA:H/CR:H/IR:H/AR:H"),
  "11": fragments(
    "VC:L/VI:H/VA:L/CR:H/IR:M/AR:H",
    "VC:L/VI:H/VA:H/CR:H/IR:M/AR:M",
    "VC:H/VI:L/VA:H/CR:M/IR:H/AR:M",
    "VC:H/VI:L/VA:L/CR:M/IR:H/AR:H",
    "VC:L/VI:L/VA:H/CR:H/IR:H/AR:M",
  ),
  "21": fragments("VC:L/VI:L/VA:L/CR:H/IR:H/AR:H"),
};
const MAX_EQ4 = [fragments("SC:H/SI:S/SA:S"), fragments("SC:H/SI:H/SA:H"), fragments("SC:L/SI:L/SA:L")];
const MAX_EQ5 = [fragments("E:A"), fragments("E:P"), fragments("E:U")];

/** Depth of each MacroVector (maximal severity distance + 1), in steps of 0.1. */
const DEPTH_EQ1 = [1, 4, 5];
const DEPTH_EQ2 = [1, 2];
const DEPTH_EQ3_EQ6: Readonly<Record<string, number>> = { "00": 7, "01": 6, "10": 8, "11": 8, "21": 10 };
const DEPTH_EQ4 = [6, 5, 4];

/** Unset Threat and requirement metrics take their worst case (E:A, CR/IR/AR:H). */
const WORST_CASE: Readonly<Record<string, string>> = { E: "A", CR: "H", IR: "H", AR: "H" };

/** The values scoring uses: Modified metrics override Base ones; X means worst case or Base. */
function effectiveValues(metrics: MetricValues): Record<string, string> {
  const effective: Record<string, string> = {};
  for (const key of [...LEVEL_KEYS, "MSI", "MSA"]) {
    const value = metrics[key] ?? "X";
    const modified = metrics[`M${key}`] ?? "X";
    effective[key] = value === "X" && WORST_CASE[key] ? WORST_CASE[key] : modified !== "X" ? modified : value;
  }
  return effective;
}

/** The MacroVector (EQ1…EQ6 levels) of effective metric values, per Tables 24–29. */
function macroVectorOf(v: Readonly<Record<string, string>>): string {
  const eq1 =
    v.AV === "N" && v.PR === "N" && v.UI === "N"
      ? 0
      : (v.AV === "N" || v.PR === "N" || v.UI === "N") && v.AV !== "P"
        ? 1
        : 2;
  const eq2 = v.AC === "L" && v.AT === "N" ? 0 : 1;
  const eq3 = v.VC === "H" && v.VI === "H" ? 0 : v.VC === "H" || v.VI === "H" || v.VA === "H" ? 1 : 2;
  const eq4 = v.MSI === "S" || v.MSA === "S" ? 0 : v.SC === "H" || v.SI === "H" || v.SA === "H" ? 1 : 2;
  const eq5 = v.E === "A" ? 0 : v.E === "P" ? 1 : 2;
  const eq6 =
    (v.CR === "H" && v.VC === "H") || (v.IR === "H" && v.VI === "H") || (v.AR === "H" && v.VA === "H")
      ? 0
      : 1;
  return `${eq1}${eq2}${eq3}${eq4}${eq5}${eq6}`;
}

const level = (key: string, value: string | undefined): number =>
  weightOf(LEVELS[key] ?? {}, value ?? "", key);

/** Scores parsed CVSS v4.0 metrics: CVSS-B, -BT, -BE or -BTE depending on the metrics given. */
export function scoreV4(metrics: MetricValues): V4Score {
  const defined = (key: string): boolean => (metrics[key] ?? "X") !== "X";
  const nomenclature =
    `CVSS-B${defined("E") ? "T" : ""}${ENVIRONMENTAL.some(defined) ? "E" : ""}` as Nomenclature;
  const v = effectiveValues(metrics);
  const macroVector = macroVectorOf(v);
  if (["VC", "VI", "VA", "SC", "SI", "SA"].every((key) => v[key] === "N")) {
    return { score: 0, nomenclature, macroVector };
  }
  return { score: interpolate(v, macroVector), nomenclature, macroVector };
}

/** Section 8.2: the MacroVector's score minus the mean proportional severity distance. */
function interpolate(v: Readonly<Record<string, string>>, macroVector: string): number {
  const [eq1 = 0, eq2 = 0, eq3 = 0, eq4 = 0, eq5 = 0, eq6 = 0] = [...macroVector].map(Number);
  const value = MACROVECTOR_SCORES[macroVector] ?? Number.NaN;
  const scoreOf = (e1: number, e2: number, e3: number, e4: number, e5: number, e6: number): number =>
    MACROVECTOR_SCORES[`${e1}${e2}${e3}${e4}${e5}${e6}`] ?? Number.NaN;

  // Score of the next lower MacroVector per EQ (NaN when there is none); EQ3 and EQ6 move together.
  const lowerEq1 = scoreOf(eq1 + 1, eq2, eq3, eq4, eq5, eq6);
  const lowerEq2 = scoreOf(eq1, eq2 + 1, eq3, eq4, eq5, eq6);
  let lowerEq3Eq6: number;
  if (eq3 === 0 && eq6 === 0) {
    lowerEq3Eq6 = Math.max(
      scoreOf(eq1, eq2, eq3, eq4, eq5, eq6 + 1),
      scoreOf(eq1, eq2, eq3 + 1, eq4, eq5, eq6),
    );
  } else if (eq3 === 1 && eq6 === 0) {
    lowerEq3Eq6 = scoreOf(eq1, eq2, eq3, eq4, eq5, eq6 + 1);
  } else if (eq6 === 1 && eq3 < 2) {
    lowerEq3Eq6 = scoreOf(eq1, eq2, eq3 + 1, eq4, eq5, eq6);
  } else {
    lowerEq3Eq6 = scoreOf(eq1, eq2, eq3 + 1, eq4, eq5, eq6 + 1);
  }
  const lowerEq4 = scoreOf(eq1, eq2, eq3, eq4 + 1, eq5, eq6);
  const lowerEq5 = scoreOf(eq1, eq2, eq3, eq4, eq5 + 1, eq6);

  const distances = severityDistances(v, [
    MAX_EQ1[eq1] ?? [],
    MAX_EQ2[eq2] ?? [],
    MAX_EQ3_EQ6[`${eq3}${eq6}`] ?? [],
    MAX_EQ4[eq4] ?? [],
    MAX_EQ5[eq5] ?? [],
  ]);
  const d = (key: string): number => distances[key] ?? Number.NaN;
  const current = [
    d("AV") + d("PR") + d("UI"),
    d("AC") + d("AT"),
    d("VC") + d("VI") + d("VA") + d("CR") + d("IR") + d("AR"),
    d("SC") + d("SI") + d("SA"),
    0,
  ];
  const depth = [
    (DEPTH_EQ1[eq1] ?? Number.NaN) * 0.1,
    (DEPTH_EQ2[eq2] ?? Number.NaN) * 0.1,
    (DEPTH_EQ3_EQ6[`${eq3}${eq6}`] ?? Number.NaN) * 0.1,
    (DEPTH_EQ4[eq4] ?? Number.NaN) * 0.1,
    1,
  ];
  const available = [
    value - lowerEq1,
    value - lowerEq2,
    value - lowerEq3Eq6,
    value - lowerEq4,
    value - lowerEq5,
  ];

  let existing = 0;
  let sum = 0;
  available.forEach((distance, i) => {
    if (Number.isNaN(distance)) return;
    existing += 1;
    sum += distance * ((current[i] ?? 0) / (depth[i] ?? 1));
  });
  const mean = existing === 0 ? 0 : sum / existing;
  return roundToTenth(Math.max(0, Math.min(10, value - mean)));
}

/**
 * Severity distances of the vector from the first highest-severity vector of its MacroVector
 * that it does not exceed in any metric (as in the reference, the last candidate if none fits).
 */
function severityDistances(
  v: Readonly<Record<string, string>>,
  maxima: Fragment[][],
): Record<string, number> {
  let distances: Record<string, number> = {};
  for (const a of maxima[0] ?? []) {
    for (const b of maxima[1] ?? []) {
      for (const c of maxima[2] ?? []) {
        for (const e of maxima[3] ?? []) {
          for (const f of maxima[4] ?? []) {
            const max: Fragment = { ...a, ...b, ...c, ...e, ...f };
            distances = {};
            for (const key of LEVEL_KEYS) distances[key] = level(key, v[key]) - level(key, max[key]);
            if (Object.values(distances).every((distance) => distance >= 0)) return distances;
          }
        }
      }
    }
  }
  return distances;
}

/** Round half up to one decimal; the 1e-6 nudge is the reference's guard against float noise. */
const roundToTenth = (value: number): number => Math.round((value + 1e-6) * 10) / 10;
