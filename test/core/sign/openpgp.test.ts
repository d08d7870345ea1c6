/** OpenPGP signing: GnuPG 2.2 verifies what we sign, signatures are reproducible, dates come from the data. */
import { describe, expect, it } from "vitest";
import {
  clearSign,
  fingerprintOf,
  signDetached,
  verifyClearSigned,
  verifyDetached,
} from "../../../scripts/core/sign/openpgp.ts";
import { gpgVerify, HAS_GPG, testKey } from "../provider/helpers.ts";

const DATA = '{\n  "document": { "title": "Größe & <Test>" }\n}\n';
const DATE = new Date("2022-03-17T13:03:42Z");
const SECURITY_TXT = [
  "Contact: mailto:psirt@example.test",
  "Expires: 2027-05-31T00:00:00Z",
  "- a line starting with a dash",
  "CSAF: https://psirt.example.test/.well-known/csaf/provider-metadata.json",
  "",
].join("\n");

describe("OpenPGP signatures", async () => {
  const key = await testKey();
  const other = await testKey();

  it("makes v4 keys with an uppercase 40-digit fingerprint", async () => {
    expect(key.privateKey.keyPacket.version).toBe(4);
    expect(key.fingerprint).toMatch(/^[0-9A-F]{40}$/);
    expect(await fingerprintOf(key.publicKeyArmored)).toBe(key.fingerprint);
    expect(key.creationDate.toISOString()).toBe("2000-01-01T00:00:00.000Z");
  });

  it.skipIf(!HAS_GPG)("GnuPG verifies a detached signature", async () => {
    const signature = await signDetached(DATA, key, DATE);
    const result = gpgVerify(key.publicKeyArmored, { signature, data: DATA });
    expect(result.output).toContain("Good signature");
    expect(result.code).toBe(0);
    const tampered = gpgVerify(key.publicKeyArmored, { signature, data: DATA.replace("Test", "Tost") });
    expect(tampered.code).not.toBe(0);
    expect(tampered.output).toContain("BAD signature");
  });

  it.skipIf(!HAS_GPG)("GnuPG verifies a cleartext-signed security.txt", async () => {
    const signed = await clearSign(SECURITY_TXT, key, DATE);
    expect(signed).toMatch(/^-----BEGIN PGP SIGNED MESSAGE-----\nHash: SHA512\n\nContact: mailto:/);
    expect(signed).toContain("\n- - a line starting with a dash\n"); // dash-escaped
    expect(signed).not.toContain("\r");
    const result = gpgVerify(key.publicKeyArmored, { signature: signed });
    expect(result.output).toContain("Good signature");
    expect(result.code).toBe(0);
  });

  it("gives byte-identical signatures for identical input", async () => {
    expect(await signDetached(DATA, key, DATE)).toBe(
      await signDetached(new TextEncoder().encode(DATA), key, DATE),
    );
    expect(await clearSign(SECURITY_TXT, key, DATE)).toBe(await clearSign(SECURITY_TXT, key, DATE));
    expect(await signDetached(DATA, key, new Date("2023-01-01T00:00:00Z"))).not.toBe(
      await signDetached(DATA, key, DATE),
    );
  });

  it("dates the signature from the data, or the key's creation when the data is older", async () => {
    const dated = await verifyDetached(DATA, await signDetached(DATA, key, DATE), key.publicKeyArmored);
    expect(dated).toMatchObject({ valid: true, keyId: key.fingerprint.slice(-16) });
    expect(dated.created?.toISOString()).toBe("2022-03-17T13:03:42.000Z");
    const young = await testKey(new Date("2024-05-01T00:00:00Z"));
    const old = await verifyDetached(DATA, await signDetached(DATA, young, DATE), young.publicKeyArmored);
    expect(old.valid).toBe(true);
    expect(old.created?.toISOString()).toBe("2024-05-01T00:00:00.000Z");
  });

  it("rejects changed data, another key's signature and garbage", async () => {
    const signature = await signDetached(DATA, key, DATE);
    const changed = await verifyDetached(`${DATA} `, signature, key.publicKeyArmored);
    expect(changed.valid).toBe(false);
    expect(changed.error).toMatch(/digest did not match/i);
    const wrongKey = await verifyDetached(DATA, signature, other.publicKeyArmored);
    expect(wrongKey.valid).toBe(false);
    expect(wrongKey.keyId).toBe(key.fingerprint.slice(-16));
    expect((await verifyDetached(DATA, "not a signature", key.publicKeyArmored)).valid).toBe(false);
    expect((await verifyDetached(DATA, signature, "not a key")).valid).toBe(false);
  });

  it("verifies cleartext and returns the signed text", async () => {
    const signed = await clearSign(SECURITY_TXT, key, DATE);
    const ok = await verifyClearSigned(signed, key.publicKeyArmored);
    expect(ok.valid).toBe(true);
    expect(ok.text).toBe(SECURITY_TXT);
    const forged = signed.replace("psirt@example.test", "attacker@example.test");
    expect((await verifyClearSigned(forged, key.publicKeyArmored)).valid).toBe(false);
    expect((await verifyClearSigned(signed, other.publicKeyArmored)).valid).toBe(false);
  });
});
