/**
 * Everything the site shows, derived once from the validated model: published advisories with their
 * views, products, CVEs and filter facets. Pure (no file system, no clock); never reads incidents.
 */
import type { Product } from "../../../schemas/product.ts";
import type { Vendor } from "../../../schemas/vendor.ts";
import { csafDocumentUrl } from "../../../scripts/core/csaf/urls.ts";
import { vexTrackingId } from "../../../scripts/core/csaf/vex.ts";
import type { AdvisoryDoc, Model } from "../../../scripts/core/load/repository.ts";
import {
  type AdvisoryView,
  advisoryView,
  type VulnerabilityView,
} from "../../../scripts/core/publish/advisory-view.ts";
import {
  currentRevision,
  initialRelease,
  publishedAdvisories,
} from "../../../scripts/core/publish/select.ts";
import { SEVERITY_LABEL, type SeveritySlug, STATUS_LABEL, severitySlug } from "./labels.ts";
import type { FacetName } from "./paths.ts";

/** Links to one CSAF document and its hash and signature files. */
export interface CsafFiles {
  json: string;
  sha256: string;
  sha512: string;
  asc: string;
}

export interface SiteAdvisory {
  id: string;
  doc: AdvisoryDoc;
  view: AdvisoryView;
  /** Site path, `/advisories/<id>/` (without the base path). */
  path: string;
  status: "interim" | "final";
  initial: string;
  current: { version: string; date: string; summary: string };
  /** Year of the initial release. */
  year: string;
  severity: SeveritySlug;
  score?: number;
  cves: string[];
  /** Products the advisory names (any status), sorted by name. */
  products: { id: string; name: string }[];
  csaf: CsafFiles;
  /** The CSAF VEX document, for advisories with not-affected products. */
  vex?: CsafFiles;
}

export interface Facet {
  /** URL slug and filter value. */
  value: string;
  label: string;
  count: number;
}

export interface CveEntry {
  cve: string;
  advisory: SiteAdvisory;
  vulnerability: VulnerabilityView;
}

export interface SiteData {
  vendor: Vendor;
  /** Absolute site URL with a trailing slash, e.g. `https://psirt.example.com/`. */
  siteUrl: string;
  /** Path prefix of every page, e.g. `/` or `/psirt/`. */
  base: string;
  now: Date;
  /** Published advisories, newest first. */
  advisories: SiteAdvisory[];
  /** Products of the inventory, sorted by name. */
  products: Product[];
  advisoriesByProduct: Map<string, SiteAdvisory[]>;
  /** Advisories by filter value of each facet (a product id, severity slug, year or status), newest first. */
  byFacet: Record<FacetName, Map<string, SiteAdvisory[]>>;
  /** CVE id → where it is published, sorted by CVE id. */
  cves: Map<string, CveEntry[]>;
  facets: { products: Facet[]; severities: Facet[]; years: Facet[]; statuses: Facet[] };
}

/** Site paths of a CSAF document and its hash and signature files (scripts/core/csaf/urls.ts decides the layout). */
export function csafFiles(siteUrl: string, tlp: string, initial: string, trackingId: string): CsafFiles {
  const json = new URL(csafDocumentUrl(siteUrl, tlp, initial, trackingId)).pathname;
  return { json, sha256: `${json}.sha256`, sha512: `${json}.sha512`, asc: `${json}.asc` };
}

function toSiteAdvisory(model: Model, doc: AdvisoryDoc, siteUrl: string): SiteAdvisory {
  const view = advisoryView(model, doc);
  const year = initialRelease(doc).slice(0, 4);
  const names = view.products.map((id) => ({ id, name: model.products.get(id)?.data.name ?? id }));
  names.sort((a, b) => a.name.localeCompare(b.name, "en") || a.id.localeCompare(b.id, "en"));
  const cves = doc.data.vulnerabilities.flatMap((v) => (v.cve ? [v.cve] : []));
  // The same condition as toCsafVex: a VEX document exists when some version is known not affected.
  const hasNotAffected = view.vulnerabilities.some((v) => v.knownNotAffected.length > 0);
  const site: SiteAdvisory = {
    id: doc.data.id,
    doc,
    view,
    path: `/advisories/${doc.data.id}/`,
    status: doc.data.status as "interim" | "final",
    initial: initialRelease(doc),
    current: currentRevision(doc),
    year,
    severity: severitySlug(view.severity),
    cves,
    products: names,
    csaf: csafFiles(siteUrl, doc.data.tlp, initialRelease(doc), doc.data.id),
  };
  if (view.score !== undefined) site.score = view.score;
  if (hasNotAffected)
    site.vex = csafFiles(siteUrl, doc.data.tlp, initialRelease(doc), vexTrackingId(doc.data.id));
  return site;
}

