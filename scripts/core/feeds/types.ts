/**
 * Normalized vulnerability records: what every feed reader (OSV/GHSA, NVD 2.0, upstream CSAF)
 * produces and what the matcher consumes. Readers are pure: bytes in, records + diagnostics out.
 */

/** One OSV range event, exactly as in the OSV schema (one key per event). */
export type OsvEvent =
  | { introduced: string }
  | { fixed: string }
  | { last_affected: string }
  | { limit: string };

/** An OSV `ranges[]` entry. */
export interface OsvRange {
  type: "ECOSYSTEM" | "SEMVER" | "GIT";
  repo?: string;
  events: OsvEvent[];
}

/** Affected package identified by ecosystem + name (OSV, GHSA, CSAF purl helpers). */
export interface PackageAffected {
  kind: "package";
  /** OSV ecosystem name as in the record ("npm", "Maven", "PyPI", "Go", "crates.io", "Debian:12", …). */
  ecosystem: string;
  /** Package name as in the record (Maven "group:artifact", Go module path, …). */
  name: string;
  /** purl of the package without version, normalized (see match/purl.ts), when derivable. */
  purl?: string;
  ranges: OsvRange[];
  /** Explicit affected versions (OSV `versions`). */
  versions: string[];
  /** Versions the source names as fixed outside of ranges (CSAF `product_status.fixed` products). */
  fixedVersions?: string[];
}

/** One NVD `cpeMatch` (or a CSAF CPE helper), with its version bounds. */
export interface CpeAffected {
  kind: "cpe";
  /** CPE 2.3 formatted string (`cpe:2.3:a:apache:log4j:*:*:*:*:*:*:*:*`). */
  criteria: string;
  vulnerable: boolean;
  versionStartIncluding?: string;
  versionStartExcluding?: string;
  versionEndIncluding?: string;
  versionEndExcluding?: string;
}

export type Affected = PackageAffected | CpeAffected;

export interface Severity {
  /** "CVSS_V2" | "CVSS_V3" | "CVSS_V4" | other OSV severity types. */
  type: string;
  /** The vector string (OSV `score`, NVD `vectorString`). */
  vector: string;
  /** Base score when the source states it (NVD does; OSV gives only the vector). */
  baseScore?: number;
  source?: string;
}

export interface VulnRecord {
  /** Record id as published (GHSA-…, CVE-…, PYSEC-…, a CSAF tracking id). */
  id: string;
  /** Every other id the record says it is known under (OSV `aliases`, CVEs of a CSAF vulnerability). */
  aliases: string[];
  /** OSV `related` (kept, not merged). */
  related: string[];
  source: "osv" | "nvd" | "csaf";
  summary?: string;
  details?: string;
  published?: string;
  modified?: string;
  /** Set when the record is withdrawn: such records are kept but never matched. */
  withdrawn?: string;
  severity: Severity[];
  cwes: string[];
  references: string[];
  affected: Affected[];
  /** NVD's own CISA KEV fields, when present. */
  kev?: { dateAdded: string; dueDate?: string; requiredAction?: string; vulnerabilityName?: string };
  /** Free-form source-specific data (GHSA `database_specific`). */
  databaseSpecific?: Record<string, unknown>;
}

export interface KevEntry {
  cve: string;
  vendorProject: string;
  product: string;
  vulnerabilityName: string;
  dateAdded: string;
  dueDate: string;
  requiredAction: string;
  knownRansomwareCampaignUse: string;
  notes?: string;
  cwes: string[];
}

export interface EpssScore {
  cve: string;
  epss: number;
  percentile: number;
}

export interface EpssData {
  modelVersion?: string;
  scoreDate?: string;
  scores: Map<string, EpssScore>;
}

/** A problem with one record or one file: readers never throw on bad input. */
export interface FeedDiagnostic {
  severity: "error" | "warning";
  /** Which source or file (given by the caller). */
  source: string;
  /** Record id or index, when known. */
  record?: string;
  message: string;
}

export interface ReadResult<T> {
  items: T[];
  diagnostics: FeedDiagnostic[];
}
