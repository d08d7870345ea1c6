/** Recipients file parsing, key checks and audience selection. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import * as openpgp from "openpgp";
import { describe, expect, it } from "vitest";
import type { Model } from "../../../scripts/core/load/repository.ts";
import {
  audience,
  eventFor,
  parseRecipients,
  resolveRecipientKeys,
} from "../../../scripts/core/notify/recipients.ts";
import { FIXTURES } from "../../helpers/repo.ts";

const KEYS = join(FIXTURES, "notify/repo/inventory/keys");
const key = (name: string) => readFileSync(join(KEYS, `${name}.asc`), "utf8");
const model = { products: new Map([["widget", {}]]) } as unknown as Model;
const DATE = new Date("2026-11-20T00:00:00Z");
const indent = (text: string) => text.replace(/^/gm, "      ");

function file(entries: string): string {
  return `recipients:\n${entries}`;
}

describe("parseRecipients", () => {
  it("needs exactly one of pgp_key and key_file", () => {
    const { findings } = parseRecipients(file("  - name: A\n    email: a@a.example\n    kind: cert\n"));
    expect(findings.map((f) => [f.code, f.line, f.message])).toEqual([
      ["PSIRT-E010", 2, expect.stringContaining("exactly one of pgp_key (armored text) or key_file")],
    ]);
  });

  it("reports unknown fields with a suggestion, and key files outside inventory/keys/", () => {
    const { findings } = parseRecipients(
      file("  - name: A\n    emial: a@a.example\n    kind: cert\n    key_file: ../a.asc\n"),
    );
    const messages = findings.map((f) => f.message).join("\n");
    expect(messages).toContain('unknown field "emial": did you mean "email"?');
    expect(messages).toContain("key_file must be repository-relative under inventory/keys/");
  });
});

describe("resolveRecipientKeys", () => {
  it("accepts inline and file keys; reports bad, private and signing-only keys at their line", async () => {
    const signOnly = await openpgp.generateKey({
      userIDs: [{ name: "S", email: "s@s.example" }],
      subkeys: [],
      format: "armored",
      date: new Date("2020-01-01T00:00:00Z"),
    });
    const text = file(
      [
        "  - name: Cert\n    email: cert@national-cert.example\n    kind: cert\n    key_file: inventory/keys/national-cert.asc",
        `  - name: Inline\n    email: security@globex.example\n    kind: customer\n    products: [widget, gizmo]\n    pgp_key: |\n${indent(key("globex"))}`,
        "  - name: Broken\n    email: b@b.example\n    kind: customer\n    pgp_key: not a key",
        `  - name: Secret\n    email: s@s.example\n    kind: cert\n    pgp_key: |\n${indent(signOnly.privateKey)}`,
        `  - name: Signer\n    email: s@s.example\n    kind: cert\n    pgp_key: |\n${indent(signOnly.publicKey)}`,
        "  - name: Wrong key\n    email: w@w.example\n    kind: reporter\n    key_file: inventory/keys/t-wojcik.asc",
      ].join("\n"),
    );
    const { parsed, findings: parseFindings } = parseRecipients(text);
    expect(parseFindings).toEqual([]);
    const keyTexts = new Map([
      ["inventory/keys/national-cert.asc", key("national-cert")],
      ["inventory/keys/t-wojcik.asc", key("t-wojcik")],
    ]);
    const { recipients, findings, warnings } = await resolveRecipientKeys(parsed!, keyTexts, model, DATE);
    expect(recipients.map((r) => [r.name, r.fingerprint.length])).toEqual([
      ["Cert", 40],
      ["Inline", 40],
      ["Wrong key", 40],
    ]);
    const lines = text.split("\n");
    const lineOf = (needle: string) => lines.findIndex((l) => l.includes(needle)) + 1;
    expect(findings.map((f) => [f.line, f.message.replace(/ \(.*$/, "")])).toEqual([
      [
        lineOf("products: [widget, gizmo]"),
        'recipient "Inline" <security@globex.example>: unknown product "gizmo"',
      ],
      [
        lineOf("pgp_key: not a key"),
        'recipient "Broken" <b@b.example>: pgp_key is not an armored OpenPGP public key',
      ],
      [lineOf("name: Secret") + 3, 'recipient "Secret" <s@s.example>: pgp_key holds a PRIVATE key'],
      [
        lineOf("name: Signer") + 3,
        expect.stringMatching(
          /^recipient "Signer" <s@s.example>: key [0-9A-F]{40} cannot encrypt: no usable encryption key on 2026-11-20/,
        ),
      ],
    ]);
    expect(warnings.join("\n")).toContain('recipient "Wrong key" <w@w.example>: the key\'s user ids');
    expect(warnings.join("\n")).toContain("is listed twice");
  });
});

describe("audience", () => {
  const r = (kind: "cert" | "customer" | "reporter", email: string, products?: string[]) => ({
    name: email,
    email,
    kind,
    ...(products ? { products } : {}),
  });
  const all = [
    r("cert", "cert@x.example"),
    r("customer", "a@x.example", ["widget"]),
    r("customer", "b@x.example", ["gadget"]),
    r("customer", "c@x.example"),
    r("reporter", "Rep@X.example"),
    r("reporter", "other@x.example"),
  ];

  it("CERTs always, customers of a named product or without a list, the incident's reporter", () => {
    expect(audience(all, ["widget"], "rep@x.example").map((x) => x.email)).toEqual([
      "cert@x.example",
      "a@x.example",
      "c@x.example",
      "Rep@X.example",
    ]);
    expect(audience(all, ["gadget"], undefined).map((x) => x.email)).toEqual([
      "cert@x.example",
      "b@x.example",
      "c@x.example",
    ]);
  });

  it("maps each recipient kind to its timeline event", () => {
    expect(eventFor("prenotify", all[0]!)).toBe("cert_notified");
    expect(eventFor("prenotify", all[1]!)).toBe("customers_prenotified");
    expect(eventFor("news", all[1]!)).toBe("customers_notified");
    expect(eventFor("news", all[4]!)).toBe("reporter_notified");
  });
});
