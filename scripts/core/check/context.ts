/**
 * What a `check` rule sees: the repository on the base commit and in the head (the pull request),
 * each as the loader's model plus the raw bytes of every file, and the date the check runs.
 */
import type { Finding, Severity } from "../finding.ts";
import type { AdvisoryDoc, IncidentDoc, Model } from "../load/repository.ts";
import { type Publication, publication } from "../publish/select.ts";

export interface Snapshot {
  model: Model;
  /** Every content file by repository path (byte comparison: "was this file changed?"). */
  files: ReadonlyMap<string, Uint8Array>;
}

export interface CheckContext {
  base: Snapshot;
  head: Snapshot;
  /** Both sides are judged at this one date, so time alone never makes a difference. */
  now: Date;
}

/** A rule over the change from base to head; one rule per file, like scripts/core/rules/. */
export interface ChangeRule {
  codes: readonly string[];
  severity: Severity;
  summary: string;
  check(ctx: CheckContext): Finding[];
}

/** One advisory id on both sides (either side may be missing). */
export interface AdvisoryPair {
  id: string;
  base?: AdvisoryDoc;
  head?: AdvisoryDoc;
  basePublication?: Publication;
  headPublication?: Publication;
  /** True when the file bytes differ (or the advisory exists on one side only). */
  changed: boolean;
}

export function sameBytes(a: Uint8Array | undefined, b: Uint8Array | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return a.length === b.length && Buffer.compare(a, b) === 0;
}

const byId = <T extends { data: { id: string } }>(docs: readonly T[]): Map<string, T> =>
  new Map(docs.map((d) => [d.data.id, d]));

/** One incident id on both sides. */
export interface IncidentPair {
  id: string;
  base?: IncidentDoc;
  head?: IncidentDoc;
  changed: boolean;
}

/** The documents of base and head paired by id, sorted, with whether the file bytes changed. */
function pairDocs<T extends { file: string; data: { id: string } }>(
  ctx: CheckContext,
  docsOf: (model: Model) => readonly T[],
): { id: string; base?: T; head?: T; changed: boolean }[] {
  const base = byId(docsOf(ctx.base.model));
  const head = byId(docsOf(ctx.head.model));
  const ids = [...new Set([...base.keys(), ...head.keys()])].sort();
  return ids.map((id) => {
    const b = base.get(id);
    const h = head.get(id);
    const changed = !b || !h || !sameBytes(ctx.base.files.get(b.file), ctx.head.files.get(h.file));
    return { id, base: b, head: h, changed };
  });
}

/** Memoizes `compute` per context: every rule and the plan ask for the same pairs. */
function perContext<T>(compute: (ctx: CheckContext) => T): (ctx: CheckContext) => T {
  const cache = new WeakMap<CheckContext, T>();
  return (ctx) => {
    if (!cache.has(ctx)) cache.set(ctx, compute(ctx));
    return cache.get(ctx)!;
  };
}

/** Every advisory id of base and head, sorted, with its publication state on each side at `now`. */
export const advisoryPairs = perContext((ctx): AdvisoryPair[] =>
  pairDocs(ctx, (m) => m.advisories).map((p) => ({
    ...p,
    basePublication: p.base && publication(p.base, ctx.base.model.vendor?.data, ctx.now),
    headPublication: p.head && publication(p.head, ctx.head.model.vendor?.data, ctx.now),
  })),
);

/** Every incident id of base and head, sorted. */
export const incidentPairs = perContext((ctx): IncidentPair[] => pairDocs(ctx, (m) => m.incidents));

/** A finding on a file that no longer exists in the head (a deletion): first line of the base file. */
export function fileLevelFinding(file: string, code: string, message: string, hint: string): Finding {
  return {
    code,
    severity: code.includes("-W") ? "warning" : "error",
    file,
    pointer: "",
    line: 1,
    column: 1,
    message,
    hint,
  };
}
