/** Incident case files: `incidents/<YYYY>/<ID>.yaml`. Confidential: never published in any form. */
import { z } from "zod";
import { Cvss, DateValue, matching, ProductId, Text, VulnId } from "./common.ts";

export const INCIDENT_ID = /^[A-Z][A-Z0-9]{1,9}-IR-(\d{4})-(\d{4,})$/;

export const IncidentId = matching(
  INCIDENT_ID,
  "malformed incident id: expected <PREFIX>-IR-<YYYY>-<NNNN>, e.g. NLS-IR-2026-0001",
  "PSIRT-E020",
).describe("Incident id `<PREFIX>-IR-<YYYY>-<NNNN>`.");

export const INCIDENT_STATES = ["new", "triage", "analysis", "remediation", "disclosure", "closed"] as const;

export const Analysis = z
  .strictObject({
    product: ProductId,
    versions: z
      .string()
      .min(1)
      .max(500)
      .describe("Version range in the product's scheme (`>=7.0.0|<7.3.2`, `*`)."),
    state: z
      .enum(["exploitable", "in_triage", "not_affected", "false_positive", "resolved"])
      .describe("CycloneDX VEX analysis state for these versions."),
    justification: z
      .enum([
        "code_not_present",
        "code_not_reachable",
        "requires_configuration",
        "requires_dependency",
        "requires_environment",
        "protected_by_compiler",
        "protected_at_runtime",
        "protected_at_perimeter",
        "protected_by_mitigating_control",
      ])
      .optional()
      .describe("CycloneDX VEX justification; required when the state is not_affected."),
    details: Text.optional().describe("What the analysis found."),
    cvss: Cvss.optional().describe("CVSS for this product, when it differs per product."),
    fixed_in: z.string().min(1).max(100).optional().describe("First version with the fix."),
  })
  .describe("Impact analysis for one product's versions.");

export const TimelineEvent = z
  .strictObject({
    date: DateValue,
    event: z
      .enum([
        "received",
        "acknowledged",
        "triaged",
        "analysis_started",
        "fix_available",
        "reporter_notified",
        "cert_notified",
        "customers_prenotified",
        "advisory_published",
        "customers_notified",
        "reopened",
        "closed",
        "note",
      ])
      .describe("What happened; metrics use received, triaged, fix_available and advisory_published."),
    note: z.string().max(2000).optional(),
  })
  .describe("One dated event of the case.");

export const Incident = z
  .strictObject({
    id: IncidentId,
    title: z.string().min(1).max(300),
    state: z.enum(INCIDENT_STATES).describe("new → triage → analysis → remediation → disclosure → closed."),
    resolution: z
      .enum(["fixed", "not_affected", "false_positive", "duplicate", "rejected"])
      .optional()
      .describe("Required when closed."),
    duplicate_of: IncidentId.optional().describe("Required when the resolution is duplicate."),
    source: z
      .strictObject({
        type: z.enum(["external_report", "internal", "feed_match", "customer", "cert"]),
        reporter: z
          .strictObject({
            name: z.string().min(1).max(200),
            organization: z.string().max(200).optional(),
            email: z.email().optional(),
            credit: z.boolean().describe("Consent to be credited by name in the advisory."),
          })
          .optional(),
        reference: z
          .string()
          .max(300)
          .optional()
          .describe("Reporter's, CERT's or feed's reference (VU#…, GHSA-…)."),
      })
      .describe("Where the report came from."),
    received: DateValue,
    embargo_until: DateValue.optional().describe(
      "Coordinated disclosure date agreed with the reporter or CERT.",
    ),
    severity: z.enum(["critical", "high", "medium", "low", "none"]).optional().describe("Triage severity."),
    vulnerabilities: z
      .array(VulnId)
      .default([])
      .describe("CVE, GHSA and OSV ids of the vulnerabilities handled."),
    cvss: Cvss.optional(),
    intel: z
      .strictObject({
        kev_date_added: DateValue.optional(),
        epss: z.number().min(0).max(1).optional(),
        epss_percentile: z.number().min(0).max(1).optional(),
      })
      .optional()
      .describe("Threat intelligence copied from feeds when the incident was opened."),
    analysis: z.array(Analysis).default([]),
    treatment: z
      .strictObject({
        decision: z.enum(["immediate_fix", "planned_release"]),
        target_date: DateValue.optional(),
        release: z.string().max(100).optional().describe("Release that ships the fix."),
        reason: z
          .string()
          .max(2000)
          .optional()
          .describe("Why this decision, required when weaker than recommended."),
      })
      .optional(),
    advisory: matching(
      /^[A-Z][A-Z0-9]{1,9}-SA-\d{4}-\d{4,}$/,
      "malformed advisory id: expected <PREFIX>-SA-<YYYY>-<NNNN>",
      "PSIRT-E020",
    )
      .optional()
      .describe("The advisory that discloses this incident."),
    timeline: z.array(TimelineEvent).default([]).describe("Dated events, oldest first."),
    notes: z.string().max(20_000).optional(),
  })
  .describe("A confidential PSIRT case.");

export type Incident = z.infer<typeof Incident>;
export type IncidentState = (typeof INCIDENT_STATES)[number];
