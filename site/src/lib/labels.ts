/** Human labels for the enumerations the site shows. */
import type { Severity } from "../../../scripts/core/cvss/index.ts";

/** Severity slugs used in URLs, CSS classes and the client-side filter; "unscored" has no CVSS score. */
export type SeveritySlug = "critical" | "high" | "medium" | "low" | "none" | "unscored";
export const SEVERITY_SLUGS: readonly SeveritySlug[] = [
  "critical",
  "high",
  "medium",
  "low",
  "none",
  "unscored",
];

export const severitySlug = (s: Severity | undefined): SeveritySlug =>
  s ? (s.toLowerCase() as SeveritySlug) : "unscored";

export const SEVERITY_LABEL: Record<SeveritySlug, string> = {
  critical: "Critical",
  high: "High",
  medium: "Medium",
  low: "Low",
  none: "None",
  unscored: "Not scored",
};

export const STATUS_LABEL: Record<string, string> = { interim: "Interim", final: "Final", draft: "Draft" };

export const JUSTIFICATION_LABEL: Record<string, string> = {
  component_not_present: "Component not present",
  vulnerable_code_not_present: "Vulnerable code not present",
  vulnerable_code_cannot_be_controlled_by_adversary: "Vulnerable code cannot be controlled by an adversary",
  vulnerable_code_not_in_execute_path: "Vulnerable code not in execute path",
  inline_mitigations_already_exist: "Inline mitigations already exist",
};

export const REMEDIATION_LABEL: Record<string, string> = {
  vendor_fix: "Vendor fix",
  workaround: "Workaround",
  mitigation: "Mitigation",
  no_fix_planned: "No fix planned",
  none_available: "No fix available",
};

export const SUPPORT_LABEL: Record<string, string> = {
  supported: "Supported",
  security_only: "Security fixes only",
  end_of_life: "End of life",
};

export const PRODUCT_STATUS_LABEL: Record<string, string> = {
  affected: "Affected",
  under_investigation: "Under investigation",
  fixed: "Fixed",
  not_affected: "Not affected",
};

export const CATEGORY_LABEL: Record<string, string> = {
  server: "Server",
  embedded: "Embedded",
  desktop: "Desktop",
  iot: "IoT",
  cloud: "Cloud",
  library: "Library",
  other: "Other",
};

/** The date part of a DateValue (`2026-03-02` or `2026-03-02T09:00:00Z`) for display. */
export const day = (value: string): string => value.slice(0, 10);
