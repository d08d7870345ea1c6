/** Where the site publishes an advisory and its CSAF documents (the provider tree layout). */
import { csafFileName } from "./filename.ts";

/** `base` with exactly one trailing slash, so that relative paths resolve below it. */
function baseOf(siteUrl: string): string {
  return siteUrl.endsWith("/") ? siteUrl : `${siteUrl}/`;
}

/** The advisory's page: `<site>/advisories/<ID>/`. */
export function advisoryPageUrl(siteUrl: string, advisoryId: string): string {
  return new URL(`advisories/${encodeURIComponent(advisoryId)}/`, baseOf(siteUrl)).href;
}

/**
 * A CSAF document in the provider tree (CSAF 2.0 section 7.1.11):
 * `<site>/.well-known/csaf/<tlp>/<year of initial release>/<file name>`.
 */
export function csafDocumentUrl(
  siteUrl: string,
  tlp: string,
  initialReleaseDate: string,
  trackingId: string,
): string {
  const year = initialReleaseDate.slice(0, 4);
  return new URL(`.well-known/csaf/${tlp.toLowerCase()}/${year}/${csafFileName(trackingId)}`, baseOf(siteUrl))
    .href;
}
