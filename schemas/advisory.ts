/** Advisory front matter: `advisories/<YYYY>/<ID>.mdx`. The MDX body holds the prose. */
import { z } from "zod";
import { CveId, Cvss, CweId, DateValue, HttpsUrl, matching, ProductId, Text, Tlp, VulnId } from "./common.ts";

export const ADVISORY_ID = /^[A-Z][A-Z0-9]{1,9}-SA-(\d{4})-(\d{4,})$/;

export const AdvisoryId = matching(
  ADVISORY_ID,
  "malformed advisory id: expected <PREFIX>-SA-<YYYY>-<NNNN>, e.g. NLS-SA-2026-0001",
  "PSIRT-E020",
).describe("Advisory id `<PREFIX>-SA-<YYYY>-<NNNN>`; immutable once published.");

/** Products and versions a statement applies to; `versions` is a range in the product's version scheme. */
export const ProductVersions = z
  .strictObject({
    product: ProductId.describe("Product id from inventory/products/."),
    versions: z
      .string()
      .min(1)
      .max(500)
      .describe(
        "Version range, `vers` style without prefix: `>=7.0.0|<7.3.2`, `7.3.2`, `*` for all versions.",
      ),
  })
  .describe("A product and a version range.");

export const NotAffected = ProductVersions.extend({
  justification: z
    .enum([
      "component_not_present",
      "vulnerable_code_not_present",
      "vulnerable_code_cannot_be_controlled_by_adversary",
      "vulnerable_code_not_in_execute_path",
      "inline_mitigations_already_exist",
    ])
    .describe("CSAF 2.0 VEX justification (published as a product status flag)."),
  statement: Text.describe("Why these versions are not affected (published as a threat of category impact)."),
}).describe("Products and versions that are not affected, with the VEX justification.");

export const Remediation = z
  .strictObject({
    category: z
      .enum(["vendor_fix", "workaround", "mitigation", "no_fix_planned", "none_available"])
      .describe("CSAF remediation category."),
    details: Text.describe("What to do."),
    products: z.array(ProductId).min(1).describe("Products this applies to (their affected versions)."),
    url: HttpsUrl.optional().describe("Download or instructions page."),
    date: DateValue.optional().describe("When the remediation became available."),
  })
  .describe("A remediation for the affected versions of the listed products.");

export const Vulnerability = z
  .strictObject({
    cve: CveId.optional(),
    aliases: z.array(VulnId).default([]).describe("Other ids of this vulnerability (GHSA, OSV)."),
    title: z.string().min(1).max(300).describe("Short title of this vulnerability."),
    cwe: z
      .strictObject({
        id: CweId,
        name: z.string().min(1).max(300).describe("CWE name, e.g. `Deserialization of Untrusted Data`."),
      })
      .optional()
      .describe("Weakness (CSAF 2.0 allows one CWE per vulnerability)."),
    description: Text.optional().describe("One-paragraph description (CSAF note of category description)."),
    discovery_date: DateValue.optional(),
    cvss: Cvss.optional(),
    products: z
      .strictObject({
        known_affected: z
          .array(ProductVersions)
          .default([])
          .describe("Affected products and version ranges."),
        fixed: z.array(ProductVersions).default([]).describe("Versions that contain the fix."),
        known_not_affected: z.array(NotAffected).default([]).describe("Versions that are not affected."),
        under_investigation: z.array(ProductVersions).default([]).describe("Versions still being analysed."),
      })
      .describe("Product status of this vulnerability (CSAF `product_status`)."),
    remediations: z.array(Remediation).default([]),
  })
  .describe("One vulnerability the advisory covers.");

export const Revision = z
  .strictObject({
    version: matching(
      /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/,
      "revision version must be semantic MAJOR.MINOR.PATCH such as 1.0.0",
      "PSIRT-E041",
    ).describe("Document version (CSAF semantic versioning): 1.0.0 for the initial release."),
    date: DateValue.describe("Date of this revision."),
    summary: z.string().min(1).max(1000).describe("What changed; the first revision says `Initial release`."),
  })
  .describe("One entry of the revision history.");

export const Acknowledgment = z
  .strictObject({
    names: z.array(z.string().min(1).max(200)).default([]).describe("People credited (with their consent)."),
    organization: z.string().min(1).max(200).optional(),
    summary: z
      .string()
      .min(1)
      .max(500)
      .optional()
      .describe("What they did, e.g. `reporting this vulnerability`."),
    urls: z.array(HttpsUrl).default([]),
  })
  .describe("Credit for finders and coordinators; only with their consent.");

export const Reference = z
  .strictObject({
    url: HttpsUrl,
    summary: z.string().min(1).max(300).describe("What the link is."),
    category: z.enum(["external", "self"]).default("external"),
  })
  .describe("A reference link.");

export const AdvisoryFrontMatter = z
  .strictObject({
    id: AdvisoryId,
    title: z.string().min(1).max(300).describe("Advisory title."),
    status: z
      .enum(["draft", "interim", "final"])
      .describe(
        "`draft` is never published; `interim` is published and expected to change; `final` is published.",
      ),
    tlp: Tlp,
    embargo_until: DateValue.optional().describe("Not published before this date."),
    incident: matching(
      /^[A-Z][A-Z0-9]{1,9}-IR-\d{4}-\d{4,}$/,
      "malformed incident id: expected <PREFIX>-IR-<YYYY>-<NNNN>",
      "PSIRT-E020",
    )
      .optional()
      .describe("The incident this advisory discloses; that incident must name this advisory."),
    summary: z.string().min(1).max(1000).describe("One or two sentences for feeds and the advisory index."),
    revisions: z
      .array(Revision)
      .min(1)
      .describe("Revision history, oldest first; the first is the initial release."),
    vulnerabilities: z.array(Vulnerability).min(1),
    acknowledgments: z.array(Acknowledgment).default([]),
    references: z.array(Reference).default([]),
  })
  .describe("Front matter of a security advisory.");

export type AdvisoryFrontMatter = z.infer<typeof AdvisoryFrontMatter>;
export type AdvisoryVulnerability = z.infer<typeof Vulnerability>;
export type ProductVersions = z.infer<typeof ProductVersions>;
