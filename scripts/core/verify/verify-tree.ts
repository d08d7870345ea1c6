/**
 * What a customer runs against a published provider tree: provider-metadata.json and its key,
 * the ROLIE feeds and directory lists, every document's hashes, signature and validity, and
 * the signed security.txt. Reads only through a TreeSource; the clock comes in as `now`.
 */

import { PROVIDER_METADATA_PATH } from "../provider/layout.ts";
import { validateProviderMetadata } from "../provider/validate-metadata.ts";
import { readPublicKey } from "../sign/openpgp.ts";
import {
  arr,
  type CsafValidator,
  mapLimit,
  type Problem,
  str,
  VerifyContext,
  type VerifyLimits,
  type VerifyReport,
} from "./context.ts";
import { checkDocument } from "./document.ts";
import { checkAgreement, readListings } from "./listings.ts";
import { checkSecurityTxt } from "./security-txt.ts";
import type { TreeSource } from "./source.ts";

export type { Problem, VerifyReport } from "./context.ts";

export interface VerifyOptions {
  source: TreeSource;
  /** Date to check signatures and security.txt's Expires against. */
  now: Date;
  /** CSAF validity of each document (scripts/core/csaf/validate.ts); skipped when absent. */
  validateCsaf?: CsafValidator;
  /** Where provider-metadata.json was fetched from: a different canonical_url is a warning. */
  fetchedFrom?: string;
  /**
   * Fingerprints the customer already trusts (pinned out of band): a published key with another
   * fingerprint is a failure even when provider-metadata.json agrees with it.
   */
  pinnedFingerprints?: readonly string[];
  /** Documents checked at once (default 8). */
  concurrency?: number;
  /** Limits other than FILE_LIMITS and VERIFY_BUDGET (scripts/core/verify/limits.ts). */
  limits?: VerifyLimits;
}

const SUFFIX = `/${PROVIDER_METADATA_PATH}`;

/** Site base from canonical_url: the part before `/.well-known/csaf/…`, else the origin. */
function baseOf(canonical: string): string | undefined {
  if (canonical.endsWith(SUFFIX)) return canonical.slice(0, -SUFFIX.length);
  try {
    return new URL(canonical).origin;
  } catch {
    return undefined;
  }
}

/** Reads each public_openpgp_keys entry; returns the armored keys whose fingerprints match. */
async function publishedKeys(
  ctx: VerifyContext,
  metadata: unknown,
  pinned: readonly string[] | undefined,
): Promise<{ armored: string[]; fingerprints: string[] }> {
  const armored: string[] = [];
  const fingerprints: string[] = [];
  const entries = arr(metadata, "public_openpgp_keys");
  if (entries.length === 0) ctx.fail(PROVIDER_METADATA_PATH, "lists no public_openpgp_keys (requirement 20)");
  // Every signature is tried against every key: a list of thousands would be work without end.
  if (entries.length > ctx.budget.keys)
    ctx.fail(
      PROVIDER_METADATA_PATH,
      `lists ${entries.length} public_openpgp_keys, more than the ${ctx.budget.keys} one verify reads: the others are not read`,
    );
  for (const entry of entries.slice(0, ctx.budget.keys)) {
    const url = str(entry, "url");
    if (!url) continue;
    const location = ctx.locate(url);
    const text = await ctx.readText(location, "key", "public key not found (requirement 20)");
    if (text === undefined) continue;
    const key = await readPublicKey(text).catch(() => undefined);
    if (!key) {
      ctx.fail(location, "is not an OpenPGP public key");
      continue;
    }
    const actual = key.getFingerprint().toUpperCase();
    const declared = str(entry, "fingerprint")?.toUpperCase();
    if (declared === undefined) {
      ctx.warn(PROVIDER_METADATA_PATH, `gives no fingerprint for ${url}: the key is used unchecked`);
    } else if (declared !== actual) {
      ctx.fail(location, `key fingerprint ${actual} does not match ${declared} in provider-metadata.json`);
      continue;
    }
    if (pinned && !pinned.includes(actual)) {
      ctx.fail(location, `key fingerprint ${actual} is not the pinned ${pinned.join(" or ")}`);
      continue;
    }
    if (key.getUserIDs().some((id) => /DEVELOPMENT KEY/i.test(id)))
      ctx.warn(location, `key ${actual} is a development key, not for release: this tree is not a release`);
    armored.push(text);
    fingerprints.push(actual);
  }
  return { armored, fingerprints };
}

function byPath(a: Problem, b: Problem): number {
  return a.path < b.path ? -1 : a.path > b.path ? 1 : 0;
}

/** Verifies a published tree; never throws for what it finds, only reports it. */
export async function verifyTree(options: VerifyOptions): Promise<VerifyReport> {
  const ctx = new VerifyContext(options.source, options.now, options.limits);
  const report = (documents: number, keys: string[]): VerifyReport => ({
    source: options.source.label,
    ok: ctx.failures.length === 0 && ctx.networkErrors.length === 0,
    documents,
    keys,
    failures: [...ctx.failures].sort(byPath),
    warnings: [...ctx.warnings].sort(byPath),
    networkErrors: [...ctx.networkErrors].sort(byPath),
  });

  const metadata = await ctx.readJson(PROVIDER_METADATA_PATH, "provider-metadata");
  if (metadata === undefined) return report(0, []);
  for (const e of await validateProviderMetadata(metadata))
    ctx.fail(PROVIDER_METADATA_PATH, `schema: ${e.instancePath}: ${e.message}`);
  const canonical = str(metadata, "canonical_url");
  ctx.base = canonical ? baseOf(canonical) : undefined;
  if (canonical && options.fetchedFrom && canonical !== options.fetchedFrom)
    ctx.warn(PROVIDER_METADATA_PATH, `fetched from ${options.fetchedFrom} but canonical_url is ${canonical}`);
  const role = str(metadata, "role");
  if (role !== "csaf_trusted_provider")
    ctx.warn(PROVIDER_METADATA_PATH, `role is ${role ?? "missing"}, not csaf_trusted_provider`);

  const pinned = options.pinnedFingerprints?.map((f) => f.replace(/\s+/g, "").toUpperCase());
  const keys = await publishedKeys(ctx, metadata, pinned);
  const listings = await readListings(ctx, metadata, PROVIDER_METADATA_PATH);
  checkAgreement(ctx, listings);
  const documents = [...listings.documents.values()].sort((a, b) => (a.location < b.location ? -1 : 1));
  if (keys.armored.length === 0 && documents.length > 0)
    ctx.fail(
      PROVIDER_METADATA_PATH,
      `no published key matches its fingerprint: the signatures of ${documents.length} documents cannot be trusted`,
    );
  await mapLimit(documents, options.concurrency ?? 8, (doc) =>
    checkDocument(ctx, doc, {
      keys: keys.armored,
      ...(options.validateCsaf ? { validateCsaf: options.validateCsaf } : {}),
    }),
  );
  await checkSecurityTxt(ctx, keys.armored, canonical, keys.fingerprints);
  return report(documents.length, keys.fingerprints);
}
