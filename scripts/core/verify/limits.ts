/**
 * How much `verify` reads of a tree it does not control: a limit per kind of file, and a budget
 * for the whole run. The server being verified may be hostile or broken; without limits one
 * endless response fills memory, and one ROLIE feed listing a million entries (each with links)
 * keeps the run fetching for days. Every limit is far above what a real provider publishes, so
 * that only a tree that is broken (or an attack) meets one; meeting one is a failure, never a
 * silent skip, since the tree could then not be verified in full.
 */
import { binarySize } from "../binary-size.ts";

/** The kinds of file `verify` reads, each with its own limit. */
export type VerifyFileKind =
  | "provider-metadata"
  | "key"
  | "rolie-feed"
  | "index"
  | "changes"
  | "document"
  | "hash"
  | "signature"
  | "security.txt";

/** Largest file accepted per kind, in bytes, and its name in messages. */
export const FILE_LIMITS: Readonly<Record<VerifyFileKind, { bytes: number; what: string }>> = {
  // A handful of fields, distributions and keys: 2 KB for this project's, and well under 100 KB
  // for any provider.
  "provider-metadata": { bytes: 1024 ** 2, what: "provider-metadata.json" },
  // An armored key is 1–10 KB, but a key exported with many certifications (as key servers hand
  // them out) reaches hundreds of KB: a few KiB would refuse real keys.
  key: { bytes: 1024 ** 2, what: "an OpenPGP public key" },
  // One entry with its hash and signature links is under 1 KB: about 60,000 documents per feed.
  "rolie-feed": { bytes: 64 * 1024 ** 2, what: "a ROLIE feed" },
  // One line per document, 30–100 bytes: hundreds of thousands of documents.
  index: { bytes: 32 * 1024 ** 2, what: "index.txt" },
  changes: { bytes: 32 * 1024 ** 2, what: "changes.csv" },
  // CSAF sets no size; documents are kilobytes to a few MB (large product trees). Up to 8 are
  // parsed and validated at once, so the limit also bounds memory (the SBOM limit, too).
  document: { bytes: 32 * 1024 ** 2, what: "a CSAF document" },
  // `<128 hex digits>  <file name>`: under 400 bytes.
  hash: { bytes: 4 * 1024, what: "a hash file" },
  // An armored detached signature is 0.3–1 KB per signing key.
  signature: { bytes: 64 * 1024, what: "an OpenPGP signature" },
  // RFC 9116 sets no size; signed files are 1–3 KB.
  "security.txt": { bytes: 64 * 1024, what: "security.txt" },
};

/**
 * Limits of one run. The documents limit is ten times the 10,000 advisories of the benchmark;
 * each document costs at least four reads (itself, two hashes, its signature), so the reads limit
 * leaves room for them and the lists. Bytes: 8 GiB is the documents limit at 80 KB each.
 */
export interface VerifyBudget {
  /** Files read, whatever their outcome. */
  files: number;
  /** Bytes read, all files together. */
  bytes: number;
  /** Distinct documents taken from the lists (ROLIE feeds, index.txt, changes.csv). */
  documents: number;
  /** `public_openpgp_keys` entries read (each signature is tried against every key). */
  keys: number;
}

export const VERIFY_BUDGET: Readonly<VerifyBudget> = {
  files: 500_000,
  bytes: 8 * 1024 ** 3,
  documents: 100_000,
  keys: 16,
};

/** "the limit of 33554432 bytes (32 MiB) for a CSAF document" */
export function limitText(kind: VerifyFileKind, bytes = FILE_LIMITS[kind].bytes): string {
  const size = binarySize(bytes);
  return `the limit of ${bytes} bytes${size === `${bytes} bytes` ? "" : ` (${size})`} for ${FILE_LIMITS[kind].what}`;
}
