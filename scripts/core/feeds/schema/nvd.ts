/**
 * The part of the NVD CVE API 2.0 schema (https://csrc.nist.gov/schema/nvd/api/2.0/cve_api_json_2.0.schema)
 * the reader relies on. Unknown keys are allowed and ignored.
 */
import { z } from "zod";

const langString = z.looseObject({
  lang: z.string().describe("Language code (`en`, `es`)."),
  value: z.string().describe("The text."),
});

export const nvdMetricSchema = z
  .looseObject({
    source: z.string().optional().describe("Who scored (`nvd@nist.gov`, a CNA's id)."),
    type: z.string().optional().describe("`Primary` (NVD) or `Secondary` (CNA, ADP)."),
    cvssData: z
      .looseObject({
        version: z.string().optional().describe("CVSS version (`2.0`, `3.1`, `4.0`)."),
        vectorString: z.string().describe("The CVSS vector."),
        baseScore: z.number().optional().describe("The base score."),
      })
      .describe("The CVSS data."),
  })
  .describe("One `metrics.cvssMetricV*` entry.");

export const nvdCpeMatchSchema = z
  .looseObject({
    vulnerable: z.boolean().describe("Whether the matched platform is itself vulnerable."),
    criteria: z.string().describe("CPE 2.3 formatted string."),
    versionStartIncluding: z.string().optional().describe("Lower bound, inclusive."),
    versionStartExcluding: z.string().optional().describe("Lower bound, exclusive."),
    versionEndIncluding: z.string().optional().describe("Upper bound, inclusive."),
    versionEndExcluding: z.string().optional().describe("Upper bound, exclusive."),
    matchCriteriaId: z.string().optional().describe("NVD's id of this match criterion."),
  })
  .describe("One `cpeMatch` entry.");

export const nvdNodeSchema = z
  .looseObject({
    operator: z.string().optional().describe("`OR` or `AND` over the node's cpeMatch entries."),
    negate: z.boolean().optional().describe("Whether the node is negated."),
    cpeMatch: z.array(nvdCpeMatchSchema).optional().describe("The node's match criteria."),
  })
  .describe("A configuration node.");

export const nvdCveSchema = z
  .looseObject({
    id: z
      .string()
      .regex(/^CVE-\d{4}-\d{4,}$/, "expected a CVE id")
      .describe("The CVE id."),
    sourceIdentifier: z.string().optional().describe("The CNA that published the CVE."),
    published: z.string().optional().describe("Publication time (UTC, no zone designator)."),
    lastModified: z.string().optional().describe("Last modification time (UTC)."),
    vulnStatus: z.string().optional().describe("`Analyzed`, `Modified`, `Rejected`, …"),
    descriptions: z.array(langString).optional().describe("Descriptions by language."),
    metrics: z
      .looseObject({
        cvssMetricV40: z.array(nvdMetricSchema).optional(),
        cvssMetricV31: z.array(nvdMetricSchema).optional(),
        cvssMetricV30: z.array(nvdMetricSchema).optional(),
        cvssMetricV2: z.array(nvdMetricSchema).optional(),
      })
      .optional()
      .describe("CVSS metrics by version."),
    weaknesses: z
      .array(z.looseObject({ source: z.string().optional(), description: z.array(langString) }))
      .optional()
      .describe("CWE ids by source."),
    configurations: z
      .array(
        z.looseObject({
          operator: z.string().optional().describe("`AND` when the nodes must all match."),
          negate: z.boolean().optional(),
          nodes: z.array(nvdNodeSchema),
        }),
      )
      .optional()
      .describe("Applicability statements."),
    references: z
      .array(z.looseObject({ url: z.string() }))
      .optional()
      .describe("Reference links (repeated per source)."),
    cisaExploitAdd: z.string().optional().describe("Date CISA added the CVE to KEV."),
    cisaActionDue: z.string().optional().describe("KEV remediation due date."),
    cisaRequiredAction: z.string().optional().describe("KEV required action."),
    cisaVulnerabilityName: z.string().optional().describe("KEV vulnerability name."),
  })
  .describe("One CVE object (`vulnerabilities[].cve`).");

export const nvdEnvelopeSchema = z
  .looseObject({
    resultsPerPage: z.number().int().nonnegative().describe("Records in this page."),
    startIndex: z.number().int().nonnegative().describe("Index of this page's first record."),
    totalResults: z.number().int().nonnegative().describe("Records matching the query."),
    format: z.string().optional().describe("`NVD_CVE`."),
    vulnerabilities: z.array(z.unknown()).describe("`{ cve }` wrappers; validated one by one."),
  })
  .describe("An NVD CVE API 2.0 response page.");

export type NvdCveInput = z.infer<typeof nvdCveSchema>;
export type NvdMetricInput = z.infer<typeof nvdMetricSchema>;
