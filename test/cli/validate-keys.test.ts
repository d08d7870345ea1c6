/**
 * `psirt validate` reads the pre-notification recipients' public keys, as `notify` will: an unusable
 * key fails the pull request instead of the day of a pre-notification.
 */
import { cpSync, readFileSync } from "node:fs";
import { join } from "node:path";
import * as openpgp from "openpgp";
import { describe, expect, it } from "vitest";
import { FIXTURES, psirt, tempRepo, writeIn } from "../helpers/repo.ts";

/** repo-min plus recipients and their keys (the notify fixtures). */
function repo(): string {
  const root = tempRepo();
  cpSync(join(FIXTURES, "notify/repo"), root, { recursive: true });
  return root;
}

const lineOf = (root: string, text: string) =>
  readFileSync(join(root, "inventory/recipients.yaml"), "utf8")
    .split("\n")
    .findIndex((l) => l.includes(text)) + 1;

describe("validate: recipients' keys", () => {
  it("passes with usable keys", () => {
    const r = psirt(["validate", "--root", repo(), "--now", "2026-11-20"]);
    expect(r.stdout).not.toMatch(/E029|W029/);
    expect(r.code).toBe(0);
  });

  it("reports a key that is not a public key, and a private key, at the recipient's line (whole repository and focused)", async () => {
    const root = repo();
    writeIn(
      root,
      "inventory/keys/globex.asc",
      "-----BEGIN PGP PUBLIC KEY BLOCK-----\n\nnot a key\n-----END PGP PUBLIC KEY BLOCK-----\n",
    );
    const line = lineOf(root, "key_file: inventory/keys/globex.asc");
    const whole = psirt(["validate", "--root", root, "--now", "2026-11-20"]);
    expect(whole.code).toBe(1);
    expect(whole.stdout).toContain(
      `inventory/recipients.yaml:${line}:15: error PSIRT-E029 recipient "Globex Security Desk" <security@globex.example>: key_file inventory/keys/globex.asc is not an armored OpenPGP public key`,
    );
    const focused = psirt(["validate", "inventory/keys/globex.asc", "--now", "2026-11-20"], { cwd: root });
    expect(focused.code).toBe(1);
    expect(focused.stdout).toContain("PSIRT-E029");

    const { privateKey } = await openpgp.generateKey({
      userIDs: [{ email: "security@globex.example" }],
      format: "armored",
    });
    writeIn(root, "inventory/keys/globex.asc", privateKey);
    const secret = psirt(["validate", "--root", root, "--now", "2026-11-20"]);
    expect(secret.code).toBe(1);
    expect(secret.stdout).toContain("key_file inventory/keys/globex.asc holds a PRIVATE key");
  });

  it("fails on an expired key and warns 30 days ahead", async () => {
    const root = repo();
    const { publicKey } = await openpgp.generateKey({
      userIDs: [{ name: "Globex", email: "security@globex.example" }],
      date: new Date("2025-11-20T00:00:00Z"),
      keyExpirationTime: 365 * 86_400 + 10 * 86_400, // 2026-11-30
      format: "armored",
    });
    writeIn(root, "inventory/keys/globex.asc", publicKey);
    const soon = psirt(["validate", "--root", root, "--now", "2026-11-20"]);
    expect(soon.code).toBe(0);
    expect(soon.stdout).toMatch(
      /warning PSIRT-W029 recipient "Globex Security Desk" <security@globex.example>: key [0-9A-F]{40} expires on 2026-11-30/,
    );
    const later = psirt(["validate", "--root", root, "--now", "2026-12-05"]);
    expect(later.code).toBe(1);
    expect(later.stdout).toMatch(/error PSIRT-E029 .*Globex Security Desk.* cannot encrypt/);
  });
});
