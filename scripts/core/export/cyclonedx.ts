/**
 * CycloneDX 1.6 VEX documents, one per product version: the envelope (metadata component for the
 * product version), CVSS ratings and vulnerability sources. Plain JSON objects whose keys are
 * inserted in a fixed order, so equal input gives equal bytes; the documents are checked with the
 * CycloneDX library's strict 1.6 validator (scripts/core/export/validate.ts).
 */
import { createHash } from "node:crypto";
import type { z } from "zod";
import type { Cvss } from "../../../schemas/common.ts";
import type { Product } from "../../../schemas/product.ts";
import type { Vendor } from "../../../schemas/vendor.ts";
import { cpeForVersion, purlForVersion } from "../csaf/product-tree.ts";
import { scoreCvss } from "../cvss/index.ts";

export type CdxAnalysisState = "exploitable" | "in_triage" | "not_affected" | "false_positive" | "resolved";
export type CdxJustification =
  | "code_not_present"
  | "code_not_reachable"
  | "requires_configuration"
  | "requires_dependency"
  | "requires_environment"
  | "protected_by_compiler"
  | "protected_at_runtime"
  | "protected_at_perimeter"
  | "protected_by_mitigating_control";
export type CdxResponse = "can_not_fix" | "will_not_fix" | "update" | "rollback" | "workaround_available";

export interface CdxSource {
  name: string;
  url?: string;
}

export interface CdxRating {
  source?: CdxSource;
  score: number;
  severity: "critical" | "high" | "medium" | "low" | "none";
  method: "CVSSv3" | "CVSSv31" | "CVSSv4" | "CVSSv2";
  vector: string;
}

export interface CdxVulnerability {
  "bom-ref": string;
  id: string;
  source?: CdxSource;
  references?: { id: string; source: CdxSource }[];
  ratings?: CdxRating[];
  cwes?: number[];
  description?: string;
  detail?: string;
  recommendation?: string;
  workaround?: string;
  advisories?: { title: string; url: string }[];
  published?: string;
  updated?: string;
  analysis: {
    state: CdxAnalysisState;
    justification?: CdxJustification;
    response?: CdxResponse[];
    detail?: string;
    firstIssued?: string;
    lastUpdated?: string;
  };
  affects: { ref: string }[];
  properties?: { name: string; value: string }[];
}

export interface CdxComponent {
  type: "application" | "firmware" | "library" | "framework";
  "bom-ref": string;
  supplier: { name: string; url?: string[] };
  name: string;
  version: string;
  description?: string;
  cpe?: string;
  purl?: string;
}

export interface CdxBom {
  bomFormat: "CycloneDX";
  specVersion: "1.6";
  serialNumber: string;
  version: 1;
  metadata: {
    timestamp: string;
    tools: { components: { type: "application"; name: string }[] };
    component: CdxComponent;
    supplier: { name: string; url?: string[] };
  };
  vulnerabilities: CdxVulnerability[];
}

/** An RFC 3339 date-time (UTC, seconds) for a model date or date-time. */
export function dateTime(value: string): string {
  const d = new Date(value.length === 10 ? `${value}T00:00:00Z` : value);
  return d.toISOString().replace(/\.000Z$/, "Z");
}

/**
 * The bom-ref of a product version: its purl with the version when the product has a purl, else
 * `<product id>@<version>` (product ids never contain `@`).
 */
export function productVersionRef(product: Product, version: string): string {
  const purl = product.identifiers.purl ? purlForVersion(product.identifiers.purl, version) : undefined;
  return purl ?? `${product.id}@${version}`;
}

const COMPONENT_TYPE: Record<Product["category"], CdxComponent["type"]> = {
  server: "application",
  desktop: "application",
  cloud: "application",
  other: "application",
  embedded: "framework",
  iot: "firmware",
  library: "library",
};

