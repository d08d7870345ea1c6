/** Checks `/.well-known/security.txt`: cleartext signature, Contact, Expires, CSAF (requirement 8). */

import { SECURITY_TXT_PATH } from "../provider/layout.ts";
import { parseSecurityTxt } from "../provider/security-txt.ts";
import { encryptionKeyProblem, readPublicKey, verifyClearSigned } from "../sign/openpgp.ts";
import type { VerifyContext } from "./context.ts";

export async function checkSecurityTxt(
  ctx: VerifyContext,
  keys: readonly string[],
  canonicalUrl: string | undefined,
  fingerprints: readonly string[] = [],
): Promise<void> {
  const path = SECURITY_TXT_PATH;
  const raw = await ctx.readText(path, "security.txt", "not found (RFC 9116; CSAF requirement 8)");
  if (raw === undefined) return;
  let text: string | undefined;
  if (!raw.includes("-----BEGIN PGP SIGNED MESSAGE-----")) {
    ctx.fail(path, "is not OpenPGP cleartext-signed");
    text = raw;
  } else if (keys.length > 0) {
    const errors: string[] = [];
    for (const key of keys) {
      const result = await verifyClearSigned(raw, key, { date: ctx.now });
      if (result.valid) {
        text = result.text;
        break;
      }
      errors.push(result.error ?? "invalid");
    }
    if (text === undefined) {
      ctx.fail(path, `signature does not verify with the published key: ${[...new Set(errors)].join("; ")}`);
      return;
    }
  } else {
    return; // no trusted key: already reported; unsigned fields are not worth checking
  }

  const fields = parseSecurityTxt(text ?? "");
  const values = (name: string) => fields.filter((f) => f.name === name).map((f) => f.value);
  if (values("contact").length === 0) ctx.fail(path, "has no Contact field (RFC 9116)");
  const expires = values("expires");
  if (expires.length !== 1) {
    ctx.fail(path, `must have exactly one Expires field (RFC 9116), found ${expires.length}`);
  } else {
    const at = Date.parse(expires[0]!);
    if (Number.isNaN(at)) ctx.fail(path, `Expires "${expires[0]}" is not a date-time`);
    else if (at <= ctx.now.getTime()) ctx.fail(path, `expired on ${expires[0]}`);
  }
  for (const url of values("encryption")) await checkEncryptionKey(ctx, url, fingerprints);
  const csaf = values("csaf");
  if (csaf.length === 0) ctx.fail(path, "has no CSAF field (CSAF requirement 8)");
  for (const url of csaf)
    if (!url.startsWith("https://")) ctx.fail(path, `CSAF field "${url}" must begin with https://`);
  if (canonicalUrl && csaf.length > 0 && csaf[0] !== canonicalUrl)
    ctx.fail(path, `first CSAF field is ${csaf[0]}, expected the provider metadata ${canonicalUrl}`);
}

/**
 * The key reporters are told to encrypt to (`Encryption:`): signed security.txt names its URL but
 * not its content, so a swapped key file would go unnoticed. It must be readable; a key other than
 * the provider's (checked) key is a warning, since nothing here vouches for it, and so is a key
 * that cannot encrypt.
 */
async function checkEncryptionKey(
  ctx: VerifyContext,
  url: string,
  fingerprints: readonly string[],
): Promise<void> {
  if (url.startsWith("openpgp4fpr:") || url.startsWith("dns:")) return;
  const location = ctx.locate(url);
  const text = await ctx.readText(location, "key", `the Encryption key of ${SECURITY_TXT_PATH} is not there`);
  if (text === undefined) return;
  let key: Awaited<ReturnType<typeof readPublicKey>>;
  try {
    key = await readPublicKey(text);
  } catch {
    ctx.fail(location, `is not an OpenPGP public key (the Encryption key of ${SECURITY_TXT_PATH})`);
    return;
  }
  const fingerprint = key.getFingerprint().toUpperCase();
  if (fingerprints.length > 0 && !fingerprints.includes(fingerprint)) {
    ctx.warn(
      location,
      `the Encryption key ${fingerprint} is not the provider's key (${fingerprints.join(", ")}): check its fingerprint with the vendor before encrypting to it`,
    );
  }
  const problem = await encryptionKeyProblem(key, ctx.now);
  if (problem)
    ctx.warn(location, `reporters cannot encrypt to the Encryption key ${fingerprint}: ${problem}`);
}
