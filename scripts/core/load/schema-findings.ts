/** zod issues → findings with positions, stable codes and "did you mean" for misspelt keys. */
import type { z } from "zod";
import type { Finding } from "../finding.ts";
import { MAX_FINDINGS_PER_FILE, moreFindings } from "./limit.ts";
import { type Positions, toPointer } from "./positions.ts";

/** Levenshtein distance, small inputs only. */
export function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length]!;
}

/** The closest candidate within a distance that still looks like a typo, if any. */
export function didYouMean(word: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(word.length / 3)) + 1;
  for (const c of candidates) {
    const d = editDistance(word.toLowerCase(), c.toLowerCase());
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best;
}

interface ZodInternals {
  _zod: {
    def: {
      type: string;
      shape?: Record<string, unknown>;
      innerType?: unknown;
      element?: unknown;
      in?: unknown;
      checks?: { _zod: { def: { pattern?: RegExp; params?: { code?: string } } } }[];
    };
  };
}

/** The schema node that validates the value at `path` (walking optional/default/array wrappers). */
function schemaAt(schema: unknown, path: readonly PropertyKey[]): ZodInternals | undefined {
  let node = schema as ZodInternals | undefined;
  const unwrap = () => {
    while (node) {
      const def = node._zod.def;
      if (
        (def.type === "optional" ||
          def.type === "default" ||
          def.type === "nullable" ||
          def.type === "prefault") &&
        def.innerType
      ) {
        node = def.innerType as ZodInternals;
      } else if (def.type === "pipe" && def.in) {
        node = def.in as ZodInternals;
      } else break;
    }
  };
  unwrap();
  for (const seg of path) {
    if (!node) return undefined;
    const def = node._zod.def;
    if (def.type === "object" && def.shape) node = def.shape[String(seg)] as ZodInternals | undefined;
    else if (def.type === "array") node = def.element as ZodInternals;
    else return undefined;
    unwrap();
  }
  return node;
}

/** Keys an object schema accepts at `path`, for "did you mean" suggestions. */
export function keysAt(schema: unknown, path: readonly PropertyKey[]): string[] {
  const def = schemaAt(schema, path)?._zod.def;
  return def?.type === "object" && def.shape ? Object.keys(def.shape) : [];
}

/** zod drops `params` from regex issues: find the finding code on the failing check itself. */
function patternCode(
  schema: unknown,
  path: readonly PropertyKey[],
  pattern: string | undefined,
): string | undefined {
  if (!pattern) return undefined;
  const checks = schemaAt(schema, path)?._zod.def.checks ?? [];
  return checks.find((c) => String(c._zod.def.pattern) === pattern)?._zod.def.params?.code;
}

function describeReceived(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a mapping";
  if (typeof value === "string") return `"${value.length > 40 ? `${value.slice(0, 40)}…` : value}"`;
  return String(value);
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let v = root;
  for (const seg of path) {
    if (v === null || typeof v !== "object") return undefined;
    v = (v as Record<string, unknown>)[String(seg)];
  }
  return v;
}

/**
 * Converts zod issues for `value` (parsed from `file`) into findings: the first
 * MAX_FINDINGS_PER_FILE, then one that counts the rest (a file with 90,000 unknown keys gets 101).
 */
export function schemaFindings(
  file: string,
  schema: z.ZodType,
  issues: readonly z.core.$ZodIssue[],
  value: unknown,
  positions: Positions,
): Finding[] {
  const findings: Finding[] = [];
  let omitted = 0;
  // One finding more than listed is built: it becomes the "and N more" finding.
  const full = () => findings.length > MAX_FINDINGS_PER_FILE;
  for (const issue of issues) {
    const pointer = toPointer(issue.path);
    if (issue.code === "unrecognized_keys") {
      const known = keysAt(schema, issue.path);
      for (const key of issue.keys) {
        if (full()) {
          omitted++;
          continue;
        }
        const keyPointer = `${pointer}/${key.replace(/~/g, "~0").replace(/\//g, "~1")}`;
        const pos = positions.keyAt(keyPointer);
        const suggestion = didYouMean(key, known);
        findings.push({
          code: "PSIRT-E011",
          severity: "error",
          file,
          pointer: keyPointer,
          line: pos.line,
          column: pos.column,
          message: `unknown field "${key}"${suggestion ? `: did you mean "${suggestion}"?` : ""}`,
          hint: known.length > 0 ? `allowed fields here: ${known.join(", ")}` : "remove this field",
        });
      }
      continue;
    }
    if (full()) {
      omitted++;
      continue;
    }
    const params = (issue as { params?: { code?: string } }).params;
    const code =
      params?.code ??
      patternCode(schema, issue.path, (issue as { pattern?: string }).pattern) ??
      "PSIRT-E010";
    const received = valueAt(value, issue.path);
    const missing = received === undefined && issue.code === "invalid_type";
    const pos = missing ? positions.keyAt(pointer) : positions.at(pointer);
    const field = issue.path.length > 0 ? String(issue.path[issue.path.length - 1]) : "document";
    let message: string;
    let hint: string;
    if (missing) {
      message = `missing required field "${field}"`;
      hint = `add "${field}" (${issue.message.replace(/^Invalid input: /, "")})`;
    } else if (issue.code === "invalid_type") {
      message = `"${field}" has the wrong type: ${issue.message.replace(/^Invalid input: /, "")}`;
      hint = "change the value to the expected type";
    } else if (issue.code === "invalid_value") {
      const options = (issue as { values?: unknown[] }).values ?? [];
      const suggestion = typeof received === "string" ? didYouMean(received, options.map(String)) : undefined;
      message = `"${field}" is ${describeReceived(received)}: expected one of ${options.map((o) => JSON.stringify(o)).join(", ")}${suggestion ? `; did you mean "${suggestion}"?` : ""}`;
      hint = "use one of the allowed values";
    } else {
      message = `"${field}" is ${describeReceived(received)}: ${issue.message}`;
      hint = "see the schema description of this field (schemas/json/, or hover in your editor)";
    }
    findings.push({
      code,
      severity: "error",
      file,
      pointer,
      line: pos.line,
      column: pos.column,
      message,
      hint,
    });
  }
  if (full()) findings.push(moreFindings(findings.pop()!, omitted + 1, "schema findings"));
  return findings;
}
