/** Test helpers for the provider tree: a signing key, small CSAF documents, GnuPG. */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import * as openpgp from "openpgp";
import type { ProviderDocument, ProviderTree } from "../../../scripts/core/provider/tree.ts";
import { providerTree } from "../../../scripts/core/provider/tree.ts";
import {
  generateSigningKeyArmored,
  type SigningKey,
  toSigningKey,
} from "../../../scripts/core/sign/openpgp.ts";
import { SHARED_DATA } from "../../helpers/repo.ts";

export const VENDOR = {
  name: "Example Vendor",
  namespace: "https://example.test",
  contact: { email: "psirt@example.test", url: "https://example.test/security/report" },
};
export const SITE = "https://psirt.example.test/";
export const BUILD_DATE = new Date("2026-06-01T00:00:00Z");
/** A date at which the test tree is current (security.txt not expired). */
export const VERIFY_NOW = "2026-07-01";

/** A fresh v4 ECC key created at `date` (default 2000-01-01), as a SigningKey. */
export async function testKey(
  date = new Date("2000-01-01T00:00:00Z"),
  userId = "Test PSIRT",
): Promise<SigningKey> {
  const { privateKey } = await generateSigningKeyArmored({ userId, date });
  return toSigningKey(await openpgp.readPrivateKey({ armoredKey: privateKey }));
}

/**
 * Two small valid CSAF documents: the OASIS BSI example, and a copy with tracking id
 * BSI-2022-0002 and another title (both TLP:WHITE, initial release 2022).
 */
export function sampleDocuments(): ProviderDocument[] {
  const original = readFileSync(join(SHARED_DATA, "csaf-2.0/examples/bsi-2022-0001.json"), "utf8");
  const copy = JSON.parse(original) as { document: { title: string; tracking: { id: string } } };
  copy.document.tracking.id = "BSI-2022-0002";
  copy.document.title = "Second test advisory";
  return [original, `${JSON.stringify(copy, null, 2)}\n`].map((json) => {
    const doc = JSON.parse(json) as {
      document: {
        title: string;
        tracking: { id: string; current_release_date: string; initial_release_date: string };
      };
    };
    const t = doc.document.tracking;
    return {
      trackingId: t.id,
      year: t.initial_release_date.slice(0, 4),
      json,
      currentReleaseDate: t.current_release_date,
      initialReleaseDate: t.initial_release_date,
      title: doc.document.title,
      tlp: "WHITE" as const,
    };
  });
}

export function buildTestTree(key: SigningKey, documents = sampleDocuments()): Promise<ProviderTree> {
  return providerTree({ vendor: VENDOR, canonicalUrl: SITE, documents, buildDate: BUILD_DATE, key });
}

/** Writes a tree into a fresh temporary folder and returns it. */
export function writeTree(tree: ProviderTree): string {
  const dir = mkdtempSync(join(tmpdir(), "psirt-tree-"));
  for (const [path, content] of tree) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return dir;
}

export const HAS_GPG = spawnSync("gpg", ["--version"]).status === 0;

/**
 * `gpg --verify` with a throw-away keyring holding only `publicKey`; returns exit code and output.
 * No gpg-agent is started (public keys need none).
 */
export function gpgVerify(publicKey: string, files: { signature: string; data?: string | Uint8Array }) {
  const home = mkdtempSync(join(tmpdir(), "psirt-gpg-"));
  writeFileSync(join(home, "key.asc"), publicKey);
  const gpg = (args: string[]) =>
    spawnSync("gpg", ["--homedir", home, "--batch", "--no-tty", "--no-autostart", ...args], {
      encoding: "utf8",
    });
  const imported = gpg(["--import", join(home, "key.asc")]);
  if (imported.status !== 0) throw new Error(`gpg --import failed: ${imported.stderr}`);
  writeFileSync(join(home, "signature.asc"), files.signature);
  const args = ["--verify", join(home, "signature.asc")];
  if (files.data !== undefined) {
    writeFileSync(join(home, "data"), files.data);
    args.push(join(home, "data"));
  }
  const result = gpg(args);
  rmSync(home, { recursive: true, force: true });
  return { code: result.status, output: result.stderr };
}
