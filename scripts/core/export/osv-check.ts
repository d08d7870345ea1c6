/**
 * A strict check of generated OSV records against the OSV schema 1.6 rules
 * (https://ossf.github.io/osv-schema/, validation/schema.json): required fields, RFC 3339 dates,
 * severity and reference types, exactly one key per range event, at least one `introduced` per
 * range, never `fixed` together with `last_affected`, `versions` when no SEMVER/ECOSYSTEM range.
 * Strict objects: a typo in our own generator is an error, unlike the lenient feed reader.
 */
import { z } from "zod";

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const dateTime = z.string().regex(RFC3339, "not an RFC 3339 date-time");

const event = z.union([
  z.strictObject({ introduced: z.string().min(1) }),
  z.strictObject({ fixed: z.string().min(1) }),
  z.strictObject({ last_affected: z.string().min(1) }),
  z.strictObject({ limit: z.string().min(1) }),
]);

const range = z
  .strictObject({
    type: z.enum(["GIT", "SEMVER", "ECOSYSTEM"]),
    repo: z.string().optional(),
    events: z.array(event).min(1),
    database_specific: z.record(z.string(), z.unknown()).optional(),
  })
  .refine((r) => r.events.some((e) => "introduced" in e), "a range needs at least one introduced event")
  .refine(
    (r) => !(r.events.some((e) => "fixed" in e) && r.events.some((e) => "last_affected" in e)),
    "a range may not hold both fixed and last_affected events",
  )
  .refine((r) => r.type !== "GIT" || r.repo !== undefined, "GIT ranges need a repo");

const severity = z
  .strictObject({ type: z.enum(["CVSS_V2", "CVSS_V3", "CVSS_V4", "Ubuntu"]), score: z.string().min(1) })
  .refine(
    (s) =>
      (s.type === "CVSS_V3" && /^CVSS:3\.[01]\//.test(s.score)) ||
      (s.type === "CVSS_V4" && s.score.startsWith("CVSS:4.0/")) ||
      s.type === "CVSS_V2" ||
      s.type === "Ubuntu",
    "the severity score does not match its type",
  );

const affected = z
  .strictObject({
    package: z.strictObject({
      ecosystem: z.string().min(1),
      name: z.string().min(1),
      purl: z.string().optional(),
    }),
    severity: z.array(severity).optional(),
    ranges: z.array(range).optional(),
    versions: z.array(z.string()).optional(),
    ecosystem_specific: z.record(z.string(), z.unknown()).optional(),
    database_specific: z.record(z.string(), z.unknown()).optional(),
  })
  .refine(
    (a) => (a.ranges ?? []).some((r) => r.type !== "GIT") || (a.versions?.length ?? 0) > 0,
    "an affected entry without SEMVER or ECOSYSTEM ranges must enumerate versions",
  );

export const osvRecordCheck = z.strictObject({
  schema_version: z.string().regex(/^\d+\.\d+\.\d+$/),
  id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._:-]*$/),
  modified: dateTime,
  published: dateTime.optional(),
  withdrawn: dateTime.optional(),
  aliases: z.array(z.string().min(1)).optional(),
  related: z.array(z.string().min(1)).optional(),
  upstream: z.array(z.string().min(1)).optional(),
  summary: z.string().optional(),
  details: z.string().optional(),
  severity: z.array(severity).optional(),
  affected: z.array(affected).optional(),
  references: z
    .array(
      z.strictObject({
        type: z.enum([
          "ADVISORY",
          "ARTICLE",
          "DETECTION",
          "DISCUSSION",
          "REPORT",
          "FIX",
          "INTRODUCED",
          "GIT",
          "PACKAGE",
          "EVIDENCE",
          "WEB",
        ]),
        url: z.url(),
      }),
    )
    .optional(),
  credits: z
    .array(
      z.strictObject({
        name: z.string().min(1),
        contact: z.array(z.string()).optional(),
        type: z
          .enum([
            "FINDER",
            "REPORTER",
            "ANALYST",
            "COORDINATOR",
            "REMEDIATION_DEVELOPER",
            "REMEDIATION_REVIEWER",
            "REMEDIATION_VERIFIER",
            "TOOL",
            "SPONSOR",
            "OTHER",
          ])
          .optional(),
      }),
    )
    .optional(),
  database_specific: z.record(z.string(), z.unknown()).optional(),
});

/** Problems of one OSV record as `path: message` lines; empty when it conforms. */
export function checkOsv(record: unknown): string[] {
  const r = osvRecordCheck.safeParse(record);
  if (r.success) return [];
  return r.error.issues.map((i) => `${i.path.join("/") || "(record)"}: ${i.message}`);
}
