/**
 * Where each file of the CSAF provider tree lives, relative to the site root (`dist/`), and
 * its public URL. One place for the layout, shared by the tree builder and `verify`.
 */
import { csafFileName } from "../csaf/filename.ts";

export { csafFileName };

/** CSAF 2.0 TLP labels (`/document/distribution/tlp/label`). */
export type TlpLabel = "WHITE" | "GREEN" | "AMBER" | "RED";
/** The labels a public provider tree may carry (requirement 4/5: AMBER and RED never). */
export const PUBLIC_TLPS: readonly TlpLabel[] = ["WHITE", "GREEN"];

/** Folder of the provider tree (requirement 9: the well-known URL). */
export const CSAF_DIR = ".well-known/csaf";
export const PROVIDER_METADATA_PATH = `${CSAF_DIR}/provider-metadata.json`;
export const ROLIE_SERVICE_PATH = `${CSAF_DIR}/service.json`;
export const SECURITY_TXT_PATH = ".well-known/security.txt";
/** The public key at a stable, key-independent URL (policy page, security.txt Encryption). */
export const PUBLIC_KEY_PATH = "pgp-key.asc";
/** The same key next to security.txt. */
export const WELL_KNOWN_PUBLIC_KEY_PATH = ".well-known/pgp-key.asc";

/** Site base URL without trailing slash: `https://psirt.example.com`. */
export function siteBase(canonicalUrl: string): string {
  return canonicalUrl.replace(/\/+$/, "");
}

/** Absolute URL of a tree path. */
export function urlOf(base: string, path: string): string {
  return `${siteBase(base)}/${path}`;
}

/** `white`, `green`: the folder of one TLP label. */
export function tlpFolder(tlp: TlpLabel): string {
  return tlp.toLowerCase();
}

/** Folder holding the year folders, `index.txt` and `changes.csv` of one TLP label. */
export function tlpDir(tlp: TlpLabel): string {
  return `${CSAF_DIR}/${tlpFolder(tlp)}`;
}

/** The ROLIE feed of one TLP label, named as in the specification's examples. */
export function feedPath(tlp: TlpLabel): string {
  return `${CSAF_DIR}/feed-tlp-${tlpFolder(tlp)}.json`;
}

/** Public key under its fingerprint, next to provider-metadata.json (requirement 20). */
export function fingerprintKeyPath(fingerprint: string): string {
  return `${CSAF_DIR}/openpgp/${fingerprint.toUpperCase()}.asc`;
}

/** `2022/bsi-2022-0001.json`: the path inside a TLP folder (requirement 11: year folders). */
export function relativeDocumentPath(year: number | string, trackingId: string): string {
  return `${year}/${csafFileName(trackingId)}`;
}

/** Year of a CSAF date-time (requirement 11 uses `initial_release_date`'s year as written). */
export function yearOf(dateTime: string): string {
  const match = /^(\d{4})-/.exec(dateTime);
  if (!match?.[1]) throw new Error(`not a CSAF date-time: "${dateTime}"`);
  return match[1];
}