/** The advisories under each key `keys` gives them (an advisory once per key), in their order. */
function groupBy(
  advisories: readonly SiteAdvisory[],
  keys: (a: SiteAdvisory) => readonly string[],
): Map<string, SiteAdvisory[]> {
  const groups = new Map<string, SiteAdvisory[]>();
  for (const a of advisories) {
    for (const k of new Set(keys(a))) {
      const list = groups.get(k);
      if (list) list.push(a);
      else groups.set(k, [a]);
    }
  }
  return groups;
}

/** Normalizes a site URL to end in `/`. */
export function normalizeSiteUrl(url: string): string {
  const u = new URL(url);
  if (!u.pathname.endsWith("/")) u.pathname += "/";
  return u.href;
}

/** Derives the site data from a validated model at publication date `now`. */
export function deriveSiteData(model: Model, now: Date): SiteData {
  const vendor = model.vendor?.data;
  if (!vendor)
    throw new Error("inventory/vendor.yaml is missing: the site needs the vendor's name and site URL");
  const siteUrl = normalizeSiteUrl(vendor.site.url);
  const base = new URL(siteUrl).pathname;
  const advisories = publishedAdvisories(model, now).map((doc) => toSiteAdvisory(model, doc, siteUrl));
  const products = [...model.products.values()]
    .map((p) => p.data)
    .sort((a, b) => a.name.localeCompare(b.name, "en") || a.id.localeCompare(b.id, "en"));

  const byFacet: Record<FacetName, Map<string, SiteAdvisory[]>> = {
    product: groupBy(advisories, (a) => a.products.map((p) => p.id)),
    severity: groupBy(advisories, (a) => [a.severity]),
    year: groupBy(advisories, (a) => [a.year]),
    status: groupBy(advisories, (a) => [a.status]),
  };
  const advisoriesByProduct = new Map(products.map((p) => [p.id, byFacet.product.get(p.id) ?? []]));

  const cves = new Map<string, CveEntry[]>();
  for (const advisory of advisories) {
    for (const vulnerability of advisory.view.vulnerabilities) {
      const cve = vulnerability.vuln.cve;
      if (!cve) continue;
      const list = cves.get(cve) ?? [];
      list.push({ cve, advisory, vulnerability });
      cves.set(cve, list);
    }
  }
  const sortedCves = new Map([...cves].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));

  const count = (facet: FacetName, value: string) => byFacet[facet].get(value)!.length;
  const facets = {
    products: products
      .filter((p) => byFacet.product.has(p.id))
      .map((p) => ({ value: p.id, label: p.name, count: count("product", p.id) })),
    severities: (Object.keys(SEVERITY_LABEL) as SeveritySlug[])
      .filter((s) => byFacet.severity.has(s))
      .map((s) => ({ value: s, label: SEVERITY_LABEL[s], count: count("severity", s) })),
    years: [...byFacet.year.keys()]
      .sort()
      .reverse()
      .map((y) => ({ value: y, label: y, count: count("year", y) })),
    statuses: ["final", "interim"]
      .filter((s) => byFacet.status.has(s))
      .map((s) => ({ value: s, label: STATUS_LABEL[s] ?? s, count: count("status", s) })),
  };
  return {
    vendor,
    siteUrl,
    base,
    now,
    advisories,
    products,
    advisoriesByProduct,
    byFacet,
    cves: sortedCves,
    facets,
  };
}

