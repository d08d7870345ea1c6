/**
 * The parts of a CSAF 2.0 document (https://docs.oasis-open.org/csaf/csaf/v2.0/) the reader uses.
 * Nested parts (branches, products, vulnerabilities) are validated one by one so that one bad entry
 * costs only itself. Unknown keys are allowed and ignored.
 */
import { z } from "zod";

export const csafHelperSchema = z
  .looseObject({
    cpe: z.string().optional().describe("CPE 2.2 URI or 2.3 formatted string."),
    purl: z.string().optional().describe("Package URL (CSAF 2.0)."),
    purls: z.array(z.string()).optional().describe("Package URLs (CSAF 2.1)."),
  })
  .describe("`product_identification_helper`.");

export const csafFullProductNameSchema = z
  .looseObject({
    name: z.string().optional().describe("Human-readable product name."),
    product_id: z.string().min(1).describe("Id the vulnerabilities refer to."),
    product_identification_helper: csafHelperSchema.optional(),
  })
  .describe("`full_product_name`.");

export const csafBranchSchema = z
  .looseObject({
    category: z.string().describe("`vendor`, `product_name`, `product_version`, `product_version_range`, …"),
    name: z.string().describe("The branch's value (a version for `product_version`)."),
    product: z.unknown().optional().describe("The product at this leaf."),
    branches: z.array(z.unknown()).optional().describe("Child branches."),
  })
  .describe("One `branches[]` node.");

export const csafRelationshipSchema = z
  .looseObject({
    category: z.string().describe("`default_component_of`, `installed_on`, …"),
    product_reference: z.string().describe("The component."),
    relates_to_product_reference: z.string().describe("The platform or product it belongs to."),
    full_product_name: csafFullProductNameSchema,
  })
  .describe("One `relationships[]` entry.");

const productIds = z.array(z.string()).optional();

const cvss = z.looseObject({
  version: z.string().optional(),
  vectorString: z.string(),
  baseScore: z.number().optional(),
});

export const csafVulnerabilitySchema = z
  .looseObject({
    cve: z.string().optional().describe("The CVE id."),
    ids: z
      .array(z.looseObject({ system_name: z.string().optional(), text: z.string() }))
      .optional()
      .describe("Other ids (bug trackers, vendor ids)."),
    title: z.string().optional().describe("Short title."),
    notes: z
      .array(z.looseObject({ category: z.string(), text: z.string(), title: z.string().optional() }))
      .optional()
      .describe("Notes; the `description` one becomes the details."),
    cwe: z.looseObject({ id: z.string() }).optional().describe("The CWE (CSAF 2.0)."),
    cwes: z
      .array(z.looseObject({ id: z.string() }))
      .optional()
      .describe("The CWEs (CSAF 2.1)."),
    product_status: z
      .looseObject({
        first_affected: productIds,
        known_affected: productIds,
        last_affected: productIds,
        first_fixed: productIds,
        fixed: productIds,
        known_not_affected: productIds,
        recommended: productIds,
        under_investigation: productIds,
      })
      .optional()
      .describe("Product ids by status."),
    scores: z
      .array(
        z.looseObject({
          products: productIds,
          cvss_v2: cvss.optional(),
          cvss_v3: cvss.optional(),
          cvss_v4: cvss.optional(),
        }),
      )
      .optional()
      .describe("CVSS scores by product."),
    references: z
      .array(z.looseObject({ url: z.string() }))
      .optional()
      .describe("Reference links."),
    release_date: z.string().optional().describe("When the vulnerability was published."),
  })
  .describe("One `vulnerabilities[]` entry.");

export const csafDocumentSchema = z
  .looseObject({
    document: z.looseObject({
      csaf_version: z.string().describe("`2.0`."),
      title: z.string().optional(),
      publisher: z.looseObject({ name: z.string().optional() }).optional(),
      tracking: z.looseObject({
        id: z.string().min(1).describe("The document's id (`RHSA-2023:4378`)."),
        initial_release_date: z.string().optional(),
        current_release_date: z.string().optional(),
      }),
    }),
    product_tree: z
      .looseObject({
        branches: z.array(z.unknown()).optional(),
        full_product_names: z.array(z.unknown()).optional(),
        relationships: z.array(z.unknown()).optional(),
      })
      .optional(),
    vulnerabilities: z.array(z.unknown()).optional(),
  })
  .describe("A CSAF document.");

export type CsafFullProductName = z.infer<typeof csafFullProductNameSchema>;
export type CsafVulnerability = z.infer<typeof csafVulnerabilitySchema>;
export type CsafDocument = z.infer<typeof csafDocumentSchema>;
