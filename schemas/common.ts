/**
 * Field types shared by the advisory, incident and product schemas. Every custom check carries
 * `params.code`: the stable finding code the validator reports for it (see scripts/README.md).
 */
import { fullFormats } from "ajv-formats/dist/formats.js";
import { z } from "zod";

/**
 * A string matching `re`. zod keeps `params` on the check but not on the issue it raises, so
 * scripts/core/load/schema-findings.ts reads `code` back from the check to report it.
 */
export function matching(re: RegExp, error: string, code: string) {
  const options = { error, params: { code } };
  return z.string().regex(re, options as { error: string });
}

/** True when `text` is a real calendar date `YYYY-MM-DD` (no 2026-02-30). */
export function isRealDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

const DATE_TIME =
  /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d+)?)?(Z|[+-]([01]\d|2[0-3]):[0-5]\d)$/;

/** A calendar date or an RFC 3339 date-time with offset; YAML keeps both as strings (core schema). */
export const DateValue = z
  .string()
  .refine((v) => isRealDate(v) || (DATE_TIME.test(v) && isRealDate(v.slice(0, 10))), {
    error: "not a real date: expected YYYY-MM-DD or an RFC 3339 date-time such as 2026-01-31T09:00:00Z",
    params: { code: "PSIRT-E040" },
  })
  .describe("Date `YYYY-MM-DD` or RFC 3339 date-time with offset (`2026-01-31T09:00:00Z`).");

/** Milliseconds since the epoch of a DateValue (dates are taken as 00:00 UTC). */
export function dateMs(value: string): number {
  return Date.parse(value.length === 10 ? `${value}T00:00:00Z` : value);
}

export const CveId = matching(
  /^CVE-(199\d|2\d{3})-(0\d{3}|[1-9]\d{3,})$/,
  "malformed CVE id: expected CVE-YYYY-NNNN (4 or more digits, no leading zero beyond 4)",
  "PSIRT-E061",
).describe("CVE id, e.g. `CVE-2021-44228`.");

/**
 * Any public vulnerability id: CVE, GHSA, OSV-style (`PYSEC-2021-1`, `GO-2022-0001`, `RUSTSEC-…`)
 * or a supplier's own id from its CSAF advisory (`CSCvi25380`, `openSUSE-SU-2024:1234-1`). An id
 * starting with CVE or GHSA (in any case) must be well formed, so that a typo is not taken for a
 * supplier id.
 */
export const VulnId = matching(
  /^(CVE-(199\d|2\d{3})-(0\d{3}|[1-9]\d{3,})|GHSA(-[23456789cfghjmpqrvwx]{4}){3}|(?![Cc][Vv][Ee]|[Gg][Hh][Ss][Aa])[A-Za-z0-9][A-Za-z0-9._:#/+-]{1,127})$/,
  "malformed vulnerability id: expected CVE-YYYY-NNNN, GHSA-xxxx-xxxx-xxxx, an OSV id like PYSEC-2021-19 or a supplier's id (letters, digits and . _ : # / + -)",
  "PSIRT-E061",
).describe("Vulnerability id: CVE, GHSA, another OSV database id or a supplier's advisory id.");

export const CweId = matching(
  /^CWE-[1-9]\d{0,4}$/,
  "malformed CWE id: expected CWE-<number> such as CWE-502",
  "PSIRT-E060",
).describe("CWE id, e.g. `CWE-502`.");

/** JSON Schema's `uri` format as Ajv checks it (RFC 3986), which the CSAF validator applies to every URL. */
const isUri = fullFormats.uri as (value: string) => boolean;

/** True when `value` is an absolute `https://` URL with a host that CSAF's `uri` format accepts. */
export function isHttpsUrl(value: string): boolean {
  if (!/^https:\/\/[^/?#]/i.test(value) || !isUri(value)) return false;
  try {
    return new URL(value).hostname.length > 0;
  } catch {
    return false;
  }
}

/** Why `value` is not an https URL, naming the character to percent-encode when there is one. */
export function httpsUrlProblem(value: string): string {
  if (!/^https:\/\//i.test(value)) return "not an https URL: references must be absolute https:// URLs";
  const char = /[^A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=%]/u.exec(value)?.[0];
  const host = /^https:\/\/([^/?#]*)/i.exec(value)?.[1] ?? "";
  if (char !== undefined && /[^\x20-\x7e]/.test(host)) {
    let ascii = "its ASCII (xn--) form";
    try {
      ascii = new URL(value).host;
    } catch {}
    return `the host "${host}" must be written in ASCII: use ${ascii}`;
  }
  if (char !== undefined) {
    let encoded: string;
    try {
      encoded = encodeURIComponent(char);
    } catch {
      encoded = "its UTF-8 bytes as %XX";
    }
    return `${JSON.stringify(char)} may not appear as is in a URL (RFC 3986; the CSAF validator refuses it): percent-encode it as ${encoded}`;
  }
  return "not a valid URL (RFC 3986): a % must be followed by two hex digits, [ ] may only enclose an IPv6 host, # may appear once, and the host may not be empty";
}

export const HttpsUrl = z
  .string()
  .refine(isHttpsUrl, {
    error: (issue) => httpsUrlProblem(String(issue.input)),
    params: { code: "PSIRT-E062" },
  })
  .describe(
    'Absolute `https://` URL (RFC 3986: characters such as space, `|`, `"`, `<`, `>`, `\\`, `^`, `` ` ``, `{`, `}` and non-ASCII letters percent-encoded, e.g. `|` as `%7C`).',
  );

export const ProductId = matching(
  /^[a-z0-9]+(-[a-z0-9]+)*$/,
  "malformed product id: use lowercase letters, digits and single hyphens (e.g. license-server)",
  "PSIRT-E020",
).describe("Product id: lowercase, digits and hyphens; the file name of inventory/products/<id>.yaml.");

/** One CVSS score: the vector decides the version; a declared score or severity must equal the computed one. */
export const CvssScore = z
  .strictObject({
    vector: z.string().min(1).describe("Vector string, e.g. `CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H`."),
    score: z
      .number()
      .min(0)
      .max(10)
      .optional()
      .describe("Declared score; must equal the score computed from the vector."),
    severity: z
      .enum(["NONE", "LOW", "MEDIUM", "HIGH", "CRITICAL"])
      .optional()
      .describe("Declared qualitative severity; must equal the one computed from the vector."),
  })
  .describe("A CVSS vector with optional declared score and severity.");

export const Cvss = z
  .strictObject({
    v3: CvssScore.optional().describe("CVSS v3.1 (or v3.0) vector; published in CSAF `cvss_v3`."),
    v4: CvssScore.optional().describe("CVSS v4.0 vector; shown on the site (CSAF 2.0 has no v4 field)."),
  })
  .describe("CVSS scores by version.");

/** `TLP` labels as CSAF 2.0 spells them. */
export const Tlp = z
  .enum(["WHITE", "GREEN", "AMBER", "RED"])
  .describe("Traffic Light Protocol label (CSAF 2.0).");

export const Text = z.string().min(1).max(20_000);