/** Product ids and versions of one status in an advisory, per product, in inventory order. */
export interface ProductStatus {
  affected: string[];
  fixed: string[];
  notAffected: string[];
  underInvestigation: string[];
}

/** What an advisory says about one product (all its vulnerabilities together). */
export function productStatus(view: AdvisoryView, productId: string): ProductStatus {
  const collect = (pick: (v: VulnerabilityView) => readonly { product: string; version: string }[]) => {
    const out = new Set<string>();
    for (const v of view.vulnerabilities)
      for (const r of pick(v)) if (r.product === productId) out.add(r.version);
    return [...out];
  };
  return {
    affected: collect((v) => v.knownAffected),
    fixed: collect((v) => v.fixed),
    notAffected: collect((v) => v.knownNotAffected),
    underInvestigation: collect((v) => v.underInvestigation),
  };
}

/** One row of an advisory's product table: a product, a status and the versions in it. */
export interface StatusRow {
  productId: string;
  productName: string;
  status: "affected" | "under_investigation" | "fixed" | "not_affected";
  versions: string[];
  /** For affected rows: the versions of the same product that fix the vulnerability. */
  fixedIn: string[];
  justification?: string;
  statement?: string;
}

const STATUS_ORDER = { affected: 0, under_investigation: 1, fixed: 2, not_affected: 3 } as const;

/** The product table of one vulnerability: rows grouped by product and status; affected first, then by product name. */
export function statusRows(v: VulnerabilityView): StatusRow[] {
  const rows = new Map<string, StatusRow>();
  const add = (
    status: StatusRow["status"],
    refs: readonly {
      product: string;
      productName: string;
      version: string;
      justification?: string;
      statement?: string;
    }[],
  ) => {
    for (const r of refs) {
      const key = JSON.stringify([r.product, status, r.justification ?? "", r.statement ?? ""]);
      let row = rows.get(key);
      if (!row) {
        row = { productId: r.product, productName: r.productName, status, versions: [], fixedIn: [] };
        if (r.justification) row.justification = r.justification;
        if (r.statement) row.statement = r.statement;
        rows.set(key, row);
      }
      if (!row.versions.includes(r.version)) row.versions.push(r.version);
    }
  };
  add("affected", v.knownAffected);
  add("under_investigation", v.underInvestigation);
  add("fixed", v.fixed);
  add("not_affected", v.knownNotAffected);
  for (const row of rows.values()) {
    if (row.status === "affected")
      row.fixedIn = [...new Set(v.fixed.filter((f) => f.product === row.productId).map((f) => f.version))];
  }
  return [...rows.values()].sort(
    (a, b) =>
      STATUS_ORDER[a.status] - STATUS_ORDER[b.status] ||
      a.productName.localeCompare(b.productName, "en") ||
      a.productId.localeCompare(b.productId, "en"),
  );
}

/** One remediation of an advisory with the CVEs (or vulnerability titles) it applies to; duplicates merged. */
export interface RemediationItem {
  category: string;
  details: string;
  url?: string;
  date?: string;
  products: { id: string; name: string }[];
  vulnerabilities: string[];
}

/** Remediations of all vulnerabilities, merged when category, details, url, date and products agree. */
export function remediations(advisory: SiteAdvisory): RemediationItem[] {
  const names = new Map(advisory.products.map((p) => [p.id, p.name]));
  const items = new Map<string, RemediationItem>();
  for (const v of advisory.doc.data.vulnerabilities) {
    for (const r of v.remediations) {
      const key = JSON.stringify([r.category, r.details, r.url ?? "", r.date ?? "", r.products]);
      let item = items.get(key);
      if (!item) {
        item = {
          category: r.category,
          details: r.details,
          products: r.products.map((id) => ({ id, name: names.get(id) ?? id })),
          vulnerabilities: [],
        };
        if (r.url) item.url = r.url;
        if (r.date) item.date = r.date;
        items.set(key, item);
      }
      item.vulnerabilities.push(v.cve ?? v.title);
    }
  }
  return [...items.values()];
}
