/**
 * OpenPGP signing and verification (openpgp.js), pure given key objects: no clock, no files.
 *
 * Reproducibility: every signature is dated from the data (`date`, raised to the key's
 * creation date when earlier, since openpgp.js refuses a signature older than its key), and
 * the random salt notation openpgp.js 6 adds by default is switched off. With a
 * deterministic signature algorithm (EdDSA, RSA) the same input gives the same bytes.
 * Keys and signatures are v4, which GnuPG 2.2 verifies.
 */
import * as openpgp from "openpgp";

/** A decrypted private key ready to sign, with what a publisher needs to announce it. */
export interface SigningKey {
  /** Decrypted openpgp.js private key. */
  privateKey: openpgp.PrivateKey;
  /** The armored public key (what `pgp-key.asc` holds). */
  publicKeyArmored: string;
  /** Primary key fingerprint: 40 uppercase hex digits. */
  fingerprint: string;
  /** Earliest date this key can sign at: signatures asked for an earlier date are dated here. */
  creationDate: Date;
}

/** Result of a verification: never throws for a bad signature, says why instead. */
export interface VerifyResult {
  valid: boolean;
  /** Issuer key id of the (first) signature, 16 uppercase hex digits, when one was read. */
  keyId?: string;
  /** Signature creation date, when one was read. */
  created?: Date;
  error?: string;
}

/** Settings for every operation here: v4 keys and signatures, no random salt notation. */
export const PGP_CONFIG: openpgp.PartialConfig = {
  nonDeterministicSignaturesViaNotation: false,
  v6Keys: false,
};

function signingDate(key: SigningKey, date: Date): Date {
  if (Number.isNaN(date.getTime())) throw new Error(`signing date is not a date: ${String(date)}`);
  return date.getTime() < key.creationDate.getTime() ? key.creationDate : date;
}

/** Armored detached signature over the bytes of `data` (strings as UTF-8), binary mode. */
export async function signDetached(data: Uint8Array | string, key: SigningKey, date: Date): Promise<string> {
  const binary = typeof data === "string" ? new TextEncoder().encode(data) : data;
  return openpgp.sign({
    message: await openpgp.createMessage({ binary }),
    signingKeys: key.privateKey,
    detached: true,
    date: signingDate(key, date),
    format: "armored",
    config: PGP_CONFIG,
  });
}

/**
 * Cleartext-signed text (RFC 4880 §7), as RFC 9116 wants for security.txt. OpenPGP
 * canonicalizes the text: trailing whitespace on each line is not part of what is signed.
 * openpgp.js writes the signed lines with CRLF and the armor with LF; the result uses LF
 * throughout (the signature covers the canonical CRLF form either way).
 */
export async function clearSign(text: string, key: SigningKey, date: Date): Promise<string> {
  const armored = await openpgp.sign({
    message: await openpgp.createCleartextMessage({ text }),
    signingKeys: key.privateKey,
    date: signingDate(key, date),
    format: "armored",
    config: PGP_CONFIG,
  });
  return armored.replace(/\r\n/g, "\n");
}

/** Reads an armored public (or private: its public part is used) key; throws on garbage. */
export async function readPublicKey(armoredKey: string): Promise<openpgp.Key> {
  return armoredKey.includes("PRIVATE KEY BLOCK")
    ? (await openpgp.readPrivateKey({ armoredKey })).toPublic()
    : openpgp.readKey({ armoredKey });
}

/** Why nobody can encrypt to `key` at `date` (a recipient's, the PSIRT's own), or undefined when one can. */
export async function encryptionKeyProblem(key: openpgp.PublicKey, date: Date): Promise<string | undefined> {
  try {
    await key.getEncryptionKey(undefined, date, undefined, { ...openpgp.config, ...PGP_CONFIG });
    return undefined;
  } catch (error) {
    return `no usable encryption key on ${date.toISOString().slice(0, 10)} (${message(error)})`;
  }
}

