/** What a rule is, and helpers to report a finding at a document position. */
import type { Finding, Severity } from "../finding.ts";
import type { Doc, Model } from "../load/repository.ts";

export interface RuleContext {
  model: Model;
  /** The validation date: embargo and "future date" checks compare against it. */
  now: Date;
}

export interface Rule {
  /** Stable codes this rule reports. */
  codes: readonly string[];
  severity: Severity;
  /** One line: what the rule checks. */
  summary: string;
  check(ctx: RuleContext): Finding[];
}

/** A finding at `pointer` of `doc` (the value's position; `key: true` for the key's). */
export function findingAt(
  doc: Doc<unknown>,
  pointer: string,
  code: string,
  message: string,
  hint: string,
  options: { severity?: Severity; key?: boolean } = {},
): Finding {
  const pos = options.key ? doc.positions.keyAt(pointer) : doc.positions.at(pointer);
  return {
    code,
    severity: options.severity ?? (code.includes("-W") ? "warning" : "error"),
    file: doc.file,
    pointer,
    line: pos.line,
    column: pos.column,
    message,
    hint,
  };
}
