/**
 * `/.well-known/security.txt` (RFC 9116) with the CSAF field (CSAF 2.0 requirement 8).
 * The caller cleartext-signs the text (`clearSign`), as RFC 9116 §2.3 recommends.
 */
import type { ProviderVendor } from "./metadata.ts";

export interface SecurityTxtInput {
  vendor: ProviderVendor;
  /** URL of this security.txt (the Canonical field). */
  canonicalUrl: string;
  policyUrl?: string;
  /** URL of the public OpenPGP key. */
  encryptionUrl?: string;
  /** URL of provider-metadata.json; it must be https (requirement 8). */
  csafUrl: string;
  /** Expiry: a date from the data, less than a year after the build date (see `securityTxtExpiry`). */
  expires: Date;
  /** Language tags, e.g. ["en", "de"]. */
  languages?: readonly string[];
}

/** How long before security.txt's Expires a build starts warning. */
export const EXPIRY_WARNING_DAYS = 60;

/**
 * Expires follows the data date (the commit's), so that builds are reproducible: a repository
 * without commits for a year keeps publishing a security.txt that has expired. A warning when the
 * published one expires within EXPIRY_WARNING_DAYS of `today` (the real date), else undefined.
 */
export function expiryWarning(buildDate: Date, today: Date): string | undefined {
  const expires = securityTxtExpiry(buildDate);
  const days = Math.floor((expires.getTime() - today.getTime()) / 86_400_000);
  if (days >= EXPIRY_WARNING_DAYS) return undefined;
  const when = expires.toISOString().slice(0, 10);
  return `${days < 0 ? `security.txt expired on ${when}` : `security.txt expires on ${when}, in ${days} day${days === 1 ? "" : "s"}`}: its Expires is a year after the data date (${buildDate.toISOString().slice(0, 10)}, the last commit's); commit to the repository (e.g. review the policy) and publish to renew it`;
}

/** RFC 9116 wants Expires less than a year ahead: the build date plus 364 days. */
export function securityTxtExpiry(buildDate: Date): Date {
  return new Date(buildDate.getTime() + 364 * 24 * 60 * 60 * 1000);
}

/** RFC 3339 date-time, whole seconds, UTC: `2027-11-22T00:00:00Z`. */
function dateTime(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** The security.txt fields, one per line, ending with a newline. */
export function securityTxt(input: SecurityTxtInput): string {
  if (!input.csafUrl.startsWith("https://"))
    throw new Error(`security.txt: the CSAF field must be an https:// URL, got "${input.csafUrl}"`);
  const lines = [
    `# Security contact of ${input.vendor.name} (RFC 9116).`,
    `Contact: mailto:${input.vendor.contact.email}`,
    ...(input.vendor.contact.url ? [`Contact: ${input.vendor.contact.url}`] : []),
    `Expires: ${dateTime(input.expires)}`,
    ...(input.encryptionUrl ? [`Encryption: ${input.encryptionUrl}`] : []),
    ...(input.languages && input.languages.length > 0
      ? [`Preferred-Languages: ${input.languages.join(", ")}`]
      : []),
    `Canonical: ${input.canonicalUrl}`,
    ...(input.policyUrl ? [`Policy: ${input.policyUrl}`] : []),
    `CSAF: ${input.csafUrl}`,
  ];
  return `${lines.join("\n")}\n`;
}

/** Reads security.txt fields (comments and blank lines skipped), names lowercased. */
export function parseSecurityTxt(text: string): { name: string; value: string }[] {
  const fields: { name: string; value: string }[] = [];
  for (const line of text.split(/\r?\n/)) {
    if (line.startsWith("#") || line.trim() === "") continue;
    const match = /^([A-Za-z0-9-]+):\s*(.*?)\s*$/.exec(line);
    if (match?.[1] && match[2] !== undefined) fields.push({ name: match[1].toLowerCase(), value: match[2] });
  }
  return fields;
}