export function productComponent(product: Product, version: string, vendor: Vendor): CdxComponent {
  const c: CdxComponent = {
    type: COMPONENT_TYPE[product.category],
    "bom-ref": productVersionRef(product, version),
    supplier: { name: product.vendor ?? vendor.name, url: [vendor.namespace] },
    name: product.name,
    version,
  };
  if (product.description) c.description = product.description;
  const cpe = product.identifiers.cpe ? cpeForVersion(product.identifiers.cpe, version) : undefined;
  if (cpe) c.cpe = cpe;
  const purl = product.identifiers.purl ? purlForVersion(product.identifiers.purl, version) : undefined;
  if (purl) c.purl = purl;
  return c;
}

const METHOD: Record<string, CdxRating["method"]> = {
  "2.0": "CVSSv2",
  "3.0": "CVSSv3",
  "3.1": "CVSSv31",
  "4.0": "CVSSv4",
};

/** CycloneDX ratings of the CVSS vectors (v4 first), scores computed from the vectors. */
export function ratingsOf(
  cvss: z.infer<typeof Cvss> | undefined,
  source: CdxSource | undefined,
): CdxRating[] {
  const out: CdxRating[] = [];
  for (const vector of [cvss?.v4?.vector, cvss?.v3?.vector]) {
    if (!vector) continue;
    const r = scoreCvss(vector);
    if ("error" in r) continue;
    const rating: CdxRating = {
      score: r.baseScore,
      severity: r.baseSeverity.toLowerCase() as CdxRating["severity"],
      method: METHOD[r.version]!,
      vector,
    };
    out.push(source ? { source, ...rating } : rating);
  }
  return out;
}

/** Where a vulnerability id is documented: NVD for CVEs, GitHub for GHSAs, OSV.dev for other OSV ids. */
export function sourceOfId(id: string): CdxSource | undefined {
  if (id.startsWith("CVE-")) return { name: "NVD", url: `https://nvd.nist.gov/vuln/detail/${id}` };
  if (id.startsWith("GHSA-")) return { name: "GitHub", url: `https://github.com/advisories/${id}` };
  if (/^[A-Z][A-Z0-9]*-/.test(id)) return { name: "OSV", url: `https://osv.dev/vulnerability/${id}` };
  return undefined;
}

/** RFC 4122 version-5 (SHA-1, URL namespace) UUID of `name`. */
export function uuidV5(name: string): string {
  const ns = Buffer.from("6ba7b8119dad11d180b400c04fd430c8", "hex");
  const hash = createHash("sha1").update(ns).update(name, "utf8").digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const h = hash.subarray(0, 16).toString("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

/**
 * The VEX document of one product version. Its serial number is a UUID of the document's identity
 * and content: the same data gives the same bytes, and a changed document gets a new serial.
 */
export function vexBom(
  product: Product,
  version: string,
  vendor: Vendor,
  vulnerabilities: CdxVulnerability[],
  timestamp: string,
  kind: "public" | "internal",
): CdxBom {
  const component = productComponent(product, version, vendor);
  const metadata: CdxBom["metadata"] = {
    timestamp: dateTime(timestamp),
    tools: { components: [{ type: "application", name: "psirt-as-code" }] },
    component,
    supplier: { name: vendor.name, url: [vendor.namespace] },
  };
  const content = JSON.stringify({ metadata, vulnerabilities });
  const identity = `${vendor.namespace}/vex/${kind}/${product.id}/${version}`;
  const digest = createHash("sha256").update(content, "utf8").digest("hex");
  return {
    bomFormat: "CycloneDX",
    specVersion: "1.6",
    serialNumber: `urn:uuid:${uuidV5(`${identity}#${digest}`)}`,
    version: 1,
    metadata,
    vulnerabilities,
  };
}

/** JSON text of a BOM: 2-space indentation and a trailing newline. */
export function bomJson(bom: CdxBom): string {
  return `${JSON.stringify(bom, null, 2)}\n`;
}

/** `vex/<product>/<version>.cdx.json`, with characters unsafe in a path segment replaced. */
export function vexPath(productId: string, version: string): string {
  return `vex/${productId}/${version.replace(/[^A-Za-z0-9._+-]/g, "_")}.cdx.json`;
}
