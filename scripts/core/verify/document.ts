/**
 * Checks one published CSAF document: present, hashes (requirement 18), signature (19),
 * file name (§5.1), year folder (11), TLP, agreement with changes.csv / ROLIE, and validity.
 */
import { csafFileName } from "../csaf/filename.ts";
import { digest, type HashAlgorithm, parseHashFile } from "../provider/hashes.ts";
import { verifyDetached } from "../sign/openpgp.ts";
import { type CsafValidator, str, type VerifyContext } from "./context.ts";
import type { ListedDocument } from "./listings.ts";

/** At most this many validation errors are listed per document. */
const MAX_CSAF_ERRORS = 10;

export interface DocumentCheckOptions {
  /** Armored public keys whose fingerprints matched provider-metadata.json. */
  keys: readonly string[];
  validateCsaf?: CsafValidator;
}

function algorithmOf(location: string): HashAlgorithm | undefined {
  if (location.endsWith(".sha256")) return "sha256";
  if (location.endsWith(".sha512")) return "sha512";
  return undefined;
}

async function checkHash(
  ctx: VerifyContext,
  bytes: Uint8Array,
  location: string,
  docName: string,
  required: boolean,
) {
  const algorithm = algorithmOf(location);
  if (!algorithm) {
    ctx.warn(location, "hash file of an unknown algorithm: not checked");
    return false;
  }
  const result = await ctx.read(location, "hash");
  if ("missing" in result) {
    if (required) ctx.fail(location, "not found (requirement 18)");
    return false;
  }
  if (!("bytes" in result)) return false;
  const parsed = parseHashFile(new TextDecoder().decode(result.bytes), algorithm);
  if ("error" in parsed) {
    ctx.fail(location, parsed.error);
    return true;
  }
  const actual = digest(algorithm, bytes);
  if (parsed.digest !== actual)
    ctx.fail(
      location,
      `${algorithm.toUpperCase()} does not match ${docName}: file says ${parsed.digest}, document hashes to ${actual}`,
    );
  if (parsed.fileName && parsed.fileName !== docName)
    ctx.warn(location, `names the file "${parsed.fileName}", expected "${docName}"`);
  return true;
}

async function checkSignature(
  ctx: VerifyContext,
  bytes: Uint8Array,
  location: string,
  keys: readonly string[],
) {
  const signature = await ctx.readText(location, "signature", "not found (requirement 19)");
  if (signature === undefined || keys.length === 0) return;
  const errors: string[] = [];
  for (const key of keys) {
    const result = await verifyDetached(bytes, signature, key, { date: ctx.now });
    if (result.valid) return;
    errors.push(result.error ?? "invalid");
  }
  ctx.fail(location, `signature does not verify with the published key: ${[...new Set(errors)].join("; ")}`);
}

function checkContent(ctx: VerifyContext, listed: ListedDocument, doc: unknown, name: string): void {
  const where = listed.location;
  const id = str(doc, "document", "tracking", "id");
  if (!id) {
    ctx.fail(where, "has no /document/tracking/id");
  } else if (csafFileName(id) !== name) {
    ctx.fail(where, `file name must be "${csafFileName(id)}" for tracking id "${id}" (CSAF 2.0 section 5.1)`);
  }
  const initial = str(doc, "document", "tracking", "initial_release_date");
  const folder = where.split("/").at(-2);
  if (initial && folder !== initial.slice(0, 4))
    ctx.fail(where, `is in folder "${folder}" but initial_release_date is ${initial} (requirement 11)`);
  const current = str(doc, "document", "tracking", "current_release_date");
  if (listed.changed !== undefined && (!current || Date.parse(current) !== Date.parse(listed.changed)))
    ctx.fail(where, `changes.csv says ${listed.changed}, current_release_date is ${current ?? "missing"}`);
  if (listed.rolie?.updated && current && Date.parse(current) !== Date.parse(listed.rolie.updated))
    ctx.warn(where, `ROLIE entry updated ${listed.rolie.updated}, current_release_date is ${current}`);
  if (listed.rolie?.id && id && listed.rolie.id !== id)
    ctx.warn(where, `ROLIE entry id "${listed.rolie.id}" is not the tracking id "${id}"`);
  const tlp = str(doc, "document", "distribution", "tlp", "label");
  if (listed.tlp && listed.tlp !== "UNLABELED" && tlp !== listed.tlp)
    ctx.fail(where, `is labeled TLP:${tlp ?? "(none)"} but listed in the TLP:${listed.tlp} feed`);
}

async function checkValidity(ctx: VerifyContext, where: string, doc: unknown, validate: CsafValidator) {
  const result = await validate(doc);
  if (result.valid && result.errors.length === 0) return;
  const errors =
    result.errors.length > 0 ? result.errors : [{ test: "csaf", instancePath: "", message: "invalid" }];
  for (const e of errors.slice(0, MAX_CSAF_ERRORS))
    ctx.fail(where, `not a valid CSAF document: ${e.test} ${e.instancePath || "/"}: ${e.message}`);
  if (errors.length > MAX_CSAF_ERRORS)
    ctx.fail(where, `not a valid CSAF document: … and ${errors.length - MAX_CSAF_ERRORS} more errors`);
}

/** Runs every check on one listed document. */
export async function checkDocument(
  ctx: VerifyContext,
  listed: ListedDocument,
  options: DocumentCheckOptions,
) {
  const where = listed.location;
  const read = await ctx.read(where, "document");
  if ("missing" in read) {
    ctx.fail(where, "not found, but listed");
    return;
  }
  if (!("bytes" in read)) return;
  const { bytes } = read;
  const name = where.split("/").at(-1) ?? where;

  const links = listed.rolie?.links ?? [];
  const hashLinks = links.filter((l) => l.rel === "hash").map((l) => l.location);
  const signatureLinks = links.filter((l) => l.rel === "signature").map((l) => l.location);
  if (listed.rolie) {
    if (hashLinks.length === 0)
      ctx.fail(listed.rolie.feed, `entry for ${name} has no hash link (requirement 15)`);
    if (signatureLinks.length === 0)
      ctx.fail(listed.rolie.feed, `entry for ${name} has no signature link (requirement 15)`);
  }
  // Hash files listed in the feed must exist; without a feed, at least one of the usual two.
  const hashes = hashLinks.length > 0 ? hashLinks : [`${where}.sha256`, `${where}.sha512`];
  let found = 0;
  for (const location of hashes)
    if (await checkHash(ctx, bytes, location, name, hashLinks.length > 0)) found++;
  if (hashLinks.length === 0 && found === 0)
    ctx.fail(`${where}.sha512`, "not found: no hash file (requirement 18)");
  for (const location of signatureLinks.length > 0 ? signatureLinks : [`${where}.asc`])
    await checkSignature(ctx, bytes, location, options.keys);

  let doc: unknown;
  try {
    doc = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
  } catch (error) {
    ctx.fail(where, `is not valid UTF-8 JSON: ${error instanceof Error ? error.message : String(error)}`);
    return;
  }
  checkContent(ctx, listed, doc, name);
  if (options.validateCsaf) await checkValidity(ctx, where, doc, options.validateCsaf);
}
