/**
 * The CSAF VEX document (`csaf_vex`, CSAF 2.0 section 4.5) of an advisory with not-affected
 * statements: the same vulnerabilities and product status as the security advisory, plus what
 * the VEX profile requires of every vulnerability (an id, notes, an impact statement per
 * not-affected product, an action statement per affected product).
 */
import type { AdvisoryDoc, Model } from "../load/repository.ts";
import { advisoryView } from "../publish/advisory-view.ts";
import { initialRelease } from "../publish/select.ts";
import { advisoryUrls, buildDocument, type CsafOptions } from "./document.ts";
import type { CsafDocument } from "./types.ts";
import { csafDocumentUrl } from "./urls.ts";

/** Tracking id of an advisory's VEX document: `<advisory id>-VEX`. */
export const vexTrackingId = (advisoryId: string): string => `${advisoryId}-VEX`;

export interface VexOptions extends CsafOptions {
  /** URL of the VEX document (default: next to the advisory's CSAF document). */
  vexUrl?: string;
}

/**
 * The VEX document of `adv`, or undefined when no vulnerability has a known-not-affected product
 * version. Its canonical URL is its own; the advisory page and CSAF document are `external`.
 */
export function toCsafVex(
  model: Model,
  adv: AdvisoryDoc,
  options: VexOptions = {},
): CsafDocument | undefined {
  const view = advisoryView(model, adv);
  if (!view.vulnerabilities.some((v) => v.knownNotAffected.length > 0)) return undefined;
  const trackingId = vexTrackingId(adv.data.id);
  const urls = advisoryUrls(model, adv, options);
  const site = model.vendor?.data.site.url ?? "";
  const self = options.vexUrl ?? csafDocumentUrl(site, adv.data.tlp, initialRelease(adv), trackingId);
  return buildDocument(
    model,
    view,
    {
      category: "csaf_vex",
      trackingId,
      title: `${adv.data.title} (VEX)`,
      references: [
        { category: "self", summary: "Canonical URL", url: self },
        { category: "external", summary: `Security advisory ${adv.data.id} (CSAF)`, url: urls.csaf },
        { category: "external", summary: `Security advisory ${adv.data.id} (HTML)`, url: urls.page },
      ],
      vex: true,
    },
    options,
  );
}
