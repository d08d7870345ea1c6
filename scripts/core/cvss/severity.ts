/** Qualitative severity ratings, spelled as the CVSS specifications (and NVD feeds) spell them. */
export type Severity = "NONE" | "LOW" | "MEDIUM" | "HIGH" | "CRITICAL";

/** The CVSS versions this module scores. */
export type CvssVersion = "2.0" | "3.0" | "3.1" | "4.0";

/**
 * Maps a score to its qualitative rating.
 *
 * CVSS v3.0, v3.1 and v4.0 use the specification's scale: 0.0 NONE, 0.1–3.9 LOW, 4.0–6.9 MEDIUM,
 * 7.0–8.9 HIGH, 9.0–10.0 CRITICAL.
 *
 * CVSS v2.0 defines no qualitative scale; like NVD, v2 scores map to 0.0–3.9 LOW, 4.0–6.9 MEDIUM
 * and 7.0–10.0 HIGH (so a v2 score of 0.0 is LOW, and v2 has no NONE or CRITICAL).
 */
export function severityFromScore(version: CvssVersion, score: number): Severity {
  if (!Number.isFinite(score) || score < 0 || score > 10) {
    throw new RangeError(`CVSS score must be between 0.0 and 10.0, got ${score}`);
  }
  if (version === "2.0") return score < 4 ? "LOW" : score < 7 ? "MEDIUM" : "HIGH";
  if (score === 0) return "NONE";
  if (score < 4) return "LOW";
  if (score < 7) return "MEDIUM";
  if (score < 9) return "HIGH";
  return "CRITICAL";
}
