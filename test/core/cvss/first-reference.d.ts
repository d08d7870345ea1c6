// Types for FIRST's reference CVSS calculators as bundled (untyped) in @secvisogram/csaf-validator-lib,
// used only as test oracles. Only the members the tests read are declared.

declare module "@secvisogram/csaf-validator-lib/lib/shared/first/cvss40.js" {
  /** FIRST / Red Hat CVSS v4.0 reference calculator; throws on an invalid vector. */
  export class CVSS40 {
    constructor(vector: string);
    /** Score of all metrics given, one decimal. */
    readonly score: number;
    /** "None" | "Low" | "Medium" | "High" | "Critical". */
    readonly severity: string;
    readonly vector: { readonly nomenclature: string };
  }
}

declare module "@secvisogram/csaf-validator-lib/lib/shared/first/cvsscalc31.js" {
  /** Result of FIRST's v3.x calculator: scores as strings with one decimal, severities as "None"…"Critical". */
  interface Result {
    success: boolean;
    errorType?: string;
    baseMetricScore: string;
    baseSeverity: string;
    temporalMetricScore: string;
    temporalSeverity: string;
    environmentalMetricScore: string;
    environmentalSeverity: string;
  }
  const calculator: { calculateCVSSFromVector(vector: string): Result };
  export default calculator;
}

declare module "@secvisogram/csaf-validator-lib/lib/shared/first/cvsscalc30.js" {
  /** Result of FIRST's v3.x calculator: scores as strings with one decimal, severities as "None"…"Critical". */
  interface Result {
    success: boolean;
    errorType?: string;
    baseMetricScore: string;
    baseSeverity: string;
    temporalMetricScore: string;
    temporalSeverity: string;
    environmentalMetricScore: string;
    environmentalSeverity: string;
  }
  const calculator: { calculateCVSSFromVector(vector: string): Result };
  export default calculator;
}
