/** Loading the signing key: release key from the environment, cached development key, clear errors. */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as openpgp from "openpgp";
import { describe, expect, it } from "vitest";
import { CliError } from "../../scripts/core/exit-codes.ts";
import { generateSigningKeyArmored, signDetached, verifyDetached } from "../../scripts/core/sign/openpgp.ts";
import { DEV_KEY_FILE, devUserId, loadSigningKey } from "../../scripts/io/signing-key.ts";
import { gpgVerify, HAS_GPG } from "../core/provider/helpers.ts";

const tempDir = () => mkdtempSync(join(tmpdir(), "psirt-key-"));

async function failure(promise: Promise<unknown>): Promise<CliError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CliError);
  return error as CliError;
}

describe("loadSigningKey", async () => {
  const release = await generateSigningKeyArmored({
    userId: "Example Vendor PSIRT <psirt@example.test>",
    date: new Date("2025-02-01T00:00:00Z"),
    passphrase: "correct horse",
  });

  it("generates a development key dated 2000-01-01 once and reuses it", async () => {
    const cacheDir = join(tempDir(), ".psirt");
    const first = await loadSigningKey({ release: false, cacheDir, vendorName: "Example Vendor", env: {} });
    expect(first.development).toBe(true);
    expect(first.warning).toMatch(/DEVELOPMENT key .*NOT FOR RELEASE/);
    expect(first.key.creationDate.toISOString()).toBe("2000-01-01T00:00:00.000Z");
    expect(first.key.privateKey.getUserIDs()).toEqual([devUserId("Example Vendor")]);
    expect(devUserId("Example Vendor")).toBe("Example Vendor PSIRT (DEVELOPMENT KEY, NOT FOR RELEASE)");
    expect(statSync(join(cacheDir, DEV_KEY_FILE)).mode & 0o077).toBe(0);
    const second = await loadSigningKey({ release: false, cacheDir, vendorName: "Example Vendor", env: {} });
    expect(second.key.fingerprint).toBe(first.key.fingerprint);
    const date = new Date("2022-01-01T00:00:00Z");
    expect(await signDetached("x", second.key, date)).toBe(await signDetached("x", first.key, date));
  });

  it("replaces a cached key that is unreadable or belongs to another vendor", async () => {
    const cacheDir = tempDir();
    const first = await loadSigningKey({ release: false, cacheDir, vendorName: "A", env: {} });
    const renamed = await loadSigningKey({ release: false, cacheDir, vendorName: "B", env: {} });
    expect(renamed.key.fingerprint).not.toBe(first.key.fingerprint);
    writeFileSync(join(cacheDir, DEV_KEY_FILE), "garbage");
    const fresh = await loadSigningKey({ release: false, cacheDir, vendorName: "B", env: {} });
    expect(readFileSync(join(cacheDir, DEV_KEY_FILE), "utf8")).toContain("PGP PRIVATE KEY BLOCK");
    expect(fresh.key.fingerprint).not.toBe(renamed.key.fingerprint);
  });

  it("refuses a release build without the release key", async () => {
    const error = await failure(loadSigningKey({ release: true, cacheDir: tempDir(), env: {} }));
    expect(error.exitCode).toBe(2);
    expect(error.message).toMatch(/--release needs the release signing key: set PSIRT_SIGNING_KEY/);
  });

  it("unlocks the release key from the environment and signs with it", async () => {
    const env = { PSIRT_SIGNING_KEY: release.privateKey, PSIRT_SIGNING_PASSPHRASE: "correct horse" };
    const loaded = await loadSigningKey({ release: true, cacheDir: tempDir(), env });
    expect(loaded.development).toBe(false);
    expect(loaded.warning).toBeUndefined();
    const fingerprint = (await openpgp.readKey({ armoredKey: release.publicKey }))
      .getFingerprint()
      .toUpperCase();
    expect(loaded.key.fingerprint).toBe(fingerprint);
    // A document older than the key is signed at the key's creation date.
    const signature = await signDetached("doc", loaded.key, new Date("2022-01-01T00:00:00Z"));
    const verified = await verifyDetached("doc", signature, release.publicKey);
    expect(verified.valid).toBe(true);
    expect(verified.created?.toISOString()).toBe("2025-02-01T00:00:00.000Z");
  });

  it("warns when reporters cannot encrypt to the release key (a sign-only key)", async () => {
    const { privateKey } = await openpgp.generateKey({
      type: "ecc",
      curve: "curve25519Legacy",
      userIDs: [{ name: "Sign only PSIRT" }],
      subkeys: [],
      date: new Date("2025-02-01T00:00:00Z"),
      format: "armored",
    });
    const loaded = await loadSigningKey({
      release: true,
      cacheDir: tempDir(),
      env: { PSIRT_SIGNING_KEY: privateKey },
    });
    expect(loaded.development).toBe(false);
    expect(loaded.warning).toMatch(
      new RegExp(
        `^reporters cannot encrypt to the release key ${loaded.key.fingerprint} .*Add an encryption subkey: gpg --quick-add-key ${loaded.key.fingerprint} cv25519 encr never`,
      ),
    );
  });

  it("says plainly what is wrong with the release key", async () => {
    const cacheDir = tempDir();
    const wrong = await failure(
      loadSigningKey({
        release: true,
        cacheDir,
        env: { PSIRT_SIGNING_KEY: release.privateKey, PSIRT_SIGNING_PASSPHRASE: "wrong" },
      }),
    );
    expect(wrong.message).toMatch(/could not unlock PSIRT_SIGNING_KEY [0-9A-F]{40} .*wrong passphrase/);
    const noPassphrase = await failure(
      loadSigningKey({ release: true, cacheDir, env: { PSIRT_SIGNING_KEY: release.privateKey } }),
    );
    expect(noPassphrase.message).toMatch(/passphrase-protected: set PSIRT_SIGNING_PASSPHRASE/);
    const publicOnly = await failure(
      loadSigningKey({ release: true, cacheDir, env: { PSIRT_SIGNING_KEY: release.publicKey } }),
    );
    expect(publicOnly.message).toMatch(/not an OpenPGP private key: it holds a public key/);
    const path = await failure(
      loadSigningKey({ release: false, cacheDir, env: { PSIRT_SIGNING_KEY: "/keys/k.asc" } }),
    );
    expect(path.message).toMatch(/not a file path/);
  });

  it.skipIf(!HAS_GPG)(
    "signs with a release key made by GnuPG as the docs describe; GnuPG verifies",
    async () => {
      const home = tempDir();
      const gpg = (...args: string[]) => {
        const options = [
          "--homedir",
          home,
          "--batch",
          "--pinentry-mode",
          "loopback",
          "--passphrase",
          "s3cret",
        ];
        return spawnSync("gpg", [...options, ...args], { encoding: "utf8" });
      };
      let secret = "";
      let publicKey = "";
      let fingerprint: string | undefined;
      try {
        const made = gpg(
          "--quick-generate-key",
          "Example Vendor PSIRT <psirt@example.test>",
          "ed25519",
          "sign",
          "never",
        );
        expect(made.status, made.stderr).toBe(0);
        fingerprint = /^fpr:+([0-9A-F]{40}):/m.exec(gpg("--list-keys", "--with-colons").stdout)?.[1];
        secret = gpg("--armor", "--export-secret-keys", fingerprint!).stdout;
        publicKey = gpg("--armor", "--export", fingerprint!).stdout;
      } finally {
        // Key generation starts a gpg-agent for this home directory: stop it, remove the directory.
        spawnSync("gpgconf", ["--homedir", home, "--kill", "gpg-agent"]);
        rmSync(home, { recursive: true, force: true });
      }
      const loaded = await loadSigningKey({
        release: true,
        cacheDir: tempDir(),
        env: { PSIRT_SIGNING_KEY: secret, PSIRT_SIGNING_PASSPHRASE: "s3cret" },
      });
      expect(loaded.key.fingerprint).toBe(fingerprint);
      const data = '{"csaf": true}\n';
      const signature = await signDetached(data, loaded.key, new Date("2020-01-01T00:00:00Z"));
      const result = gpgVerify(publicKey, { signature, data });
      expect(result.output).toContain('Good signature from "Example Vendor PSIRT <psirt@example.test>"');
      expect(result.code).toBe(0);
    },
  );
});