/** Uppercase 40-hex fingerprint of an armored key, or undefined when it cannot be read. */
export async function fingerprintOf(armoredKey: string): Promise<string | undefined> {
  try {
    return (await readPublicKey(armoredKey)).getFingerprint().toUpperCase();
  } catch {
    return undefined;
  }
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

async function firstVerified(signatures: openpgp.VerifyMessageResult["signatures"]): Promise<VerifyResult> {
  if (signatures.length === 0) return { valid: false, error: "no signature found" };
  let failure: VerifyResult | undefined;
  for (const sig of signatures) {
    const keyId = sig.keyID.toHex().toUpperCase();
    try {
      await sig.verified;
      const created = (await sig.signature).packets[0]?.created ?? undefined;
      return { valid: true, keyId, ...(created ? { created } : {}) };
    } catch (error) {
      failure ??= { valid: false, keyId, error: message(error) };
    }
  }
  return failure ?? { valid: false, error: "no valid signature" };
}

/** Options for verification. */
export interface VerifyOptions {
  /** Verify as of this date (key validity, "signature in the future"); default: now. */
  date?: Date;
}

/**
 * Checks an armored detached signature over the bytes of `data` against one public key.
 * Valid when at least one signature in `armoredSignature` is by that key and verifies.
 */
export async function verifyDetached(
  data: Uint8Array | string,
  armoredSignature: string,
  armoredPublicKey: string,
  options: VerifyOptions = {},
): Promise<VerifyResult> {
  try {
    const binary = typeof data === "string" ? new TextEncoder().encode(data) : data;
    const result = await openpgp.verify({
      message: await openpgp.createMessage({ binary }),
      signature: await openpgp.readSignature({ armoredSignature }),
      verificationKeys: await readPublicKey(armoredPublicKey),
      format: "binary",
      ...(options.date ? { date: options.date } : {}),
      config: PGP_CONFIG,
    });
    return await firstVerified(result.signatures);
  } catch (error) {
    return { valid: false, error: message(error) };
  }
}

/**
 * Checks a cleartext-signed message against one public key; on success also returns the
 * signed text (what a reader should trust, rather than the raw file).
 */
export async function verifyClearSigned(
  signedText: string,
  armoredPublicKey: string,
  options: VerifyOptions = {},
): Promise<VerifyResult & { text?: string }> {
  try {
    const cleartext = await openpgp.readCleartextMessage({ cleartextMessage: signedText });
    const result = await openpgp.verify({
      message: cleartext,
      verificationKeys: await readPublicKey(armoredPublicKey),
      ...(options.date ? { date: options.date } : {}),
      config: PGP_CONFIG,
    });
    const verdict = await firstVerified(result.signatures);
    return verdict.valid ? { ...verdict, text: cleartext.getText() } : verdict;
  } catch (error) {
    return { valid: false, error: message(error) };
  }
}

/** Earliest creation date among signature packets, if any has one. */
function earliest(signatures: openpgp.SignaturePacket[]): number | undefined {
  const times = signatures.flatMap((s) => (s.created ? [s.created.getTime()] : []));
  return times.length > 0 ? Math.min(...times) : undefined;
}

/**
 * Builds a SigningKey from a decrypted private key. Its creation date is the earliest date at
 * which openpgp.js accepts a signature: not before the signing (sub)key, its first binding
 * signature, or the primary user's first self-signature. `asOf` picks the signing key that
 * is valid at that date (default: now).
 */
export async function toSigningKey(privateKey: openpgp.PrivateKey, asOf?: Date): Promise<SigningKey> {
  if (!privateKey.isDecrypted()) throw new Error("the private key is still encrypted");
  if (privateKey.keyPacket.version !== 4)
    throw new Error(
      `the key is an OpenPGP v${privateKey.keyPacket.version} key: use a v4 key so that GnuPG 2.2 can verify`,
    );
  const config = { ...openpgp.config, ...PGP_CONFIG };
  const signing = await privateKey.getSigningKey(undefined, asOf ?? null, undefined, config);
  const { user } = await privateKey.getPrimaryUser(asOf, undefined, config);
  const times = [privateKey.getCreationTime().getTime(), signing.getCreationTime().getTime()];
  const selfSigned = earliest(user.selfCertifications);
  if (selfSigned !== undefined) times.push(selfSigned);
  if ("bindingSignatures" in signing) {
    const bound = earliest(signing.bindingSignatures);
    if (bound !== undefined) times.push(bound);
  }
  return {
    privateKey,
    publicKeyArmored: privateKey.toPublic().armor(),
    fingerprint: privateKey.getFingerprint().toUpperCase(),
    creationDate: new Date(Math.max(...times)),
  };
}

/**
 * Generates a v4 ECC (Ed25519 legacy / Curve25519 legacy) key created at `date`, unencrypted
 * when no passphrase is given. Not deterministic: the key material is random.
 */
export async function generateSigningKeyArmored(options: {
  userId: string;
  date: Date;
  passphrase?: string;
}): Promise<{ privateKey: string; publicKey: string }> {
  const { privateKey, publicKey } = await openpgp.generateKey({
    type: "ecc",
    curve: "curve25519Legacy",
    userIDs: [{ name: options.userId }],
    date: options.date,
    format: "armored",
    ...(options.passphrase ? { passphrase: options.passphrase } : {}),
    config: PGP_CONFIG,
  });
  return { privateKey, publicKey };
}
