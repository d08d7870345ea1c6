/**
 * The Markdown step summary of `check` (GitHub's `$GITHUB_STEP_SUMMARY`): the publication plan and
 * a findings table. Pure. Text from the files under review is escaped: a summary is rendered HTML.
 */
import type { Finding } from "../finding.ts";
import type { PlanAction, PublicationPlan } from "./plan.ts";

/** Rows shown at most; the step summary has a size limit (1 MiB) and nobody reads more. */
export const MAX_ROWS = 300;

/** Escapes text for a Markdown table cell: no HTML, no pipes, no line breaks, no emphasis. */
export function cell(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/([\\`*_[\]|#~])/g, "\\$1")
    .replace(/\r?\n/g, " ");
}

/** Text for a code span in a table cell (GFM still splits cells on `|` inside code spans). */
export function code(text: string): string {
  return `\`${text.replace(/`/g, "'").replace(/\|/g, "\\|").replace(/\r?\n/g, " ")}\``;
}

const ACTION: Record<PlanAction, string> = {
  publish: "publishes (new)",
  update: "new revision",
  change: "changed without a revision",
  remove: "removed from publication",
  unpublished: "stays unpublished",
};

export interface SummaryInput {
  findings: readonly Finding[];
  plan: PublicationPlan;
  /** The ref given with --base, and the commit compared with. */
  baseRef: string;
  baseCommit: string;
}

export function checkSummaryMarkdown({ findings, plan, baseRef, baseCommit }: SummaryInput): string {
  const errors = findings.filter((f) => f.severity === "error").length;
  const warnings = findings.length - errors;
  const verdict = errors > 0 ? "❌ fails" : "✅ passes";
  const out: string[] = [
    "## PSIRT check",
    "",
    `${verdict}: ${errors} error${errors === 1 ? "" : "s"}, ${warnings} warning${warnings === 1 ? "" : "s"} (compared with ${code(baseRef)} at ${code(baseCommit.slice(0, 12))})`,
    "",
    "### Publication plan",
    "",
    `Merging ${cell(plan.text)}.`,
    "",
  ];
  if (plan.entries.length > 0) {
    out.push("| advisory | change | revision | CSAF documents |", "| --- | --- | --- | --- |");
    for (const e of plan.entries) {
      const what =
        e.action === "unpublished" ? `${ACTION[e.action]} (${cell(e.reason ?? "")})` : ACTION[e.action];
      const csaf = e.csafDocuments === 0 ? "–" : e.vex ? `${e.csafDocuments} (advisory + VEX)` : "1";
      out.push(`| ${cell(e.id)} | ${what} | ${cell(e.revision)} | ${csaf} |`);
    }
    out.push("");
  }
  out.push("### Findings", "");
  if (findings.length === 0) out.push("No findings.", "");
  else {
    out.push("| severity | code | where | message |", "| --- | --- | --- | --- |");
    for (const f of findings.slice(0, MAX_ROWS)) {
      const message = f.hint ? `${cell(f.message)}<br>*hint:* ${cell(f.hint)}` : cell(f.message);
      out.push(
        `| ${f.severity === "error" ? "❌ error" : "⚠️ warning"} | ${f.code} | ${code(`${f.file}:${f.line}`)} | ${message} |`,
      );
    }
    if (findings.length > MAX_ROWS)
      out.push("", `… and ${findings.length - MAX_ROWS} more: run \`npm run psirt -- check\` locally.`);
    out.push("");
  }
  return `${out.join("\n")}\n`;
}
