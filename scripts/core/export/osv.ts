/**
 * OSV records (OSV schema 1.6) of published advisories, so that osv-scanner-style tools can
 * consume the vendor's own advisories: one `osv/<ID>.json` per advisory and `osv/all.zip` with
 * all of them (the layout of osv.dev's per-ecosystem exports). Field mapping: scripts/docs/exports.md.
 */
import { deflateRawSync } from "node:zlib";
import { Zip, ZipPassThrough } from "fflate";
import { advisoryUrls } from "../csaf/document.ts";
import { scoreCvss } from "../cvss/index.ts";
import type { AdvisoryDoc, Model } from "../load/repository.ts";
import { bodyMarkdown } from "../mdx/markdown.ts";
import { releasedBy } from "../product-versions.ts";
import { type AdvisoryView, advisoryView, type ProductVersionRef } from "../publish/advisory-view.ts";
import { currentRevision, initialRelease, publication } from "../publish/select.ts";
import { getScheme, isSchemeName } from "../versions/index.ts";
import { dateTime } from "./cyclonedx.ts";
import { type OsvPackage, osvPackage } from "./osv-package.ts";
import { type OsvRange, osvRanges, type VersionStatus } from "./osv-ranges.ts";

/** 1.6.2 is the first OSV schema version with CVSS_V4; nothing newer is used. */
export const OSV_SCHEMA_VERSION = "1.6.2";

export interface OsvAffected {
  package: OsvPackage;
  ranges: OsvRange[];
  versions: string[];
  database_specific: { product: string; product_name: string };
}

export interface OsvRecord {
  schema_version: string;
  id: string;
  modified: string;
  published: string;
  aliases?: string[];
  summary: string;
  details: string;
  severity?: { type: "CVSS_V3" | "CVSS_V4"; score: string }[];
  affected: OsvAffected[];
  references: { type: "ADVISORY" | "WEB"; url: string }[];
  credits?: { name: string; contact?: string[] }[];
  database_specific: {
    tlp: string;
    status: string;
    url: string;
    csaf: string;
    revision: string;
    severity?: string;
    cwe_ids?: string[];
  };
}

/** Details (Markdown): the front-matter summary, then the body with component tags removed. */
function details(adv: AdvisoryDoc): string {
  return [adv.data.summary.trim(), bodyMarkdown(adv.body)].filter((p) => p !== "").join("\n\n");
}

/** Per CVSS version, the vector of the advisory's highest-scoring vulnerability. */
function severity(adv: AdvisoryDoc): OsvRecord["severity"] {
  const best: Partial<Record<"CVSS_V3" | "CVSS_V4", { score: number; vector: string }>> = {};
  for (const v of adv.data.vulnerabilities) {
    for (const [type, vector] of [
      ["CVSS_V3", v.cvss?.v3?.vector],
      ["CVSS_V4", v.cvss?.v4?.vector],
    ] as const) {
      if (!vector) continue;
      const r = scoreCvss(vector);
      if ("error" in r) continue;
      if (!best[type] || r.baseScore > best[type].score) best[type] = { score: r.baseScore, vector };
    }
  }
  const out = (["CVSS_V3", "CVSS_V4"] as const)
    .filter((t) => best[t])
    .map((type) => ({ type, score: best[type]!.vector }));
  return out.length > 0 ? out : undefined;
}

function affected(model: Model, view: AdvisoryView, vendorEcosystem: string): OsvAffected[] {
  const refs = (pick: (v: (typeof view.vulnerabilities)[number]) => readonly ProductVersionRef[]) =>
    new Set(view.vulnerabilities.flatMap((v) => pick(v).map((r) => `${r.product}\u0000${r.version}`)));
  const aff = refs((v) => v.knownAffected);
  const fixed = refs((v) => v.fixed);
  const notAffected = refs((v) => v.knownNotAffected);
  const stated = refs((v) => [
    ...v.knownAffected,
    ...v.fixed,
    ...v.knownNotAffected,
    ...v.underInvestigation,
  ]);
  const out: OsvAffected[] = [];
  for (const productId of view.products) {
    const product = model.products.get(productId)?.data;
    if (!product) continue;
    const scheme = getScheme(isSchemeName(product.version_scheme) ? product.version_scheme : "generic");
    // Only the versions the advisory can speak of (out by its revision date, or stated): a later
    // release must not end an open affected run with last_affected under the same revision.
    const ordered = product.versions
      .filter((v) => releasedBy(v.released, view.asOf) || stated.has(`${productId}\u0000${v.version}`))
      .map((v) => v.version)
      .sort((a, b) => scheme.compare(a, b));
    const statuses = ordered.map((version): { version: string; status: VersionStatus } => {
      const key = `${productId}\u0000${version}`;
      const status: VersionStatus = aff.has(key)
        ? "affected"
        : fixed.has(key)
          ? "fixed"
          : notAffected.has(key)
            ? "not_affected"
            : "unknown";
      return { version, status };
    });
    const versions = statuses.filter((s) => s.status === "affected").map((s) => s.version);
    if (versions.length === 0) continue;
    out.push({
      package: osvPackage(product, vendorEcosystem),
      ranges: osvRanges(statuses),
      versions,
      database_specific: { product: product.id, product_name: product.name },
    });
  }
  return out;
}

