/**
 * `psirt notify`: news e-mail and encrypted pre-notification files, GnuPG decryption, recipient key
 * checks, SMTP delivery to a local server, and the incident timeline.
 */
import { spawn, spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SMTPServer } from "smtp-server";
import { afterAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { generateSigningKeyArmored } from "../../scripts/core/sign/openpgp.ts";
import { EXAMPLE, FIXTURES, psirt, ROOT, tempRepo, validateDir, writeIn } from "../helpers/repo.ts";

const KEYS = join(FIXTURES, "notify");
const DATE = "2026-11-20";

/** repo-min plus recipients, a second product and an embargoed advisory with its incident. */
function notifyRepo(): string {
  const root = tempRepo();
  cpSync(join(KEYS, "repo"), root, { recursive: true });
  return root;
}

const read = (root: string, path: string) => readFileSync(join(root, path), "utf8");
const list = (dir: string) => (existsSync(dir) ? readdirSync(dir).sort() : []);

/** Quoted-printable soft breaks and escapes undone, so tests can search the text. */
function decodeQp(text: string): string {
  const bytes = text
    .replace(/=\r?\n/g, "")
    .replace(/=([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
  return Buffer.from(bytes, "latin1").toString("utf8");
}

/** Runs psirt without blocking this process (the SMTP server lives here). */
function psirtAsync(args: string[], env: Record<string, string>) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(
      process.execPath,
      ["--import", join(ROOT, "scripts/node-check.mjs"), join(ROOT, "scripts/psirt.ts"), ...args],
      { cwd: EXAMPLE, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] },
    );
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => {
      stdout += d;
    });
    child.stderr.on("data", (d) => {
      stderr += d;
    });
    child.on("close", (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

const homes: string[] = [];
afterAll(() => {
  for (const h of homes) {
    spawnSync("gpgconf", ["--homedir", h, "--kill", "gpg-agent"]);
    rmSync(h, { recursive: true, force: true });
  }
});

/** Decrypts the PGP/MIME part of an .eml with GnuPG holding only `secretKeys`. */
function gpgDecrypt(eml: string, secretKeys: string[], publicKeys: string[] = []) {
  const home = mkdtempSync(join(tmpdir(), "g"));
  homes.push(home);
  for (const key of [...secretKeys, ...publicKeys]) {
    const r = spawnSync("gpg", ["--homedir", home, "--batch", "--import"], { input: key });
    expect(r.status).toBe(0);
  }
  const armored = /-----BEGIN PGP MESSAGE-----[\s\S]+?-----END PGP MESSAGE-----/.exec(eml)?.[0];
  expect(armored).toBeDefined();
  const r = spawnSync("gpg", ["--homedir", home, "--batch", "--decrypt"], {
    input: armored!.replace(/\r\n/g, "\n"),
  });
  return { code: r.status, stdout: r.stdout.toString("utf8"), stderr: r.stderr.toString("utf8") };
}

describe("notify: news e-mail", () => {
  it("writes one text + HTML message per recipient with the affected table, link, severity and credit", async () => {
    const root = notifyRepo();
    const r = psirt(["notify", "EXC-SA-2026-0001", "--date", DATE, "--root", root]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const dir = join(root, "out/notify/EXC-SA-2026-0001/news");
    // the CERT and the widget customer; not the gadget customer, not the unrelated reporter
    expect(list(dir)).toEqual([
      "01-cert-at-national-cert.example.eml",
      "02-psirt-liaison-at-contoso-controls.example.eml",
    ]);
    const eml = readFileSync(join(dir, "02-psirt-liaison-at-contoso-controls.example.eml"), "utf8");
    expect(eml).toMatch(
      /^To: "Contoso Controls PSIRT liaison \(Contoso Controls\)"\s+<psirt-liaison@contoso-controls\.example>\r$/m,
    );
    expect(eml).toContain("From: Example Corp PSIRT <psirt@example.com>");
    expect(eml).toContain("Date: Fri, 20 Nov 2026 00:00:00 +0000");
    expect(eml).toMatch(/^Message-ID:\s+<EXC-SA-2026-0001\.1\.0\.0\.news\.[0-9a-f]{16}@example\.com>/m);
    expect(eml).toContain("Content-Type: multipart/alternative");
    expect(eml).not.toMatch(/[^\r]\n/); // CRLF line ends
    const [text, html] = decodeQp(eml).split("Content-Type: text/html");
    expect(text).toContain("Content-Type: text/plain");
    expect(text).toContain("Severity: CRITICAL (CVSS 10.0)");
    expect(text).toContain("WHO IS AFFECTED");
    expect(text).toMatch(/Product\s+\| Affected versions \| Fixed in \| Not affected/);
    expect(text).toMatch(/Example Widget \| 1\.0\.0\s+\| 1\.1\.0\s+\| —/);
    expect(text).toContain("https://psirt.example.com/advisories/EXC-SA-2026-0001/");
    expect(text).toContain("Update (Example Widget): Update to 1.1.0.");
    expect(text).toContain("We thank Ada Researcher");
    expect(html).toContain("<table");
    expect(html).toContain('<th scope="row" style="text-align:left;padding:4px 8px">Example Widget</th>');
    expect(html).toContain('<a href="https://psirt.example.com/advisories/EXC-SA-2026-0001/">');

    // deterministic: the same data and date give the same bytes
    const again = psirt([
      "notify",
      "EXC-SA-2026-0001",
      "--date",
      DATE,
      "--out",
      "out/again",
      "--no-record",
      "--root",
      root,
    ]);
    expect(again.code).toBe(0);
    for (const name of list(dir))
      expect(readFileSync(join(root, "out/again/EXC-SA-2026-0001/news", name))).toEqual(
        readFileSync(join(dir, name)),
      );

    // recorded once in the incident timeline, which still validates
    const timeline = parse(read(root, "incidents/2026/EXC-IR-2026-0001.yaml")).timeline;
    expect(timeline.slice(2)).toEqual([
      {
        date: DATE,
        event: "cert_notified",
        note: "News e-mail on EXC-SA-2026-0001 1.0.0 written to out/notify for: Example National CERT <cert@national-cert.example>.",
      },
      {
        date: DATE,
        event: "customers_notified",
        note: "News e-mail on EXC-SA-2026-0001 1.0.0 written to out/notify for: Contoso Controls PSIRT liaison <psirt-liaison@contoso-controls.example>.",
      },
    ]);
    expect(psirt(["notify", "EXC-SA-2026-0001", "--date", DATE, "--root", root]).code).toBe(0);
    expect(parse(read(root, "incidents/2026/EXC-IR-2026-0001.yaml")).timeline).toHaveLength(4);
    const { findings } = await validateDir(root, new Date(`${DATE}T00:00:00Z`));
    expect(findings.filter((f) => f.severity === "error")).toEqual([]);
  });

  it("refuses to send an advisory that names a reporter who declined credit (PSIRT-E084)", () => {
    const root = notifyRepo();
    const incident = "incidents/2026/EXC-IR-2026-0001.yaml";
    writeIn(root, incident, read(root, incident).replace("credit: true", "credit: false"));
    const r = psirt(["notify", "EXC-SA-2026-0001", "--date", DATE, "--no-record", "--root", root]);
    expect(r.code, r.stdout + r.stderr).toBe(1);
    expect(r.stdout + r.stderr).toContain("PSIRT-E084");
    expect(list(join(root, "out/notify/EXC-SA-2026-0001/news"))).toEqual([]);
  });

  it("escapes the advisory's text in HTML", () => {
    const root = notifyRepo();
    const r = psirt([
      "notify",
      "EXC-SA-2026-0002",
      "--kind",
      "news",
      "--date",
      DATE,
      "--no-record",
      "--root",
      root,
    ]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain("is not published yet");
    const eml = decodeQp(read(root, "out/notify/EXC-SA-2026-0002/news/01-cert-at-national-cert.example.eml"));
    const html = eml.split("Content-Type: text/html")[1]!;
    expect(html).toContain("admin console &lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html).not.toContain("<script>");
    expect(html).toContain("1.0.0 &amp; change settings");
    expect(html).toContain("Block port <strong>8443</strong> at the firewall.");
  });
});

describe("notify: pre-notification", () => {
  const secret = (name: string) => readFileSync(join(KEYS, `${name}.sec.asc`), "utf8");

  it("encrypts one PGP/MIME message per recipient that only that recipient can read", async () => {
    const root = notifyRepo();
    const incident = "incidents/2026/EXC-IR-2026-0002.yaml";
    const before = read(root, incident);
    const r = psirt(["notify", "EXC-SA-2026-0002", "--date", DATE, "--root", root]);
    expect(r.code).toBe(0);
    const dir = join(root, "out/notify/EXC-SA-2026-0002/prenotify");
    expect(list(dir)).toEqual([
      "01-cert-at-national-cert.example.eml",
      "02-psirt-liaison-at-contoso-controls.example.eml",
      "03-security-at-globex.example.eml",
      "04-t.wojcik-at-vistula-research.example.eml",
    ]);
    const eml = readFileSync(join(dir, "01-cert-at-national-cert.example.eml"), "utf8");
    expect(eml).toContain('Content-Type: multipart/encrypted; protocol="application/pgp-encrypted"');
    expect(eml).toContain("Content-Type: application/pgp-encrypted");
    expect(eml).toContain("Version: 1");
    expect(eml).toMatch(
      /^Subject: \[EMBARGOED\] Example Corp security pre-notification\s+EXC-SA-2026-0002\r$/m,
    );
    // Phrases with spaces: ASCII armor (base64) can contain any short run of letters and digits,
    // such as "8443", but never a space.
    expect(eml).not.toContain("Authentication bypass");
    expect(eml).not.toContain("Block port");

    const mine = gpgDecrypt(eml, [secret("national-cert")]);
    expect(mine.code).toBe(0);
    const clear = decodeQp(mine.stdout);
    expect(clear).toContain("*** EMBARGOED until 2027-06-01 — do not distribute ***");
    expect(clear).toContain("TLP:AMBER");
    expect(clear).toMatch(
      /Subject: \[EMBARGOED until 2027-06-01\] EXC-SA-2026-0002:\s+Authentication\s+bypass/,
    );
    expect(clear).toContain("Example Widget | 1.0.0");
    expect(clear).toContain(
      "will be published at https://psirt.example.com/advisories/EXC-SA-2026-0002/ on 2027-06-01",
    );

    const other = gpgDecrypt(eml, [secret("globex"), secret("contoso-controls")]);
    expect(other.code).not.toBe(0);
    expect(other.stderr).toContain("No secret key");
    expect(other.stdout).not.toContain("EMBARGOED");
    const reporter = gpgDecrypt(
      readFileSync(join(dir, "04-t.wojcik-at-vistula-research.example.eml"), "utf8"),
      [secret("t-wojcik")],
    );
    expect(reporter.code).toBe(0);

    // timeline: events appended after the last one, comments and folded notes untouched
    const after = read(root, incident);
    expect(after.startsWith(before)).toBe(true);
    expect(
      parse(after)
        .timeline.slice(2)
        .map((e: { event: string }) => e.event),
    ).toEqual(["reporter_notified", "cert_notified", "customers_prenotified"]);
    expect(after).toContain(
      'note: "Encrypted pre-notification of EXC-SA-2026-0002 1.0.0 (embargoed until 2027-06-01) written to out/notify for: Contoso Controls PSIRT liaison <psirt-liaison@contoso-controls.example>, Globex Security Desk <security@globex.example>."',
    );
    const { findings } = await validateDir(root, new Date(`${DATE}T00:00:00Z`));
    expect(findings.filter((f) => f.severity === "error")).toEqual([]);
  });

  it("signs with the release key when PSIRT_SIGNING_KEY is set", async () => {
    const root = notifyRepo();
    const key = await generateSigningKeyArmored({
      userId: "Example Corp PSIRT",
      date: new Date("2020-01-01T00:00:00Z"),
    });
    const r = psirt(["notify", "EXC-SA-2026-0002", "--date", DATE, "--no-record", "--root", root], {
      env: { PSIRT_SIGNING_KEY: key.privateKey },
    });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(", signed)");
    const eml = read(root, "out/notify/EXC-SA-2026-0002/prenotify/01-cert-at-national-cert.example.eml");
    const out = gpgDecrypt(eml, [secret("national-cert")], [key.publicKey]);
    expect(out.code).toBe(0);
    expect(out.stderr).toContain('Good signature from "Example Corp PSIRT"');
  });

  it("refuses what does not fit the publication state", () => {
    const root = notifyRepo();
    const pre = psirt(["notify", "EXC-SA-2026-0001", "--kind", "prenotify", "--date", DATE, "--root", root]);
    expect(pre.code).toBe(2);
    expect(pre.stderr).toContain("already published");
    const send = psirt(["notify", "EXC-SA-2026-0002", "--kind", "news", "--date", DATE, "--root", root], {
      env: { PSIRT_SMTP_URL: "smtp://127.0.0.1:9" },
    });
    expect(send.code).toBe(2);
    expect(send.stderr).toContain("not published");
    expect(existsSync(join(root, "out"))).toBe(false);
  });
});

describe("notify: recipients and output checks", () => {
  it("an invalid key: exit 1 naming file, line and recipient; nothing written or recorded", () => {
    const root = notifyRepo();
    const incident = read(root, "incidents/2026/EXC-IR-2026-0002.yaml");
    writeIn(
      root,
      "inventory/keys/globex.asc",
      "-----BEGIN PGP PUBLIC KEY BLOCK-----\n\nnot a key\n-----END PGP PUBLIC KEY BLOCK-----\n",
    );
    const r = psirt(["notify", "EXC-SA-2026-0002", "--date", DATE, "--root", root]);
    expect(r.code).toBe(1);
    const line = read(root, "inventory/recipients.yaml")
      .split("\n")
      .findIndex((l) => l.includes("key_file: inventory/keys/globex.asc"));
    expect(r.stderr).toContain(
      `inventory/recipients.yaml:${line + 1}:15: error PSIRT-E029 recipient "Globex Security Desk" <security@globex.example>: key_file inventory/keys/globex.asc is not an armored OpenPGP public key`,
    );
    expect(r.stderr).toContain("nothing written or sent");
    expect(existsSync(join(root, "out"))).toBe(false);
    expect(read(root, "incidents/2026/EXC-IR-2026-0002.yaml")).toBe(incident);
  });

  it("refuses a private key, a missing key file and schema errors", () => {
    const root = notifyRepo();
    const file = "inventory/recipients.yaml";
    const original = read(root, file);
    writeIn(root, "inventory/keys/globex.asc", readFileSync(join(KEYS, "globex.sec.asc")));
    let r = psirt(["notify", "EXC-SA-2026-0002", "--date", DATE, "--root", root]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("holds a PRIVATE key");
    writeIn(root, file, original.replace("inventory/keys/globex.asc", "inventory/keys/nobody.asc"));
    r = psirt(["notify", "EXC-SA-2026-0002", "--date", DATE, "--root", root]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("key_file inventory/keys/nobody.asc does not exist");
    writeIn(root, file, original.replace("kind: cert", "knd: cert"));
    r = psirt(["notify", "EXC-SA-2026-0002", "--date", DATE, "--root", root]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('unknown field "knd": did you mean "kind"?');
    writeIn(root, file, original.replace("products: [gadget]", "products: [gizmo]"));
    r = psirt(["notify", "EXC-SA-2026-0002", "--date", DATE, "--root", root]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('unknown product "gizmo"');
    expect(existsSync(join(root, "out"))).toBe(false);
  });

  it("never writes into dist/ or content folders; --send needs PSIRT_SMTP_URL", () => {
    const root = notifyRepo();
    for (const out of ["dist/notify", "dist", "incidents/x"]) {
      const r = psirt(["notify", "EXC-SA-2026-0001", "--out", out, "--root", root]);
      expect(r.code, out).toBe(2);
    }
    const r = psirt(["notify", "EXC-SA-2026-0001", "--send", "--root", root], {
      env: { PSIRT_SMTP_URL: "" },
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--send needs the SMTP server in PSIRT_SMTP_URL");
    expect(psirt(["notify", "--root", root]).code).toBe(2);
  });
});

describe("notify: SMTP", () => {
  it("sends the .eml bytes to a local SMTP server and records the delivery", async () => {
    const root = notifyRepo();
    const received: { from: string; to: string[]; data: string }[] = [];
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS", "AUTH"],
      logger: false,
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on("data", (c: Buffer) => chunks.push(c));
        stream.on("end", () => {
          received.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
            to: session.envelope.rcptTo.map((a) => a.address),
            data: Buffer.concat(chunks).toString("utf8"),
          });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.server.address() as AddressInfo;
    try {
      const r = await psirtAsync(["notify", "EXC-SA-2026-0001", "--date", DATE, "--root", root], {
        PSIRT_SMTP_URL: `smtp://127.0.0.1:${port}`,
      });
      expect(r.stderr).toBe("");
      expect(r.code).toBe(0);
      expect(r.stdout).toContain("sent 2 messages");
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
    expect(received.map((m) => [m.from, m.to])).toEqual([
      ["psirt@example.com", ["cert@national-cert.example"]],
      ["psirt@example.com", ["psirt-liaison@contoso-controls.example"]],
    ]);
    const file = read(root, "out/notify/EXC-SA-2026-0001/news/01-cert-at-national-cert.example.eml");
    expect(received[0]!.data.replace(/\r\n$/, "")).toBe(file.replace(/\r\n$/, ""));
    const timeline = parse(read(root, "incidents/2026/EXC-IR-2026-0001.yaml")).timeline;
    expect(timeline.at(-1).note).toBe(
      "News e-mail on EXC-SA-2026-0001 1.0.0 sent to: Contoso Controls PSIRT liaison <psirt-liaison@contoso-controls.example>.",
    );
  });

  it("an unreachable server: exit 3, nothing marked as sent", async () => {
    const root = notifyRepo();
    const incident = read(root, "incidents/2026/EXC-IR-2026-0001.yaml");
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
    const { port } = probe.address() as AddressInfo;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const r = await psirtAsync(["notify", "EXC-SA-2026-0001", "--send", "--date", DATE, "--root", root], {
      PSIRT_SMTP_URL: `smtp://user:secret@127.0.0.1:${port}`,
    });
    expect(r.code).toBe(3);
    expect(r.stderr).toContain(`cannot reach the SMTP server smtp://user:***@127.0.0.1:${port}`);
    expect(r.stderr).not.toContain("secret");
    expect(r.stdout).not.toContain("sent");
    expect(read(root, "incidents/2026/EXC-IR-2026-0001.yaml")).toBe(incident);
  });
});

it("the example vendor's recipients load: public keys only, all able to encrypt", () => {
  const out = mkdtempSync(join(tmpdir(), "psirt-notify-"));
  // --no-record: the repository's own incident files are never touched by tests
  const r = psirt(["notify", "NLS-SA-2021-0001", "--out", out, "--no-record", "--date", DATE]);
  expect(r.stderr).toBe("");
  expect(r.code).toBe(0);
  expect(list(join(out, "NLS-SA-2021-0001/news")).length).toBeGreaterThan(0);
  for (const name of readdirSync(join(EXAMPLE, "inventory/keys")))
    expect(readFileSync(join(EXAMPLE, "inventory/keys", name), "utf8")).toMatch(
      /^-----BEGIN PGP PUBLIC KEY BLOCK-----/,
    );
  rmSync(out, { recursive: true, force: true });
});
