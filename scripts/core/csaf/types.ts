/**
 * The subset of CSAF 2.0 (https://docs.oasis-open.org/csaf/csaf/v2.0/csaf-v2.0.html) that this
 * project writes. Property names are CSAF's; documents are built with their keys in alphabetical
 * order, so that optional test 6.2.13 (sorting) passes and the bytes are stable.
 */

export type CsafCategory = "csaf_security_advisory" | "csaf_vex";

export interface CsafNote {
  category: "description" | "details" | "faq" | "general" | "legal_disclaimer" | "other" | "summary";
  text: string;
  title?: string;
}

export interface CsafReference {
  category: "external" | "self";
  summary: string;
  url: string;
}

export interface CsafAcknowledgment {
  names?: string[];
  organization?: string;
  summary?: string;
  urls?: string[];
}

export interface CsafRevision {
  date: string;
  number: string;
  summary: string;
}

export interface CsafTracking {
  current_release_date: string;
  generator: { date: string; engine: { name: string; version: string } };
  id: string;
  initial_release_date: string;
  revision_history: CsafRevision[];
  status: "draft" | "final" | "interim";
  version: string;
}

export interface CsafDocumentMeta {
  acknowledgments?: CsafAcknowledgment[];
  aggregate_severity?: { text: string };
  category: CsafCategory;
  csaf_version: "2.0";
  distribution: { tlp: { label: "AMBER" | "GREEN" | "RED" | "WHITE"; url: string } };
  lang: string;
  notes?: CsafNote[];
  publisher: { category: "vendor"; contact_details?: string; name: string; namespace: string };
  references?: CsafReference[];
  title: string;
  tracking: CsafTracking;
}

export interface CsafFullProductName {
  name: string;
  product_id: string;
  product_identification_helper?: { cpe?: string; purl?: string };
}

export interface CsafBranch {
  branches?: CsafBranch[];
  category: "product_name" | "product_version" | "vendor";
  name: string;
  product?: CsafFullProductName;
}

export interface CsafProductTree {
  branches?: CsafBranch[];
}

export interface CsafProductStatus {
  fixed?: string[];
  known_affected?: string[];
  known_not_affected?: string[];
  under_investigation?: string[];
}

export interface CsafCvssV3 {
  baseScore: number;
  baseSeverity: string;
  environmentalScore?: number;
  environmentalSeverity?: string;
  temporalScore?: number;
  temporalSeverity?: string;
  vectorString: string;
  version: "3.0" | "3.1";
}

export interface CsafCvssV2 {
  baseScore: number;
  environmentalScore?: number;
  temporalScore?: number;
  vectorString: string;
  version: "2.0";
}

export interface CsafScore {
  cvss_v2?: CsafCvssV2;
  cvss_v3?: CsafCvssV3;
  products: string[];
}

export interface CsafRemediation {
  category: "mitigation" | "no_fix_planned" | "none_available" | "vendor_fix" | "workaround";
  date?: string;
  details: string;
  product_ids: string[];
  url?: string;
}

export interface CsafFlag {
  label: string;
  product_ids: string[];
}

export interface CsafThreat {
  category: "exploit_status" | "impact" | "target_set";
  details: string;
  product_ids?: string[];
}

export interface CsafVulnerability {
  cve?: string;
  cwe?: { id: string; name: string };
  discovery_date?: string;
  flags?: CsafFlag[];
  ids?: { system_name: string; text: string }[];
  notes?: CsafNote[];
  product_status?: CsafProductStatus;
  remediations?: CsafRemediation[];
  scores?: CsafScore[];
  threats?: CsafThreat[];
  title?: string;
}

export interface CsafDocument {
  document: CsafDocumentMeta;
  product_tree?: CsafProductTree;
  vulnerabilities?: CsafVulnerability[];
}