/** The OSV record of one advisory (which the caller has checked is published). */
export function osvRecord(model: Model, adv: AdvisoryDoc): OsvRecord {
  const vendor = model.vendor?.data;
  if (!vendor) throw new Error("OSV export needs inventory/vendor.yaml: validate the repository first");
  const d = adv.data;
  const urls = advisoryUrls(model, adv);
  const aliases = [...new Set(d.vulnerabilities.flatMap((v) => [v.cve, ...v.aliases]))].filter(
    (a): a is string => a !== undefined && a !== d.id,
  );
  const references: OsvRecord["references"] = [];
  const seen = new Set<string>();
  const addRef = (type: "ADVISORY" | "WEB", url: string) => {
    if (seen.has(url)) return;
    seen.add(url);
    references.push({ type, url });
  };
  addRef("ADVISORY", urls.page);
  addRef("ADVISORY", urls.csaf);
  for (const r of d.references) addRef(r.category === "self" ? "ADVISORY" : "WEB", r.url);
  const credits = d.acknowledgments.flatMap((a) => {
    const names = a.names.length > 0 ? a.names : a.organization ? [a.organization] : [];
    return names.map((name) => (a.urls.length > 0 ? { name, contact: [...a.urls] } : { name }));
  });
  const view = advisoryView(model, adv);
  const cwes = [...new Set(d.vulnerabilities.flatMap((v) => (v.cwe ? [v.cwe.id] : [])))];
  const sev = severity(adv);

  const record: OsvRecord = {
    schema_version: OSV_SCHEMA_VERSION,
    id: d.id,
    modified: dateTime(currentRevision(adv).date),
    published: dateTime(initialRelease(adv)),
    ...(aliases.length > 0 ? { aliases } : {}),
    summary: d.title,
    details: details(adv),
    ...(sev ? { severity: sev } : {}),
    affected: affected(model, view, vendor.id_prefix),
    references,
    ...(credits.length > 0 ? { credits } : {}),
    database_specific: {
      tlp: d.tlp,
      status: d.status,
      url: urls.page,
      csaf: urls.csaf,
      revision: currentRevision(adv).version,
      ...(view.severity ? { severity: view.severity } : {}),
      ...(cwes.length > 0 ? { cwe_ids: cwes } : {}),
    },
  };
  return record;
}

/** JSON text of a record: 2-space indentation and a trailing newline. */
export const osvJson = (record: OsvRecord): string => `${JSON.stringify(record, null, 2)}\n`;

/**
 * A Date whose LOCAL calendar fields equal the UTC fields of `iso`: ZIP stores MS-DOS local
 * times, and fflate reads the local fields, so this keeps the archive's bytes independent of the
 * machine's time zone.
 */
function zipTime(iso: string): Date {
  const d = new Date(iso);
  return new Date(
    d.getUTCFullYear(),
    d.getUTCMonth(),
    d.getUTCDate(),
    d.getUTCHours(),
    d.getUTCMinutes(),
    d.getUTCSeconds(),
  );
}

/**
 * A zip entry deflated by Node's zlib (level 6, its default) in one piece: fflate's documented way to plug in
 * another compressor (subclass ZipPassThrough, override process). fflate's own JavaScript deflate
 * took 10 s for the 10,000 records of the build benchmark; zlib takes a fraction of that.
 */
class NativeDeflate extends ZipPassThrough {
  constructor(filename: string) {
    super(filename);
    this.compression = 8;
  }

  override process(chunk: Uint8Array, final: boolean): void {
    this.ondata(null, deflateRawSync(chunk, { level: 6 }), final);
  }
}

/**
 * The public OSV files for `dist/`: `osv/<ID>.json` per published advisory and `osv/all.zip`
 * (entries `<ID>.json`, dated with each record's `modified`). Advisories not published at `now`
 * are dropped again here, so a wrong argument cannot leak one.
 */
export function osvExports(
  model: Model,
  published: readonly AdvisoryDoc[],
  now: Date,
): Map<string, string | Uint8Array> {
  const vendor = model.vendor?.data;
  const records = published
    .filter((a) => publication(a, vendor, now).published)
    .map((a) => osvRecord(model, a))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const files = new Map<string, string | Uint8Array>();
  const chunks: Uint8Array[] = [];
  const zip = new Zip((error, chunk) => {
    if (error) throw error;
    chunks.push(chunk);
  });
  for (const r of records) {
    const text = osvJson(r);
    files.set(`osv/${r.id}.json`, text);
    const entry = new NativeDeflate(`${r.id}.json`);
    entry.mtime = zipTime(r.modified);
    zip.add(entry);
    entry.push(Buffer.from(text, "utf8"), true);
  }
  zip.end();
  files.set("osv/all.zip", Buffer.concat(chunks));
  return files;
}
