/** Checks `/.well-known/security.txt`: cleartext signature, Contact, Expires, CSAF (requirement 8). */
import { SECURITY_TXT_PATH } from "../provider/layout.ts";
import { parseSecurityTxt } from "../provider/security-txt.ts";
import { verifyClearSigned } from "../sign/openpgp.ts";
import type { VerifyContext } from "./context.ts";

export async function checkSecurityTxt(
  ctx: VerifyContext,
  keys: readonly string[],
  canonicalUrl: string | undefined,
): Promise<void> {
  const path = SECURITY_TXT_PATH;
  const raw = await ctx.readText(path, "not found (RFC 9116; CSAF requirement 8)");
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
  const csaf = values("csaf");
  if (csaf.length === 0) ctx.fail(path, "has no CSAF field (CSAF requirement 8)");
  for (const url of csaf)
    if (!url.startsWith("https://")) ctx.fail(path, `CSAF field "${url}" must begin with https://`);
  if (canonicalUrl && csaf.length > 0 && csaf[0] !== canonicalUrl)
    ctx.fail(path, `first CSAF field is ${csaf[0]}, expected the provider metadata ${canonicalUrl}`);
}
