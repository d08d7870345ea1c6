/**
 * The publication plan of a change: what merging it would do to the public site, feeds and CSAF
 * provider tree. Pure: derived from the same publication rule the build uses, at the same `now`.
 */
import type { AdvisoryDoc } from "../load/repository.ts";
import { currentRevision } from "../publish/select.ts";
import { type AdvisoryPair, advisoryPairs, type CheckContext } from "./context.ts";

export type PlanAction =
  /** not public on the base, public in the head */
  | "publish"
  /** public on both sides, file changed, with new revisions */
  | "update"
  /** public on both sides, file changed, no new revision (PSIRT-E101) */
  | "change"
  /** public on the base, gone or unpublished in the head (PSIRT-E102/E103/E105) */
  | "remove"
  /** added or changed, and not public in the head */
  | "unpublished";

export interface PlanEntry {
  id: string;
  action: PlanAction;
  /** Current revision in the head (base for "remove"). */
  revision: string;
  /** For "unpublished": why (draft, TLP, embargo until …). */
  reason?: string;
  /** CSAF documents this entry adds, replaces or removes: the advisory, plus its VEX document. */
  csafDocuments: number;
  /** True when the advisory has not-affected statements (a CSAF VEX document). */
  vex: boolean;
}

export interface PublicationPlan {
  entries: PlanEntry[];
  /** True when the RSS/Atom/JSON feeds and the ROLIE feed change. */
  feeds: boolean;
  csafDocuments: number;
  /** One line: "publishes X (revision 1.0.0); updates Y to revision 1.2.0; updates feeds; 2 CSAF documents". */
  text: string;
}

const hasVex = (adv: AdvisoryDoc): boolean =>
  adv.data.vulnerabilities.some((v) => v.products.known_not_affected.length > 0);

function entryFor(pair: AdvisoryPair): PlanEntry | undefined {
  const { base, head } = pair;
  const wasPublic = pair.basePublication?.published === true;
  const isPublic = pair.headPublication?.published === true;
  const doc = head ?? base!;
  const vex = hasVex(doc);
  const csaf = 1 + (vex ? 1 : 0);
  const revision = currentRevision(doc).version;
  if (isPublic && !wasPublic) return { id: pair.id, action: "publish", revision, csafDocuments: csaf, vex };
  if (isPublic && wasPublic) {
    if (!pair.changed) return undefined;
    const added = head!.data.revisions.length > base!.data.revisions.length;
    return { id: pair.id, action: added ? "update" : "change", revision, csafDocuments: csaf, vex };
  }
  if (wasPublic) {
    return {
      id: pair.id,
      action: "remove",
      revision: currentRevision(base!).version,
      csafDocuments: 1 + (hasVex(base!) ? 1 : 0),
      vex: hasVex(base!),
    };
  }
  if (!head || !pair.changed) return undefined;
  const held = pair.headPublication;
  const reason =
    held && !held.published
      ? held.reason === "tlp"
        ? `TLP:${head.data.tlp}`
        : held.detail.replace(/^status is /, "")
      : "";
  return { id: pair.id, action: "unpublished", revision, reason, csafDocuments: 0, vex };
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

export function planText(entries: readonly PlanEntry[]): string {
  const of = (action: PlanAction) => entries.filter((e) => e.action === action);
  const parts: string[] = [];
  for (const e of of("publish")) parts.push(`publishes ${e.id} (revision ${e.revision})`);
  for (const e of of("update")) parts.push(`updates ${e.id} to revision ${e.revision}`);
  for (const e of of("change")) parts.push(`changes ${e.id} without a new revision (still ${e.revision})`);
  for (const e of of("remove")) parts.push(`removes ${e.id} from publication`);
  const csaf = entries.reduce((n, e) => n + e.csafDocuments, 0);
  if (parts.length === 0) parts.push("publishes nothing");
  else parts.push("updates feeds", plural(csaf, "CSAF document"));
  for (const e of of("unpublished")) parts.push(`keeps ${e.id} unpublished (${e.reason})`);
  return parts.join("; ");
}

/** What merging the change would publish. */
export function publicationPlan(ctx: CheckContext): PublicationPlan {
  const entries = advisoryPairs(ctx).flatMap((p) => entryFor(p) ?? []);
  const csafDocuments = entries.reduce((n, e) => n + e.csafDocuments, 0);
  return {
    entries,
    feeds: entries.some((e) => e.action !== "unpublished"),
    csafDocuments,
    text: planText(entries),
  };
}
