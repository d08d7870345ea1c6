/**
 * The signing key, from the environment (release) or a cached development key.
 *
 * Release: `PSIRT_SIGNING_KEY` holds an armored private key (in CI: a secret only the publish
 * job sees), `PSIRT_SIGNING_PASSPHRASE` its passphrase. Without them, a development key is
 * generated once, dated 2000-01-01 so that it can sign any date taken from the data, and
 * cached at `.psirt/dev-signing-key.asc` (gitignored) so that builds on one machine are
 * byte-identical. A release build (`release: true`) refuses the development key.
 */
import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import * as openpgp from "openpgp";
import { CliError, EXIT } from "../core/exit-codes.ts";
import {
  encryptionKeyProblem,
  generateSigningKeyArmored,
  type SigningKey,
  toSigningKey,
} from "../core/sign/openpgp.ts";

/** Creation date of every development key. */
export const DEV_KEY_DATE = new Date("2000-01-01T00:00:00Z");
/** File name of the cached development key inside the cache directory. */
export const DEV_KEY_FILE = "dev-signing-key.asc";

export interface LoadSigningKeyOptions {
  /** A release build: the key must come from the environment. */
  release: boolean;
  /** Where the development key is cached; default `.psirt` (relative to the working directory). */
  cacheDir?: string;
  /** Vendor name for the development key's user id; default "Local". */
  vendorName?: string;
  /** Environment to read the release key from; default `process.env`. */
  env?: Record<string, string | undefined>;
}

export interface LoadedSigningKey {
  key: SigningKey;
  /** True when signing with the generated development key. */
  development: boolean;
  /** What to print loudly: the development key, or a release key reporters cannot encrypt to. */
  warning?: string;
}

/** User id of a vendor's development key. */
export function devUserId(vendorName: string): string {
  return `${vendorName} PSIRT (DEVELOPMENT KEY, NOT FOR RELEASE)`;
}

function reason(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

async function releaseKey(armored: string, passphrase: string | undefined): Promise<SigningKey> {
  let key: openpgp.PrivateKey;
  try {
    key = await openpgp.readPrivateKey({ armoredKey: armored });
  } catch (error) {
    const hint = armored.includes("PUBLIC KEY BLOCK")
      ? "it holds a public key; export the secret key with `gpg --armor --export-secret-keys <fingerprint>`"
      : "expected the armored text starting with -----BEGIN PGP PRIVATE KEY BLOCK----- (not a file path)";
    throw new CliError(
      `PSIRT_SIGNING_KEY is not an OpenPGP private key: ${hint} (${reason(error)})`,
      EXIT.usage,
    );
  }
  if (!key.isDecrypted()) {
    if (!passphrase)
      throw new CliError(
        `PSIRT_SIGNING_KEY ${key.getFingerprint().toUpperCase()} is passphrase-protected: set PSIRT_SIGNING_PASSPHRASE`,
        EXIT.usage,
      );
    try {
      key = await openpgp.decryptKey({ privateKey: key, passphrase });
    } catch (error) {
      throw new CliError(
        `could not unlock PSIRT_SIGNING_KEY ${key.getFingerprint().toUpperCase()} with PSIRT_SIGNING_PASSPHRASE: wrong passphrase? (${reason(error)})`,
        EXIT.usage,
      );
    }
  }
  try {
    return await toSigningKey(key);
  } catch (error) {
    throw new CliError(
      `PSIRT_SIGNING_KEY ${key.getFingerprint().toUpperCase()} cannot sign: ${reason(error)}`,
      EXIT.usage,
    );
  }
}

async function readCachedDevKey(path: string, userId: string): Promise<SigningKey | undefined> {
  let armored: string;
  try {
    armored = readFileSync(path, "utf8");
  } catch {
    return undefined;
  }
  try {
    const key = await openpgp.readPrivateKey({ armoredKey: armored });
    if (!key.isDecrypted() || !key.getUserIDs().includes(userId)) return undefined;
    if (key.getCreationTime().getTime() !== DEV_KEY_DATE.getTime()) return undefined;
    return await toSigningKey(key);
  } catch {
    return undefined;
  }
}

async function devKey(cacheDir: string, vendorName: string): Promise<SigningKey> {
  const path = join(cacheDir, DEV_KEY_FILE);
  const userId = devUserId(vendorName);
  const cached = await readCachedDevKey(path, userId);
  if (cached) return cached;
  const { privateKey } = await generateSigningKeyArmored({ userId, date: DEV_KEY_DATE });
  mkdirSync(cacheDir, { recursive: true });
  // Write then rename, so that a concurrent build never reads half a key.
  const temporary = `${path}.${randomBytes(6).toString("hex")}.tmp`;
  writeFileSync(temporary, privateKey, { mode: 0o600 });
  renameSync(temporary, path);
  return toSigningKey(await openpgp.readPrivateKey({ armoredKey: privateKey }));
}

/**
 * The key to sign with: the release key from the environment when set, else (not for a
 * release) the cached development key. Problems are CliErrors (exit 2) with plain messages.
 */
export async function loadSigningKey(options: LoadSigningKeyOptions): Promise<LoadedSigningKey> {
  const env = options.env ?? process.env;
  const armored = env.PSIRT_SIGNING_KEY?.trim();
  if (armored) {
    const key = await releaseKey(armored, env.PSIRT_SIGNING_PASSPHRASE);
    // The published key is also the one security.txt and the policy page ask reporters to
    // encrypt to: a sign-only key builds, but nobody can use it for that.
    const problem = await encryptionKeyProblem(key.privateKey.toPublic(), new Date());
    return problem
      ? {
          key,
          development: false,
          warning:
            `reporters cannot encrypt to the release key ${key.fingerprint} (security.txt Encryption, policy page): ${problem}. ` +
            `Add an encryption subkey: gpg --quick-add-key ${key.fingerprint} cv25519 encr never, then export the key again.`,
        }
      : { key, development: false };
  }
  if (options.release)
    throw new CliError(
      "--release needs the release signing key: set PSIRT_SIGNING_KEY (armored OpenPGP private key) " +
        "and PSIRT_SIGNING_PASSPHRASE; a release is never signed with the development key",
      EXIT.usage,
    );
  const cacheDir = options.cacheDir ?? ".psirt";
  const key = await devKey(cacheDir, options.vendorName ?? "Local");
  return {
    key,
    development: true,
    warning:
      `signing with a DEVELOPMENT key (${key.fingerprint}, ${join(cacheDir, DEV_KEY_FILE)}), NOT FOR RELEASE: ` +
      "customers cannot trust these signatures. Set PSIRT_SIGNING_KEY and PSIRT_SIGNING_PASSPHRASE to sign with the release key.",
  };
}
