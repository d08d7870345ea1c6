/**
 * The publication rule, in one place: an advisory is public when its status is interim or final,
 * its TLP is one the vendor publishes (WHITE, optionally GREEN; never AMBER or RED), and its embargo
 * date has passed. `build`, `check` and the site all ask this function.
 */
import { dateMs } from "../../../schemas/common.ts";
import type { Vendor } from "../../../schemas/vendor.ts";
import type { AdvisoryDoc, Model } from "../load/repository.ts";

export type Publication =
  | { published: true }
  | { published: false; reason: "draft" | "tlp" | "embargo"; detail: string };

export function publication(adv: AdvisoryDoc, vendor: Vendor | undefined, now: Date): Publication {
  const d = adv.data;
  if (d.status === "draft") return { published: false, reason: "draft", detail: "status is draft" };
  const allowed: readonly string[] = vendor?.site.publish_tlp ?? ["WHITE"];
  if (!allowed.includes(d.tlp) || d.tlp === "AMBER" || d.tlp === "RED") {
    return {
      published: false,
      reason: "tlp",
      detail: `TLP:${d.tlp} is not published (published: ${allowed.join(", ")})`,
    };
  }
  if (d.embargo_until && dateMs(d.embargo_until) > now.getTime()) {
    return { published: false, reason: "embargo", detail: `under embargo until ${d.embargo_until}` };
  }
  return { published: true };
}

/** Initial release date (first revision). */
export const initialRelease = (adv: AdvisoryDoc): string => adv.data.revisions[0]!.date;
/** Current release date and version (last revision). */
export const currentRevision = (adv: AdvisoryDoc) => adv.data.revisions[adv.data.revisions.length - 1]!;

/** Published advisories, newest first (current release date, then id). */
export function publishedAdvisories(model: Model, now: Date): AdvisoryDoc[] {
  return model.advisories
    .filter((a) => publication(a, model.vendor?.data, now).published)
    .sort(
      (a, b) =>
        dateMs(currentRevision(b).date) - dateMs(currentRevision(a).date) || (a.data.id < b.data.id ? 1 : -1),
    );
}

/**
 * The build's data date: the commit date, moved forward to the latest embargo that has lifted since
 * (per the clock). So a scheduled rebuild publishes an advisory once its embargo passes, and any
 * later build of the same commit gives the same bytes until the next embargo lifts.
 */
export function dataDate(model: Model, commitDate: Date, clock: Date): { date: Date; embargo?: string } {
  let date = commitDate;
  let embargo: string | undefined;
  for (const adv of model.advisories) {
    const until = adv.data.embargo_until;
    if (!until) continue;
    const t = dateMs(until);
    if (t <= clock.getTime() && t > date.getTime()) {
      date = new Date(t);
      embargo = `${adv.data.id} embargo until ${until}`;
    }
  }
  return embargo ? { date, embargo } : { date };
}
