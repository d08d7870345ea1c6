/** verifyTree over a built folder: passes on a generated tree, names the file for each kind of damage. */
import { copyFileSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import * as openpgp from "openpgp";
import { describe, expect, it } from "vitest";
import { sha256Line, sha512Line } from "../../../scripts/core/provider/hashes.ts";
import { signDetached } from "../../../scripts/core/sign/openpgp.ts";
import type { CsafValidator } from "../../../scripts/core/verify/context.ts";
import { formatVerifyText } from "../../../scripts/core/verify/format.ts";
import { verifyTree } from "../../../scripts/core/verify/verify-tree.ts";
import { directorySource } from "../../../scripts/io/tree-source.ts";
import { buildTestTree, testKey, VERIFY_NOW, writeTree } from "../provider/helpers.ts";

const W = ".well-known/csaf/white";
const DOC1 = `${W}/2022/bsi-2022-0001.json`;
const DOC2 = `${W}/2022/bsi-2022-0002.json`;
const valid: CsafValidator = () => ({ valid: true, errors: [] });

describe("verifyTree", async () => {
  const key = await testKey();
  const other = await testKey();
  const tree = await buildTestTree(key);
  const KEY_PATH = `.well-known/csaf/openpgp/${key.fingerprint}.asc`;

  const verify = (
    dir: string,
    options: { validateCsaf?: CsafValidator; now?: string; pinned?: string[] } = {},
  ) =>
    verifyTree({
      source: directorySource(dir),
      now: new Date(options.now ?? VERIFY_NOW),
      validateCsaf: options.validateCsaf ?? valid,
      ...(options.pinned ? { pinnedFingerprints: options.pinned } : {}),
    });
  const failed = async (dir: string, options?: Parameters<typeof verify>[1]) =>
    (await verify(dir, options)).failures.map((f) => `${f.path}: ${f.message}`);
  /** Replaces a document and its hash files, re-signed: only the content checks can object. */
  const replaceDocument = async (dir: string, path: string, json: string) => {
    const name = path.split("/").at(-1)!;
    writeFileSync(join(dir, path), json);
    writeFileSync(join(dir, `${path}.sha256`), sha256Line(json, name));
    writeFileSync(join(dir, `${path}.sha512`), sha512Line(json, name));
    writeFileSync(join(dir, `${path}.asc`), await signDetached(json, key, new Date("2022-03-17T13:03:42Z")));
  };

  it("passes on a generated tree", async () => {
    const report = await verify(writeTree(tree));
    expect(report.failures).toEqual([]);
    expect(report.warnings).toEqual([]);
    expect(report.networkErrors).toEqual([]);
    expect(report).toMatchObject({ ok: true, documents: 2, keys: [key.fingerprint] });
    expect(formatVerifyText(report)).toMatch(/: 2 documents, key [0-9A-F]{40}: OK\n$/);
    expect((await verify(writeTree(tree), { pinned: [key.fingerprint.toLowerCase()] })).ok).toBe(true);
  });

  it("fails on one byte changed in a document: both hashes and the signature", async () => {
    const dir = writeTree(tree);
    const bytes = readFileSync(join(dir, DOC1));
    const at = bytes.indexOf("XML External");
    bytes[at] = "Y".charCodeAt(0);
    writeFileSync(join(dir, DOC1), bytes);
    const failures = await failed(dir);
    expect(failures).toHaveLength(3);
    expect(failures[0]).toMatch(new RegExp(`^${DOC1}.asc: signature does not verify with the published key`));
    expect(failures[1]).toMatch(new RegExp(`^${DOC1}.sha256: SHA256 does not match bsi-2022-0001.json`));
    expect(failures[2]).toMatch(new RegExp(`^${DOC1}.sha512: SHA512 does not match`));
  });

  it("fails on a swapped signature (another document's)", async () => {
    const dir = writeTree(tree);
    copyFileSync(join(dir, `${DOC2}.asc`), join(dir, `${DOC1}.asc`));
    expect(await failed(dir)).toEqual([
      expect.stringMatching(
        new RegExp(`^${DOC1}.asc: signature does not verify .*digest did not match`, "i"),
      ),
    ]);
  });

  it("fails on a missing .sha512 file", async () => {
    const dir = writeTree(tree);
    rmSync(join(dir, `${DOC2}.sha512`));
    expect(await failed(dir)).toEqual([`${DOC2}.sha512: not found (requirement 18)`]);
  });

  it("fails on a key with a different fingerprint, and on a key other than the pinned one", async () => {
    const dir = writeTree(tree);
    writeFileSync(join(dir, KEY_PATH), other.publicKeyArmored);
    const failures = await failed(dir);
    expect(failures).toEqual([
      `${KEY_PATH}: key fingerprint ${other.fingerprint} does not match ${key.fingerprint} in provider-metadata.json`,
      ".well-known/csaf/provider-metadata.json: no published key matches its fingerprint: the signatures of 2 documents cannot be trusted",
    ]);
    const pinned = await failed(writeTree(tree), { pinned: [other.fingerprint] });
    expect(pinned).toContain(
      `${KEY_PATH}: key fingerprint ${key.fingerprint} is not the pinned ${other.fingerprint}`,
    );
  });

  it("fails when the lists disagree on the documents", async () => {
    const dir = writeTree(tree);
    writeFileSync(join(dir, `${W}/index.txt`), "2022/bsi-2022-0001.json\n2022/extra.json\n");
    expect(await failed(dir)).toEqual([
      `${DOC2}: listed in .well-known/csaf/feed-tlp-white.json and ${W}/changes.csv but missing from ${W}/index.txt`,
      `${W}/2022/extra.json: listed in ${W}/index.txt but missing from the ROLIE feeds and ${W}/changes.csv`,
      `${W}/2022/extra.json: not found, but listed`,
    ]);
  });

  it("fails on a file name that does not follow the tracking id, a wrong TLP, a stale changes.csv", async () => {
    const dir = writeTree(tree);
    const doc = JSON.parse(readFileSync(join(dir, DOC2), "utf8"));
    doc.document.tracking.id = "BSI-2022-0003";
    doc.document.tracking.current_release_date = "2023-01-01T00:00:00Z";
    doc.document.distribution.tlp.label = "AMBER";
    await replaceDocument(dir, DOC2, JSON.stringify(doc));
    expect(await failed(dir)).toEqual([
      `${DOC2}: file name must be "bsi-2022-0003.json" for tracking id "BSI-2022-0003" (CSAF 2.0 section 5.1)`,
      `${DOC2}: changes.csv says 2022-03-17T13:03:42.105Z, current_release_date is 2023-01-01T00:00:00Z`,
      `${DOC2}: is labeled TLP:AMBER but listed in the TLP:WHITE feed`,
    ]);
    const report = await verify(dir);
    expect(report.warnings.map((w) => w.message)).toEqual([
      "ROLIE entry updated 2022-03-17T13:03:42.105Z, current_release_date is 2023-01-01T00:00:00Z",
      'ROLIE entry id "BSI-2022-0002" is not the tracking id "BSI-2022-0003"',
    ]);
  });

  it("reports what the CSAF validator finds", async () => {
    const invalid: CsafValidator = (doc) =>
      (doc as { document: { tracking: { id: string } } }).document.tracking.id === "BSI-2022-0002"
        ? {
            valid: false,
            errors: [{ test: "mandatoryTest_6_1_1", instancePath: "/product_tree", message: "boom" }],
          }
        : { valid: true, errors: [] };
    expect(await failed(writeTree(tree), { validateCsaf: invalid })).toEqual([
      `${DOC2}: not a valid CSAF document: mandatoryTest_6_1_1 /product_tree: boom`,
    ]);
  });

  it("checks security.txt: signature, expiry, CSAF field", async () => {
    const dir = writeTree(tree);
    expect(await failed(dir, { now: "2027-06-01" })).toEqual([
      ".well-known/security.txt: expired on 2027-05-31T00:00:00Z",
    ]);
    const signed = readFileSync(join(dir, ".well-known/security.txt"), "utf8");
    writeFileSync(
      join(dir, ".well-known/security.txt"),
      signed.replace("psirt@example.test", "evil@example.test"),
    );
    expect(await failed(dir)).toEqual([
      expect.stringMatching(/^\.well-known\/security\.txt: signature does not verify with the published key/),
    ]);
    writeFileSync(
      join(dir, ".well-known/security.txt"),
      "Contact: mailto:a@b.test\nExpires: 2030-01-01T00:00:00Z\n",
    );
    expect(await failed(dir)).toEqual([
      ".well-known/security.txt: is not OpenPGP cleartext-signed",
      ".well-known/security.txt: has no CSAF field (CSAF requirement 8)",
    ]);
  });

  it("warns when the key reporters are told to encrypt to is not the provider's, or cannot encrypt", async () => {
    const warned = async (dir: string) => (await verify(dir)).warnings.map((w) => `${w.path}: ${w.message}`);
    const dir = writeTree(tree);
    writeFileSync(join(dir, "pgp-key.asc"), other.publicKeyArmored);
    expect(await warned(dir)).toEqual([
      `pgp-key.asc: the Encryption key ${other.fingerprint} is not the provider's key (${key.fingerprint}): check its fingerprint with the vendor before encrypting to it`,
    ]);
    const { publicKey } = await openpgp.generateKey({
      type: "ecc",
      curve: "curve25519Legacy",
      userIDs: [{ name: "Sign only" }],
      subkeys: [],
      date: new Date("2000-01-01T00:00:00Z"),
      format: "armored",
    });
    writeFileSync(join(dir, "pgp-key.asc"), publicKey);
    expect((await warned(dir))[1]).toMatch(
      /^pgp-key\.asc: reporters cannot encrypt to the Encryption key [0-9A-F]{40}: no usable encryption key on /,
    );
    rmSync(join(dir, "pgp-key.asc"));
    expect(await failed(dir)).toEqual([
      "pgp-key.asc: the Encryption key of .well-known/security.txt is not there",
    ]);
  });

  it("warns that a tree signed with a development key is not a release", async () => {
    const dev = await testKey(undefined, "Example PSIRT (DEVELOPMENT KEY, NOT FOR RELEASE)");
    const report = await verify(writeTree(await buildTestTree(dev)));
    expect(report.failures).toEqual([]);
    expect(report.warnings.map((w) => w.message)).toEqual([
      `key ${dev.fingerprint} is a development key, not for release: this tree is not a release`,
    ]);
  });

  it("fails at once without provider-metadata.json, and on invalid metadata", async () => {
    const dir = writeTree(tree);
    const metadataPath = join(dir, ".well-known/csaf/provider-metadata.json");
    const metadata = JSON.parse(readFileSync(metadataPath, "utf8"));
    metadata.role = "csaf_vendor";
    writeFileSync(metadataPath, JSON.stringify(metadata));
    expect(await failed(dir)).toContain(
      ".well-known/csaf/provider-metadata.json: schema: /role: must be equal to one of the allowed values (csaf_publisher, csaf_provider, csaf_trusted_provider)",
    );
    rmSync(metadataPath);
    const report = await verify(dir);
    expect(report.failures).toEqual([
      { path: ".well-known/csaf/provider-metadata.json", message: "not found" },
    ]);
    expect(report.documents).toBe(0);
  });
});
