/** Reporters for findings: text (path:line:col), JSON, GitHub workflow annotations. */
import type { Finding } from "../core/finding.ts";

export type FindingFormat = "text" | "json" | "github";

export function formatText(findings: readonly Finding[]): string {
  return findings
    .map(
      (f) =>
        `${f.file}:${f.line}:${f.column}: ${f.severity} ${f.code} ${f.message}${f.hint ? `\n    hint: ${f.hint}` : ""}\n`,
    )
    .join("");
}

export function formatJson(findings: readonly Finding[], summary: Record<string, unknown>): string {
  return `${JSON.stringify({ findings, summary }, null, 2)}\n`;
}

/** GitHub annotation properties and data need %, CR, LF (and : , in properties) escaped. */
const escapeData = (s: string) => s.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
const escapeProperty = (s: string) => escapeData(s).replace(/:/g, "%3A").replace(/,/g, "%2C");

export function formatGithub(findings: readonly Finding[]): string {
  return findings
    .map((f) => {
      const kind = f.severity === "error" ? "error" : "warning";
      const props = `file=${escapeProperty(f.file)},line=${f.line},col=${f.column},title=${escapeProperty(f.code)}`;
      return `::${kind} ${props}::${escapeData(`${f.message}${f.hint ? ` (hint: ${f.hint})` : ""}`)}\n`;
    })
    .join("");
}
