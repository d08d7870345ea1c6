/**
 * The whole CSAF 2.0 trusted-provider tree, plus security.txt and the public key, as a map
 * of `dist/`-relative paths to contents. Pure given the key: the same input gives the same
 * bytes (signature dates come from the data, never the clock).
 */
import { clearSign, type SigningKey, signDetached } from "../sign/openpgp.ts";
import { changesCsv, directoryListing, indexTxt } from "./directory.ts";
import { sha256Line, sha512Line } from "./hashes.ts";
import {
  CSAF_DIR,
  csafFileName,
  feedPath,
  fingerprintKeyPath,
  PROVIDER_METADATA_PATH,
  PUBLIC_KEY_PATH,
  PUBLIC_TLPS,
  ROLIE_SERVICE_PATH,
  relativeDocumentPath,
  SECURITY_TXT_PATH,
  siteBase,
  type TlpLabel,
  tlpDir,
  urlOf,
  WELL_KNOWN_PUBLIC_KEY_PATH,
  yearOf,
} from "./layout.ts";
import { type ProviderVendor, providerMetadata } from "./metadata.ts";
import { rolieFeed, rolieService } from "./rolie.ts";
import { securityTxt, securityTxtExpiry } from "./security-txt.ts";

/** One published CSAF document. */
export interface ProviderDocument {
  /** `/document/tracking/id`; gives the file name (§5.1). */
  trackingId: string;
  /** Year of `initial_release_date` (requirement 11). */
  year: number | string;
  /** The CSAF document exactly as published: hashes and signatures cover these UTF-8 bytes. */
  json: string;
  currentReleaseDate: string;
  initialReleaseDate: string;
  title: string;
  /** ROLIE entry summary; default: the title. */
  summary?: string;
  tlp: TlpLabel;
}

export interface ProviderTreeInput {
  vendor: ProviderVendor;
  /** Site base URL, e.g. https://psirt.example.com/ */
  canonicalUrl: string;
  documents: readonly ProviderDocument[];
  /** Date of the build, from the data: provider metadata, feeds, security.txt and its expiry. */
  buildDate: Date;
  key: SigningKey;
  /** Policy page URL for security.txt; default `<site>/policy/`. */
  policyUrl?: string;
  /** security.txt Preferred-Languages; default ["en"]. */
  languages?: readonly string[];
}

export type ProviderTree = Map<string, string | Uint8Array>;

function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

function checkDocuments(documents: readonly ProviderDocument[]): void {
  const seen = new Map<string, string>();
  for (const d of documents) {
    if (!PUBLIC_TLPS.includes(d.tlp))
      throw new Error(`${d.trackingId}: TLP:${d.tlp} is never published in the public provider tree`);
    if (String(d.year) !== yearOf(d.initialReleaseDate))
      throw new Error(
        `${d.trackingId}: year ${d.year} is not the year of initial_release_date ${d.initialReleaseDate} (requirement 11)`,
      );
    if (Number.isNaN(Date.parse(d.currentReleaseDate)))
      throw new Error(`${d.trackingId}: current_release_date "${d.currentReleaseDate}" is not a date-time`);
    const path = `${d.tlp}/${relativeDocumentPath(d.year, d.trackingId)}`;
    const other = seen.get(path);
    if (other) throw new Error(`${d.trackingId} and ${other} both map to the file ${path}`);
    seen.set(path, d.trackingId);
  }
}

/** An index.html for every folder of the CSAF tree, listing its direct children (requirement 14). */
function directoryListings(paths: readonly string[]): [string, string][] {
  const children = new Map<string, Set<string>>();
  for (const path of paths) {
    if (!path.startsWith(`${CSAF_DIR}/`)) continue;
    const parts = path.split("/");
    for (let depth = 2; depth < parts.length; depth++) {
      const dir = parts.slice(0, depth).join("/");
      const isLast = depth === parts.length - 1;
      const name = isLast ? parts[depth]! : `${parts[depth]}/`;
      if (!children.has(dir)) children.set(dir, new Set());
      children.get(dir)!.add(name);
    }
  }
  return [...children].map(([dir, names]) => [
    `${dir}/index.html`,
    directoryListing(`/${dir}/`, [...names], { root: dir === CSAF_DIR }),
  ]);
}

/** Builds every file of the provider tree; see scripts/docs/provider.md for the layout. */
export async function providerTree(input: ProviderTreeInput): Promise<ProviderTree> {
  checkDocuments(input.documents);
  const base = siteBase(input.canonicalUrl);
  const { key, buildDate } = input;
  const files: ProviderTree = new Map();
  const tlps = PUBLIC_TLPS.filter((t) => t === "WHITE" || input.documents.some((d) => d.tlp === t));

  const signed = await Promise.all(
    input.documents.map(async (d) => ({
      d,
      signature: await signDetached(d.json, key, new Date(d.currentReleaseDate)),
    })),
  );
  for (const { d, signature } of signed) {
    const name = csafFileName(d.trackingId);
    const path = `${tlpDir(d.tlp)}/${relativeDocumentPath(d.year, d.trackingId)}`;
    files.set(path, d.json);
    files.set(`${path}.sha256`, sha256Line(d.json, name));
    files.set(`${path}.sha512`, sha512Line(d.json, name));
    files.set(`${path}.asc`, signature);
  }

  for (const tlp of tlps) {
    const docs = input.documents.filter((d) => d.tlp === tlp);
    const entries = docs.map((d) => ({
      id: d.trackingId,
      title: d.title,
      path: relativeDocumentPath(d.year, d.trackingId),
      currentReleaseDate: d.currentReleaseDate,
      initialReleaseDate: d.initialReleaseDate,
      summary: d.summary ?? d.title,
    }));
    files.set(`${tlpDir(tlp)}/index.txt`, indexTxt(entries.map((e) => e.path)));
    files.set(`${tlpDir(tlp)}/changes.csv`, changesCsv(entries));
    files.set(
      feedPath(tlp),
      json(rolieFeed({ tlp, baseUrl: base, vendorName: input.vendor.name, entries, updated: buildDate })),
    );
  }
  files.set(ROLIE_SERVICE_PATH, json(rolieService({ baseUrl: base, vendorName: input.vendor.name, tlps })));

  const keyPath = fingerprintKeyPath(key.fingerprint);
  files.set(
    PROVIDER_METADATA_PATH,
    json(
      providerMetadata({
        vendor: input.vendor,
        canonicalUrl: base,
        publicKeyUrl: urlOf(base, keyPath),
        fingerprint: key.fingerprint,
        lastUpdated: buildDate,
        tlps,
        rolieService: true,
      }),
    ),
  );
  files.set(keyPath, key.publicKeyArmored);
  files.set(PUBLIC_KEY_PATH, key.publicKeyArmored);
  files.set(WELL_KNOWN_PUBLIC_KEY_PATH, key.publicKeyArmored);

  const text = securityTxt({
    vendor: input.vendor,
    canonicalUrl: urlOf(base, SECURITY_TXT_PATH),
    policyUrl: input.policyUrl ?? `${base}/policy/`,
    encryptionUrl: urlOf(base, PUBLIC_KEY_PATH),
    csafUrl: urlOf(base, PROVIDER_METADATA_PATH),
    expires: securityTxtExpiry(buildDate),
    languages: input.languages ?? ["en"],
  });
  files.set(SECURITY_TXT_PATH, await clearSign(text, key, buildDate));

  for (const [path, html] of directoryListings([...files.keys()])) files.set(path, html);
  return new Map([...files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
