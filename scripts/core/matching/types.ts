/**
 * Shapes of threat matching: what goes in (SBOM targets, feed records, KEV, EPSS, incidents) and
 * what comes out (one {@link Match} per vulnerability × product version × component).
 */
import type { Incident } from "../../../schemas/incident.ts";
import type { Component } from "../load/sbom.ts";

/** Deployment exposure of a product (schemas/product.ts). */
export type Exposure = "internet" | "internal" | "local";

/** One SBOM to match, with the product version it describes. */
export interface SbomTarget {
  /** Repository-relative path (inventory SBOMs) or the path given on the command line. */
  file: string;
  /** Product id (inventory) or, for an SBOM outside the inventory, the SBOM's subject name. */
  product: string;
  productVersion: string;
  /** Undefined for SBOMs outside the inventory. */
  exposure?: Exposure;
  /** The product's declared version scheme (for incident analysis ranges). */
  versionScheme?: string;
  /** True when the product is in inventory/products/ (incidents can be planned for it). */
  inInventory: boolean;
  components: readonly Component[];
}

/** An incident as the matcher sees it (id + the parsed data). */
export interface IncidentRef {
  id: string;
  data: Pick<Incident, "state" | "vulnerabilities" | "analysis">;
}

export type Priority = "P1" | "P2" | "P3" | "P4";

/** VEX analysis state an incident records for a product version. */
export type AnalysisState = Incident["analysis"][number]["state"];

export interface CvssSummary {
  version: "2.0" | "3.0" | "3.1" | "4.0";
  vector: string;
  score: number;
  severity: "NONE" | "LOW" | "MEDIUM" | "HIGH" | "CRITICAL";
  /** Id of the record the vector comes from. */
  from: string;
}

export interface KnownCoverage {
  /** The incident that lists the vulnerability (or an alias), preferably one analysing this version. */
  incident: string;
  incidentState: Incident["state"];
  /**
   * The analysis state of the entry whose version range contains the product version; null when
   * the incident does not analyse this product version (the finding is then still new).
   */
  analysis: AnalysisState | null;
}

/** One finding: a vulnerability affecting one component of one product version. */
export interface Match {
  /** Preferred id of the vulnerability (a CVE when one is known, else GHSA, else the smallest id). */
  id: string;
  /** Every other id it is known under (sorted). */
  aliases: string[];
  summary?: string;
  product: string;
  productVersion: string;
  /** The SBOM the component is listed in. */
  sbom: string;
  bomRef?: string;
  component: string;
  /** The component's purl as written in the SBOM (with version); undefined for CPE-only components. */
  purl?: string;
  version: string;
  /** The component's CPE, when the match came through it. */
  cpe?: string;
  matchedBy: "purl" | "cpe";
  /** `high`: the package matched by purl; `low`: only a CPE matched (CPE names are ambiguous). */
  confidence: "high" | "low";
  /** The affected versions of the record entries that matched ("< 0.2.4; >= 1.0.0, < 1.2.6"). */
  affected: string;
  /** Versions that fix it (sorted, may be empty: no fix known). */
  fixed: string[];
  cvss?: CvssSummary;
  kev?: { dateAdded: string; dueDate?: string };
  epss?: { score: number; percentile: number };
  exposure?: Exposure;
  priority: Priority;
  /** True when no incident lists the vulnerability (or an alias) for this product. */
  new: boolean;
  known?: KnownCoverage;
  /** The feed records behind the finding (`GHSA-… (osv)`). */
  sources: string[];
}

/** A problem met while matching; the run continues. */
export interface MatchDiagnostic {
  severity: "error" | "warning";
  /** The feed file, SBOM file or source the problem is about. */
  source: string;
  /** Record id, component or position. */
  record?: string;
  message: string;
}

export interface MatchStats {
  sboms: number;
  components: number;
  records: number;
  withdrawn: number;
  vulnerabilities: number;
}

export interface MatchResult {
  matches: Match[];
  diagnostics: MatchDiagnostic[];
  stats: MatchStats;
}
