/**
 * `inventory/recipients.yaml`: parsed strictly (schemas/recipients.ts), every public key read and
 * checked before anything is written or sent, and the audience of one notice selected. Pure: the
 * caller reads the recipients file and the key files (scripts/io/recipients.ts).
 */
import * as openpgp from "openpgp";
import { type Recipient, Recipients } from "../../../schemas/recipients.ts";
import type { Finding } from "../finding.ts";
import type { Positions } from "../load/positions.ts";
import { type Model, RECIPIENTS_FILE } from "../load/repository.ts";
import { schemaFindings } from "../load/schema-findings.ts";
import { parseYaml } from "../load/yaml.ts";
import { productIdHint } from "../product-versions.ts";
import { encryptionKeyProblem } from "../sign/openpgp.ts";

export { RECIPIENTS_FILE } from "../load/repository.ts";

export interface ParsedRecipients {
  file: string;
  recipients: Recipient[];
  positions: Positions;
}

/** A recipient whose key has been read and can encrypt. */
export interface ResolvedRecipient extends Recipient {
  /** Position in the file (0-based), which orders the messages. */
  index: number;
  key: openpgp.PublicKey;
  /** Primary key fingerprint, 40 uppercase hex digits. */
  fingerprint: string;
}

/** Parses the recipients file: YAML syntax and schema findings, or the typed list. */
export function parseRecipients(
  text: string,
  file = RECIPIENTS_FILE,
): { parsed?: ParsedRecipients; findings: Finding[] } {
  const yaml = parseYaml(text, file);
  if (!yaml.ok) return { findings: yaml.findings };
  const { value, positions } = yaml.parsed;
  const result = Recipients.safeParse(value);
  if (!result.success)
    return { findings: schemaFindings(file, Recipients, result.error.issues, value, positions) };
  return { parsed: { file, recipients: result.data.recipients, positions }, findings: [] };
}

const who = (r: Recipient) => `recipient "${r.name}" <${r.email}>`;

function errorAt(p: ParsedRecipients, pointer: string, code: string, message: string, hint: string): Finding {
  const pos = p.positions.at(pointer);
  return {
    code,
    severity: "error",
    file: p.file,
    pointer,
    line: pos.line,
    column: pos.column,
    message,
    hint,
  };
}

/**
 * Reads each recipient's public key (inline, or from `keyTexts` by key_file path: undefined when
 * the file does not exist) and checks that it is a public key that can encrypt at `date`, and that
 * named products exist. Returns every problem at once; warnings are plain sentences.
 */
export async function resolveRecipientKeys(
  parsed: ParsedRecipients,
  keyTexts: ReadonlyMap<string, string | undefined>,
  model: Model,
  date: Date,
): Promise<{ recipients: ResolvedRecipient[]; findings: Finding[]; warnings: string[] }> {
  const recipients: ResolvedRecipient[] = [];
  const findings: Finding[] = [];
  const warnings: string[] = [];
  const seen = new Map<string, number>();
  for (const [index, r] of parsed.recipients.entries()) {
    const base = `/recipients/${index}`;
    const email = r.email.toLowerCase();
    const line = parsed.positions.at(base).line;
    if (seen.has(email))
      warnings.push(`${parsed.file}:${line}: ${who(r)} is listed twice (also entry ${seen.get(email)! + 1})`);
    seen.set(email, index);
    r.products?.forEach((id, i) => {
      if (!model.products.has(id))
        findings.push(
          errorAt(
            parsed,
            `${base}/products/${i}`,
            "PSIRT-E023",
            `${who(r)}: unknown product "${id}"`,
            productIdHint(model.products.keys()),
          ),
        );
    });
    if (r.products && r.kind !== "customer")
      warnings.push(
        `${parsed.file}:${line}: ${who(r)}: products only filter customers; a ${r.kind} receives every notice`,
      );

    const pointer = r.key_file ? `${base}/key_file` : `${base}/pgp_key`;
    const armored = r.key_file ? keyTexts.get(r.key_file) : r.pgp_key;
    if (armored === undefined) {
      findings.push(
        errorAt(
          parsed,
          pointer,
          "PSIRT-E028",
          `${who(r)}: key_file ${r.key_file} does not exist or is not a regular file`,
          "export the public key with `gpg --armor --export <email>` into that file",
        ),
      );
      continue;
    }
    const where = r.key_file ? `key_file ${r.key_file}` : "pgp_key";
    if (/-----BEGIN PGP PRIVATE KEY BLOCK-----/.test(armored)) {
      findings.push(
        errorAt(
          parsed,
          pointer,
          "PSIRT-E029",
          `${who(r)}: ${where} holds a PRIVATE key`,
          "remove it from the repository at once and use the public key (`gpg --armor --export`)",
        ),
      );
      continue;
    }
    let key: openpgp.PublicKey;
    try {
      key = (await openpgp.readKey({ armoredKey: armored })) as openpgp.PublicKey;
    } catch (error) {
      findings.push(
        errorAt(
          parsed,
          pointer,
          "PSIRT-E029",
          `${who(r)}: ${where} is not an armored OpenPGP public key (${error instanceof Error ? error.message : String(error)})`,
          "paste the whole -----BEGIN PGP PUBLIC KEY BLOCK----- … -----END PGP PUBLIC KEY BLOCK----- text",
        ),
      );
      continue;
    }
    const problem = await encryptionKeyProblem(key, date);
    if (problem) {
      findings.push(
        errorAt(
          parsed,
          pointer,
          "PSIRT-E029",
          `${who(r)}: key ${key.getFingerprint().toUpperCase()} cannot encrypt: ${problem}`,
          "ask the recipient for a current key (expired, revoked or signing-only keys cannot be used)",
        ),
      );
      continue;
    }
    const userIds = key.getUserIDs();
    if (!userIds.some((u) => u.toLowerCase().includes(email)))
      warnings.push(
        `${parsed.file}:${line}: ${who(r)}: the key's user ids (${userIds.join("; ")}) do not mention ${r.email}: is it the right key?`,
      );
    recipients.push({ ...r, index, key, fingerprint: key.getFingerprint().toUpperCase() });
  }
  return { recipients, findings, warnings };
}

export type NoticeKind = "news" | "prenotify";
export type NotifyEvent =
  | "cert_notified"
  | "customers_prenotified"
  | "customers_notified"
  | "reporter_notified";

/** The timeline event a message records. */
export function eventFor(kind: NoticeKind, recipient: Recipient): NotifyEvent {
  if (recipient.kind === "cert") return "cert_notified";
  if (recipient.kind === "reporter") return "reporter_notified";
  return kind === "prenotify" ? "customers_prenotified" : "customers_notified";
}

/**
 * Who receives a notice about an advisory naming `products`: every CERT; customers whose product
 * list names one of them (or who have no list); reporters whose e-mail is the incident reporter's.
 */
export function audience<R extends Recipient>(
  recipients: readonly R[],
  products: readonly string[],
  reporterEmail: string | undefined,
): R[] {
  return recipients.filter((r) => {
    if (r.kind === "cert") return true;
    if (r.kind === "customer") return !r.products || r.products.some((p) => products.includes(p));
    return reporterEmail !== undefined && r.email.toLowerCase() === reporterEmail.toLowerCase();
  });
}
