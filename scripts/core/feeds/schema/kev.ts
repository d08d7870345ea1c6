/**
 * The CISA Known Exploited Vulnerabilities catalog entry, as in
 * https://www.cisa.gov/sites/default/files/feeds/known_exploited_vulnerabilities_schema.json.
 * Unknown keys are allowed and ignored.
 */
import { z } from "zod";

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "expected a date YYYY-MM-DD");

export const kevEntrySchema = z
  .looseObject({
    cveID: z
      .string()
      .regex(/^CVE-\d{4}-\d{4,}$/, "expected a CVE id")
      .describe("The CVE id."),
    vendorProject: z.string().describe("Vendor or project name."),
    product: z.string().describe("Product name."),
    vulnerabilityName: z.string().describe("CISA's name for the vulnerability."),
    dateAdded: date.describe("Date added to the catalog."),
    shortDescription: z.string().optional().describe("Short description."),
    requiredAction: z.string().describe("What federal agencies must do."),
    dueDate: date.describe("Remediation due date for federal agencies."),
    knownRansomwareCampaignUse: z
      .string()
      .optional()
      .describe("`Known` or `Unknown` (older catalogs lack the field)."),
    notes: z.string().optional().describe("Links and remarks."),
    cwes: z.array(z.string()).optional().describe("CWE ids."),
  })
  .describe("One KEV catalog entry.");

export const kevCatalogSchema = z
  .looseObject({
    title: z.string().optional().describe("Catalog title."),
    catalogVersion: z.string().optional().describe("Catalog version (`2025.08.25`)."),
    dateReleased: z.string().optional().describe("Release time."),
    count: z.number().optional().describe("Number of entries."),
    vulnerabilities: z.array(z.unknown()).describe("Entries; validated one by one."),
  })
  .describe("The KEV catalog JSON.");

export type KevEntryInput = z.infer<typeof kevEntrySchema>;
