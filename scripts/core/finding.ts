/** Severity of a finding: errors fail `validate`/`check`, warnings never do. */
export type Severity = "error" | "warning";

/**
 * The one shape every check reports, whatever produced it (schema, cross-reference, CVSS, SBOM,
 * feed reader). Line and column are 1-based and come from the parser's positions; when nothing
 * better is known they point at the start of the file.
 */
export interface Finding {
  /** Stable code, e.g. `PSIRT-E031`; documented in scripts/docs/rules.md. */
  code: string;
  severity: Severity;
  /** Repository-relative path with forward slashes. */
  file: string;
  /** JSON pointer into the parsed document (`/vulnerabilities/0/cvss/v3`), or "" for the whole file. */
  pointer: string;
  line: number;
  column: number;
  /** What is wrong, what was expected, what was found. */
  message: string;
  /** How to fix it. */
  hint?: string;
}

/** Sorts findings by file, then line, column and code, so output is deterministic. */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) =>
      (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
      a.line - b.line ||
      a.column - b.column ||
      (a.code < b.code ? -1 : a.code > b.code ? 1 : 0),
  );
}

export const hasErrors = (findings: readonly Finding[]): boolean =>
  findings.some((f) => f.severity === "error");
