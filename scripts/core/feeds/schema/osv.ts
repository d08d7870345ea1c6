/**
 * The part of the OSV schema (https://ossf.github.io/osv-schema/) the reader relies on. Upstream
 * data: unknown keys are allowed and ignored, so a new OSV field never rejects a record.
 */
import { z } from "zod";

const EVENT_KEYS = ["introduced", "fixed", "last_affected", "limit"] as const;

export const osvEventSchema = z
  .looseObject({
    introduced: z.string().optional().describe("First affected version (`0` = all earlier)."),
    fixed: z.string().optional().describe("First version that is no longer affected."),
    last_affected: z.string().optional().describe("Last affected version (no fix known after it)."),
    limit: z.string().optional().describe("Upper limit of the range (GIT ranges)."),
  })
  .refine((event) => EVENT_KEYS.filter((key) => event[key] !== undefined).length === 1, {
    message: `expected exactly one of ${EVENT_KEYS.join(", ")}`,
  })
  .describe("One range event.");

export const osvRangeSchema = z
  .looseObject({
    type: z.enum(["ECOSYSTEM", "SEMVER", "GIT"]).describe("How the range's versions are ordered."),
    repo: z.string().optional().describe("Repository URL (GIT ranges)."),
    events: z.array(osvEventSchema).min(1).describe("Events in the order given."),
  })
  .describe("An `affected[].ranges[]` entry.");

export const osvAffectedSchema = z
  .looseObject({
    package: z
      .looseObject({
        ecosystem: z.string().min(1).describe("OSV ecosystem (`npm`, `Maven`, `Debian:12`, …)."),
        name: z.string().min(1).describe("Package name in the ecosystem's own spelling."),
        purl: z.string().optional().describe("purl of the package, when the record gives one."),
      })
      .optional()
      .describe("The affected package; absent for pure GIT ranges."),
    ranges: z.array(osvRangeSchema).nullish().describe("Version ranges."),
    versions: z.array(z.string()).nullish().describe("Explicitly enumerated affected versions."),
  })
  .describe("An `affected[]` entry.");

export const osvRecordSchema = z
  .looseObject({
    id: z.string().min(1).describe("Record id (GHSA-…, PYSEC-…, GO-…)."),
    modified: z.string().optional().describe("Last modification time (RFC 3339)."),
    published: z.string().nullish().describe("Publication time (RFC 3339)."),
    withdrawn: z.string().nullish().describe("Withdrawal time; such records are never matched."),
    aliases: z.array(z.string()).nullish().describe("Same vulnerability under other ids."),
    related: z.array(z.string()).nullish().describe("Related but distinct vulnerabilities."),
    summary: z.string().nullish().describe("One-line summary."),
    details: z.string().nullish().describe("Longer description (Markdown)."),
    severity: z
      .array(z.looseObject({ type: z.string(), score: z.string() }))
      .nullish()
      .describe("Severity vectors (`CVSS_V3`, `CVSS_V4`, …)."),
    affected: z.array(osvAffectedSchema).nullish().describe("Affected packages and versions."),
    references: z
      .array(z.looseObject({ type: z.string().optional(), url: z.string() }))
      .nullish()
      .describe("Reference links."),
    database_specific: z
      .record(z.string(), z.unknown())
      .nullish()
      .describe("Source-specific data (GHSA: cwe_ids, severity, github_reviewed, nvd_published_at)."),
  })
  .describe("One OSV record.");

export type OsvRecordInput = z.infer<typeof osvRecordSchema>;
export type OsvEventInput = z.infer<typeof osvEventSchema>;
