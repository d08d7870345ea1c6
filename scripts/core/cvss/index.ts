/**
 * CVSS vectors: strict parsing and exact scoring of v2.0, v3.0, v3.1 and v4.0 (docs/cvss.md).
 * Pure: strings in, data out.
 */
import type { MetricValues, ParseOutcome } from "./parse.ts";
import { type CvssVersion, type Severity, severityFromScore } from "./severity.ts";
import { parseV2, scoreV2 } from "./v2.ts";
import { parseV3, scoreV3 } from "./v3.ts";
import { type Nomenclature, parseV4, scoreV4 } from "./v4.ts";

export type { MetricValues, ParseOutcome } from "./parse.ts";
export { type CvssVersion, type Severity, severityFromScore } from "./severity.ts";
export type { Nomenclature } from "./v4.ts";

/** A syntactically and semantically valid vector, split into its version and metric values. */
export interface ParsedVector {
  version: CvssVersion;
  /** The metrics the vector contains (abbreviated name → abbreviated value), nothing defaulted. */
  metrics: MetricValues;
}

/** Scores of one vector. Temporal/environmental scores appear only for v2/v3 vectors that define such metrics. */
export interface CvssResult {
  /** The vector as given. */
  vector: string;
  version: CvssVersion;
  /** v2/v3: the Base score. v4.0: the score of all metrics given (CVSS-B, -BT, -BE or -BTE). */
  baseScore: number;
  baseSeverity: Severity;
  temporalScore?: number;
  temporalSeverity?: Severity;
  environmentalScore?: number;
  environmentalSeverity?: Severity;
  /** v4.0 only: which metric groups `baseScore` reflects. */
  nomenclature?: Nomenclature;
}

const PREFIXES: Readonly<Record<string, CvssVersion>> = {
  "CVSS:3.0/": "3.0",
  "CVSS:3.1/": "3.1",
  "CVSS:4.0/": "4.0",
};

/** Metrics that exist in v3.x or v4.0 but not in v2.0: an unprefixed vector using them lacks its prefix. */
const V3_V4_ONLY = /(^|\/)(AT|PR|UI|S|VC|VI|VA|SC|SI|SA):/;

/**
 * The CVSS version a vector claims: from its `CVSS:3.0/`, `CVSS:3.1/` or `CVSS:4.0/` prefix, or
 * "2.0" for an unprefixed vector that has the v2-only `Au:` metric, or starts with `AV:` and has
 * none of the v3/v4-only metrics. Undefined when the vector claims no supported version.
 */
export function parseVersionOf(vector: string): CvssVersion | undefined {
  for (const [prefix, version] of Object.entries(PREFIXES)) if (vector.startsWith(prefix)) return version;
  if (/^cvss/i.test(vector) || vector.startsWith("(")) return undefined;
  if (/(^|\/)Au:/.test(vector)) return "2.0";
  return vector.startsWith("AV:") && !V3_V4_ONLY.test(vector) ? "2.0" : undefined;
}

function versionError(vector: string): string {
  if (vector === "") return "empty vector";
  if (/^cvss:/i.test(vector) && !vector.startsWith("CVSS:")) {
    return 'the "CVSS:" prefix is case-sensitive and must be upper case';
  }
  const prefix = /^CVSS:([^/]*)/.exec(vector);
  if (prefix && `CVSS:${prefix[1]}/` in PREFIXES) return `no metrics after the "CVSS:${prefix[1]}" prefix`;
  if (prefix) {
    return `unsupported version prefix "CVSS:${prefix[1]}/": expected CVSS:3.0/, CVSS:3.1/ or CVSS:4.0/ (CVSS v2.0 vectors have no prefix)`;
  }
  if (/^CVSS2?#/i.test(vector) || vector.startsWith("(")) {
    return 'CVSS v2.0 vectors are written bare, e.g. "AV:N/AC:L/Au:N/C:P/I:P/A:P" (no prefix, no parentheses)';
  }
  if (/(^|\/)(AT|VC|VI|VA|SC|SI|SA):/.test(vector)) return 'missing "CVSS:4.0/" prefix';
  if (V3_V4_ONLY.test(vector)) return 'missing "CVSS:3.1/" (or "CVSS:3.0/") prefix';
  return 'not a CVSS vector: expected a "CVSS:3.0/", "CVSS:3.1/" or "CVSS:4.0/" prefix, or a bare CVSS v2.0 vector';
}

/** Parses a CVSS vector strictly (docs/cvss.md lists the rules); errors name the offending metric. */
export function parseCvss(vector: string): ParseOutcome<ParsedVector> {
  if (vector.trim() !== vector) return { ok: false, error: "vector has leading or trailing whitespace" };
  const version = parseVersionOf(vector);
  if (version === undefined) return { ok: false, error: versionError(vector) };
  const parsed =
    version === "2.0"
      ? parseV2(vector)
      : version === "4.0"
        ? parseV4(vector.slice("CVSS:4.0/".length))
        : parseV3(vector.slice("CVSS:3.x/".length), version);
  return parsed.ok ? { ok: true, value: { version, metrics: parsed.value } } : parsed;
}

/** Scores a parsed vector. */
export function scoreParsed(vector: string, parsed: ParsedVector): CvssResult {
  const { version, metrics } = parsed;
  if (version === "4.0") {
    const { score, nomenclature } = scoreV4(metrics);
    return {
      vector,
      version,
      baseScore: score,
      baseSeverity: severityFromScore(version, score),
      nomenclature,
    };
  }
  const scores = version === "2.0" ? scoreV2(metrics) : scoreV3(metrics, version);
  const result: CvssResult = {
    vector,
    version,
    baseScore: scores.baseScore,
    baseSeverity: severityFromScore(version, scores.baseScore),
  };
  if (scores.temporalScore !== undefined) {
    result.temporalScore = scores.temporalScore;
    result.temporalSeverity = severityFromScore(version, scores.temporalScore);
  }
  if (scores.environmentalScore !== undefined) {
    result.environmentalScore = scores.environmentalScore;
    result.environmentalSeverity = severityFromScore(version, scores.environmentalScore);
  }
  return result;
}

/** Parses and scores a CVSS vector of any supported version, or says why it is invalid. */
export function scoreCvss(vector: string): CvssResult | { error: string } {
  const parsed = parseCvss(vector);
  return parsed.ok ? scoreParsed(vector, parsed.value) : { error: parsed.error };
}
