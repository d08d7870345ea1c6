/** What a rule is, and helpers to report a finding at a document position. */
import type { Finding, Severity } from "../finding.ts";
import type { AdvisoryDoc, Doc, Model } from "../load/repository.ts";

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

/**
 * What an advisory says, as text: its front matter without the `incident:` link (the one place
 * an incident id belongs), then its body.
 */
export function advisoryText(adv: AdvisoryDoc): string {
  const { incident: _link, ...rest } = adv.data;
  return `${JSON.stringify(rest)}\n${adv.body}`;
}

/**
 * A finding about something an advisory says (see advisoryText): on the first body line where
 * `onLine` finds it, else at the top of the file (it is in the front matter).
 */
export function advisoryTextFinding(
  adv: AdvisoryDoc,
  onLine: (line: string) => boolean,
  code: string,
  message: string,
  hint: string,
): Finding {
  const f = findingAt(adv, "", code, message, hint);
  const bodyLine = adv.body.split("\n").findIndex(onLine);
  if (bodyLine >= 0) {
    f.line = adv.bodyLine + bodyLine;
    f.pointer = "/body";
  }
  return f;
}
