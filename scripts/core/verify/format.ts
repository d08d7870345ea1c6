/** Reporters for `verify`: plain text (one line per finding) and JSON. */
import type { VerifyReport } from "./context.ts";

/**
 * `FAIL <path>: <what>` per failure, `ERROR` per unreadable location, `WARN` per warning, then
 * a summary line.
 */
export function formatVerifyText(report: VerifyReport): string {
  const lines = [
    ...report.failures.map((p) => `FAIL ${p.path}: ${p.message}`),
    ...report.networkErrors.map((p) => `ERROR ${p.path}: ${p.message}`),
    ...report.warnings.map((p) => `WARN ${p.path}: ${p.message}`),
  ];
  const keys = report.keys.length > 0 ? `key ${report.keys.join(", ")}` : "no trusted key";
  const verdict = report.ok
    ? "OK"
    : [
        report.failures.length > 0
          ? `${report.failures.length} failure${report.failures.length === 1 ? "" : "s"}`
          : "",
        report.networkErrors.length > 0
          ? `${report.networkErrors.length} location${report.networkErrors.length === 1 ? "" : "s"} unreachable`
          : "",
      ]
        .filter(Boolean)
        .join(", ");
  lines.push(
    `verify ${report.source}: ${report.documents} document${report.documents === 1 ? "" : "s"}, ${keys}: ${verdict}`,
  );
  return `${lines.join("\n")}\n`;
}

/** The report as one JSON object. */
export function formatVerifyJson(report: VerifyReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
