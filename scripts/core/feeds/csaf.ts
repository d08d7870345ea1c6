/**
 * Reader for upstream vendors' CSAF 2.0 documents: one {@link VulnRecord} per `vulnerabilities[]`
 * entry. Products that are `known_affected`, `first_affected` or `last_affected` become affected
 * entries: a package (ecosystem + name from the purl) with the product's version, or a CPE when the
 * product has only a CPE. `fixed`/`first_fixed` products are listed under `databaseSpecific.fixed`,
 * `known_not_affected` ones under `databaseSpecific.knownNotAffected`.
 */
import { decodeText, describeIssues, fail, parseJson, unique, warn } from "./bytes.ts";
import { purlPackage, versToEvents } from "./csaf-identity.ts";
import { type CsafProduct, collectProducts } from "./csaf-products.ts";
import {
  type CsafDocument,
  type CsafVulnerability,
  csafDocumentSchema,
  csafVulnerabilitySchema,
} from "./schema/csaf.ts";
import type { Affected, CpeAffected, FeedDiagnostic, ReadResult, Severity, VulnRecord } from "./types.ts";

/** A product as recorded under `databaseSpecific.fixed`. */
export interface CsafFixedProduct {
  productId: string;
  name?: string;
  purl?: string;
  cpe?: string;
  version?: string;
}

/** Reads one CSAF document. Bad vulnerabilities or products become diagnostics, never exceptions. */
export function readCsaf(bytes: Uint8Array, source: string): ReadResult<VulnRecord> {
  const parsed = parseJson(decodeText(bytes), source, "a CSAF 2.0 document");
  if (!parsed.ok) return { items: [], diagnostics: [parsed.diagnostic] };
  return readCsafJson(parsed.value, source);
}

/** Same as {@link readCsaf} for already parsed JSON. */
export function readCsafJson(value: unknown, source: string): ReadResult<VulnRecord> {
  const doc = csafDocumentSchema.safeParse(value);
  if (!doc.success) {
    return { items: [], diagnostics: [fail(source, `not a CSAF document: ${describeIssues(doc.error)}`)] };
  }
  const trackingId = doc.data.document.tracking.id;
  const { products, diagnostics } = collectProducts(doc.data.product_tree, source, trackingId);
  const items: VulnRecord[] = [];
  (doc.data.vulnerabilities ?? []).forEach((entry, index) => {
    const vuln = csafVulnerabilitySchema.safeParse(entry);
    if (!vuln.success) {
      const message = `/vulnerabilities/${index} is not a valid vulnerability: ${describeIssues(vuln.error)}`;
      diagnostics.push(fail(source, message, `${trackingId}#${index}`));
      return;
    }
    items.push(toRecord(doc.data, vuln.data, index, products, source, diagnostics));
  });
  return { items, diagnostics };
}

function toRecord(
  doc: CsafDocument,
  vuln: CsafVulnerability,
  index: number,
  products: Map<string, CsafProduct>,
  source: string,
  diagnostics: FeedDiagnostic[],
): VulnRecord {
  const tracking = doc.document.tracking;
  const otherIds = (vuln.ids ?? []).map((i) => i.text);
  const id = vuln.cve ?? otherIds[0] ?? `${tracking.id}#${index}`;
  const status = vuln.product_status ?? {};
  const affectedIds = unique([
    ...(status.known_affected ?? []),
    ...(status.first_affected ?? []),
    ...(status.last_affected ?? []),
  ]);
  const record: VulnRecord = {
    id,
    aliases: unique([...(vuln.cve === undefined ? [] : [vuln.cve]), ...otherIds]).filter((a) => a !== id),
    related: [],
    source: "csaf",
    severity: severities(vuln),
    cwes: unique([...(vuln.cwe === undefined ? [] : [vuln.cwe.id]), ...(vuln.cwes ?? []).map((c) => c.id)]),
    references: unique((vuln.references ?? []).map((r) => r.url)),
    affected: affectedFor(affectedIds, products, source, id, diagnostics),
  };
  if (vuln.title) record.summary = vuln.title;
  const description = vuln.notes?.find((n) => n.category === "description")?.text;
  if (description) record.details = description;
  const published = vuln.release_date ?? tracking.initial_release_date;
  if (published) record.published = published;
  if (tracking.current_release_date) record.modified = tracking.current_release_date;
  const databaseSpecific: Record<string, unknown> = { document: tracking.id };
  if (doc.document.publisher?.name) databaseSpecific.publisher = doc.document.publisher.name;
  const fixed = unique([...(status.first_fixed ?? []), ...(status.fixed ?? [])]);
  if (fixed.length > 0) {
    const fixedProducts = fixed.map((p) => fixedProduct(p, products));
    databaseSpecific.fixed = fixedProducts;
    // A fixed version of an affected package is its fix ("fixed in"), as an OSV `fixed` event is.
    for (const entry of record.affected) {
      if (entry.kind !== "package" || entry.purl === undefined) continue;
      const versions = unique(
        fixedProducts.flatMap((f) =>
          f.purl !== undefined && f.version !== undefined && purlPackage(f.purl)?.purl === entry.purl
            ? [f.version]
            : [],
        ),
      );
      if (versions.length > 0) entry.fixedVersions = versions;
    }
  }
  if (status.known_not_affected?.length) databaseSpecific.knownNotAffected = status.known_not_affected;
  record.databaseSpecific = databaseSpecific;
  return record;
}

