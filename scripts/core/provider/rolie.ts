/** ROLIE feed and service documents (CSAF 2.0 requirements 15 and 16, RFC 8322 in JSON). */
import { feedPath, type TlpLabel, tlpDir, urlOf } from "./layout.ts";

export const CSAF_SCHEMA_URL = "https://docs.oasis-open.org/csaf/csaf/v2.0/csaf_json_schema.json";
const INFORMATION_TYPE = { scheme: "urn:ietf:params:rolie:category:information-type", term: "csaf" };

/** One CSAF document in a feed. */
export interface RolieEntryInput {
  /** `/document/tracking/id`. */
  id: string;
  title: string;
  /** Path relative to the TLP folder: `2026/nls-sa-2026-0001.json`. */
  path: string;
  currentReleaseDate: string;
  initialReleaseDate: string;
  summary: string;
}

export interface RolieFeedInput {
  tlp: TlpLabel;
  /** Site base URL. */
  baseUrl: string;
  /** Vendor name for the feed title and id; default "Vendor". */
  vendorName?: string;
  entries: readonly RolieEntryInput[];
  /** Feed `updated`: a date from the data. */
  updated: Date;
}

/** `northlight-systems`: lowercase ASCII letters, digits and single hyphens. */
export function slug(text: string): string {
  return (
    text
      .normalize("NFKD")
      .replace(/\p{M}+/gu, "")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "") || "vendor"
  );
}

/** Title of the feed of one TLP label, also used by the service document. */
export function feedTitle(vendorName: string, tlp: TlpLabel): string {
  return `${vendorName} CSAF feed (TLP:${tlp})`;
}

/**
 * The ROLIE feed of one TLP label: every document with its self, hash (.sha256, .sha512) and
 * signature (.asc) links. Entries sorted by `updated`, latest first, then by id.
 */
export function rolieFeed(input: RolieFeedInput) {
  const folder = urlOf(input.baseUrl, tlpDir(input.tlp));
  const vendorName = input.vendorName ?? "Vendor";
  const entries = [...input.entries].sort(
    (a, b) =>
      Date.parse(b.currentReleaseDate) - Date.parse(a.currentReleaseDate) ||
      (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
  return {
    feed: {
      id: `${slug(vendorName)}-csaf-feed-tlp-${input.tlp.toLowerCase()}`,
      title: feedTitle(vendorName, input.tlp),
      link: [{ rel: "self", href: urlOf(input.baseUrl, feedPath(input.tlp)) }],
      category: [INFORMATION_TYPE],
      updated: input.updated.toISOString(),
      entry: entries.map((e) => {
        const href = `${folder}/${e.path}`;
        return {
          id: e.id,
          title: e.title,
          link: [
            { rel: "self", href },
            { rel: "hash", href: `${href}.sha256` },
            { rel: "hash", href: `${href}.sha512` },
            { rel: "signature", href: `${href}.asc` },
          ],
          published: e.initialReleaseDate,
          updated: e.currentReleaseDate,
          summary: { content: e.summary },
          content: { type: "application/json", src: href },
          format: { schema: CSAF_SCHEMA_URL, version: "2.0" },
        };
      }),
    },
  };
}

export type RolieFeed = ReturnType<typeof rolieFeed>;

/** The ROLIE service document listing the feeds (requirement 16, optional). */
export function rolieService(input: { baseUrl: string; vendorName: string; tlps: readonly TlpLabel[] }) {
  return {
    service: {
      workspace: [
        {
          title: `${input.vendorName} public CSAF feeds`,
          collection: input.tlps.map((tlp) => ({
            title: feedTitle(input.vendorName, tlp),
            href: urlOf(input.baseUrl, feedPath(tlp)),
            categories: { category: [INFORMATION_TYPE] },
          })),
        },
      ],
    },
  };
}
