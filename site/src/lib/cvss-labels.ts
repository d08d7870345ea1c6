/**
 * Readable CVSS vectors: metric name → value name, in specification order. Metric names come from
 * the core's metric tables; value names from the FIRST specifications (v3.1 section 2–4, v4.0
 * section 2–4).
 */
import { parseCvss } from "../../../scripts/core/cvss/index.ts";
import type { MetricDef } from "../../../scripts/core/cvss/parse.ts";
import { V3_METRICS } from "../../../scripts/core/cvss/v3.ts";
import { V4_METRICS } from "../../../scripts/core/cvss/v4.ts";

type Names = Readonly<Record<string, string>>;

const NOT_DEFINED = { X: "Not Defined" };
const IMPACT: Names = { ...NOT_DEFINED, H: "High", L: "Low", N: "None" };
const REQUIREMENT: Names = { ...NOT_DEFINED, H: "High", M: "Medium", L: "Low" };
const PRIVILEGES: Names = { ...NOT_DEFINED, N: "None", L: "Low", H: "High" };
const COMPLEXITY: Names = { ...NOT_DEFINED, L: "Low", H: "High" };

const V3_VALUES: Readonly<Record<string, Names>> = {
  AV: { ...NOT_DEFINED, N: "Network", A: "Adjacent Network", L: "Local", P: "Physical" },
  AC: COMPLEXITY,
  PR: PRIVILEGES,
  UI: { ...NOT_DEFINED, N: "None", R: "Required" },
  S: { ...NOT_DEFINED, U: "Unchanged", C: "Changed" },
  C: IMPACT,
  I: IMPACT,
  A: IMPACT,
  E: { ...NOT_DEFINED, H: "High", F: "Functional", P: "Proof-of-Concept", U: "Unproven" },
  RL: { ...NOT_DEFINED, U: "Unavailable", W: "Workaround", T: "Temporary Fix", O: "Official Fix" },
  RC: { ...NOT_DEFINED, C: "Confirmed", R: "Reasonable", U: "Unknown" },
  CR: REQUIREMENT,
  IR: REQUIREMENT,
  AR: REQUIREMENT,
};

const V4_VALUES: Readonly<Record<string, Names>> = {
  AV: { ...NOT_DEFINED, N: "Network", A: "Adjacent", L: "Local", P: "Physical" },
  AC: COMPLEXITY,
  AT: { ...NOT_DEFINED, N: "None", P: "Present" },
  PR: PRIVILEGES,
  UI: { ...NOT_DEFINED, N: "None", P: "Passive", A: "Active" },
  VC: IMPACT,
  VI: IMPACT,
  VA: IMPACT,
  SC: IMPACT,
  SI: IMPACT,
  SA: IMPACT,
  E: { ...NOT_DEFINED, A: "Attacked", P: "POC", U: "Unreported" },
  CR: REQUIREMENT,
  IR: REQUIREMENT,
  AR: REQUIREMENT,
  MSI: { ...IMPACT, S: "Safety" },
  MSA: { ...IMPACT, S: "Safety" },
  S: { ...NOT_DEFINED, N: "Negligible", P: "Present" },
  AU: { ...NOT_DEFINED, N: "No", Y: "Yes" },
  R: { ...NOT_DEFINED, A: "Automatic", U: "User", I: "Irrecoverable" },
  V: { ...NOT_DEFINED, D: "Diffuse", C: "Concentrated" },
  RE: { ...NOT_DEFINED, L: "Low", M: "Moderate", H: "High" },
  U: { ...NOT_DEFINED, Clear: "Clear", Green: "Green", Amber: "Amber", Red: "Red" },
};

/** Value names of a metric: its own table, else that of the base metric it modifies (`MAV` → `AV`). */
function valueNames(table: Readonly<Record<string, Names>>, key: string): Names | undefined {
  return table[key] ?? (key.startsWith("M") ? table[key.slice(1)] : undefined);
}

/** The value name of `code` for metric `key` of CVSS v3.x ("3") or v4.0 ("4"), if the tables know it. */
export function metricValueName(version: "3" | "4", key: string, code: string): string | undefined {
  return valueNames(version === "4" ? V4_VALUES : V3_VALUES, key)?.[code];
}

export interface MetricLine {
  /** Abbreviation as in the vector, e.g. `AV`. */
  key: string;
  /** Metric name, e.g. `Attack Vector`. */
  metric: string;
  /** Abbreviated value, e.g. `N`. */
  code: string;
  /** Value name, e.g. `Network` (the abbreviation when unknown). */
  value: string;
}

/** The metrics a vector contains, in specification order, with readable names; [] for an invalid vector. */
export function explainVector(vector: string): MetricLine[] {
  const parsed = parseCvss(vector);
  if (!parsed.ok) return [];
  const { version, metrics } = parsed.value;
  let defs: readonly MetricDef[];
  let table: Readonly<Record<string, Names>>;
  if (version === "4.0") [defs, table] = [V4_METRICS, V4_VALUES];
  else if (version === "3.0" || version === "3.1") [defs, table] = [V3_METRICS, V3_VALUES];
  else return [];
  const lines: MetricLine[] = [];
  for (const def of defs) {
    const code = metrics[def.key];
    if (code === undefined) continue;
    lines.push({ key: def.key, metric: def.name, code, value: valueNames(table, def.key)?.[code] ?? code });
  }
  return lines;
}