function affectedFor(
  productIds: string[],
  products: Map<string, CsafProduct>,
  source: string,
  record: string,
  diagnostics: FeedDiagnostic[],
): Affected[] {
  const out: Affected[] = [];
  const seen = new Set<string>();
  const add = (entry: Affected) => {
    const key = JSON.stringify(entry);
    if (!seen.has(key)) {
      seen.add(key);
      out.push(entry);
    }
  };
  const unknown: string[] = [];
  const unidentified: string[] = [];
  for (const productId of productIds) {
    const product = products.get(productId);
    if (product === undefined) unknown.push(productId);
    else if (product.purl !== undefined)
      packageEntry(product, product.purl, source, record, diagnostics, add);
    else if (product.cpe !== undefined) cpeEntries(product, product.cpe, source, record, diagnostics, add);
    else unidentified.push(productId);
  }
  if (unknown.length > 0) {
    diagnostics.push(
      warn(source, `affected product ids not in the product tree: ${sample(unknown)}`, record),
    );
  }
  if (unidentified.length > 0) {
    const message = `${unidentified.length} affected products have neither purl nor CPE and cannot be matched: ${sample(unidentified)}`;
    diagnostics.push(warn(source, message, record));
  }
  return out;
}

function packageEntry(
  product: CsafProduct,
  purl: string,
  source: string,
  record: string,
  diagnostics: FeedDiagnostic[],
  add: (entry: Affected) => void,
): void {
  const pkg = purlPackage(purl);
  if (pkg === undefined) {
    diagnostics.push(warn(source, `product ${product.id}: purl "${purl}" does not parse`, record));
    return;
  }
  const base = { kind: "package" as const, ecosystem: pkg.ecosystem, name: pkg.name, purl: pkg.purl };
  const version = pkg.version ?? product.version;
  if (version !== undefined) {
    add({ ...base, ranges: [], versions: [version] });
    return;
  }
  const range = product.range === undefined ? undefined : versToEvents(product.range);
  if (range !== undefined) {
    const ranges = range.events.length > 0 ? [{ type: "ECOSYSTEM" as const, events: range.events }] : [];
    add({ ...base, ranges, versions: range.versions });
    return;
  }
  const why =
    product.range === undefined
      ? "has no version"
      : `has a version range "${product.range}" that is not a simple vers range`;
  diagnostics.push(
    warn(source, `product ${product.id} (${pkg.purl}) ${why}; listed without versions`, record),
  );
  add({ ...base, ranges: [], versions: [] });
}

function cpeEntries(
  product: CsafProduct,
  cpe: string,
  source: string,
  record: string,
  diagnostics: FeedDiagnostic[],
  add: (entry: Affected) => void,
): void {
  const base: CpeAffected = { kind: "cpe", criteria: cpe, vulnerable: true };
  if (product.range === undefined) {
    add(base);
    return;
  }
  const range = versToEvents(product.range);
  if (range === undefined) {
    const message = `product ${product.id} (${cpe}) has a version range "${product.range}" that is not a simple vers range; listed without bounds`;
    diagnostics.push(warn(source, message, record));
    add(base);
    return;
  }
  // Events come in (introduced, fixed | last_affected) pairs, possibly with an open last range.
  let entry: CpeAffected | undefined;
  for (const event of range.events) {
    if ("introduced" in event) {
      if (entry !== undefined) add(entry);
      entry = { ...base };
      if (event.introduced !== "0") entry.versionStartIncluding = event.introduced;
    } else if ("fixed" in event && entry !== undefined) {
      add({ ...entry, versionEndExcluding: event.fixed });
      entry = undefined;
    } else if ("last_affected" in event && entry !== undefined) {
      add({ ...entry, versionEndIncluding: event.last_affected });
      entry = undefined;
    }
  }
  if (entry !== undefined) add(entry);
  if (range.versions.length > 0) {
    const message = `product ${product.id} (${cpe}): exact versions ${range.versions.join(", ")} in a CPE range are not kept`;
    diagnostics.push(warn(source, message, record));
  }
}

function severities(vuln: CsafVulnerability): Severity[] {
  const out: Severity[] = [];
  const seen = new Set<string>();
  for (const score of vuln.scores ?? []) {
    for (const [key, type] of [
      ["cvss_v4", "CVSS_V4"],
      ["cvss_v3", "CVSS_V3"],
      ["cvss_v2", "CVSS_V2"],
    ] as const) {
      const cvss = score[key];
      if (cvss === undefined || seen.has(cvss.vectorString)) continue;
      seen.add(cvss.vectorString);
      out.push(
        cvss.baseScore === undefined
          ? { type, vector: cvss.vectorString }
          : { type, vector: cvss.vectorString, baseScore: cvss.baseScore },
      );
    }
  }
  return out;
}

function fixedProduct(productId: string, products: Map<string, CsafProduct>): CsafFixedProduct {
  const product = products.get(productId);
  const out: CsafFixedProduct = { productId };
  if (product?.name !== undefined) out.name = product.name;
  if (product?.purl !== undefined) out.purl = product.purl;
  if (product?.cpe !== undefined) out.cpe = product.cpe;
  const version =
    (product?.purl === undefined ? undefined : purlPackage(product.purl)?.version) ?? product?.version;
  if (version !== undefined) out.version = version;
  return out;
}

function sample(ids: string[]): string {
  return ids.length <= 5 ? ids.join(", ") : `${ids.slice(0, 5).join(", ")} and ${ids.length - 5} more`;
}
