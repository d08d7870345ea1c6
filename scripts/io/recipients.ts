/**
 * Reads `inventory/recipients.yaml` and the key files it names, and returns recipients whose keys
 * are checked (scripts/core/notify/recipients.ts). Any problem is reported with file, line and
 * recipient, and stops the command before anything is written or sent (exit 1).
 */
import { lstat, readFile } from "node:fs/promises";
import { join } from "node:path";
import { CliError, EXIT } from "../core/exit-codes.ts";
import type { Finding } from "../core/finding.ts";
import type { Model } from "../core/load/repository.ts";
import {
  parseRecipients,
  RECIPIENTS_FILE,
  type ResolvedRecipient,
  resolveRecipientKeys,
} from "../core/notify/recipients.ts";
import { findingAt } from "../core/rules/rule.ts";
import { formatText } from "../report/findings.ts";

async function readRegular(path: string): Promise<string | undefined> {
  try {
    // symbolic links are not followed: the repository's content is untrusted
    if (!(await lstat(path)).isFile()) return undefined;
    return await readFile(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}

/** Loaded recipients and warnings; throws CliError (exit 2 missing file, exit 1 invalid content). */
export async function loadRecipients(
  root: string,
  model: Model,
  date: Date,
): Promise<{ recipients: ResolvedRecipient[]; warnings: string[] }> {
  const text = await readRegular(join(root, RECIPIENTS_FILE));
  if (text === undefined)
    throw new CliError(
      `${RECIPIENTS_FILE} does not exist: list the recipients and their OpenPGP public keys there (see scripts/docs/communication.md)`,
      EXIT.usage,
    );
  const { parsed, findings } = parseRecipients(text);
  if (!parsed) {
    process.stderr.write(formatText(findings));
    throw new CliError(`${RECIPIENTS_FILE} is invalid: nothing written or sent`, EXIT.findings);
  }
  const keyTexts = new Map<string, string | undefined>();
  for (const r of parsed.recipients)
    if (r.key_file && !keyTexts.has(r.key_file))
      keyTexts.set(r.key_file, await readRegular(join(root, r.key_file)));
  const resolved = await resolveRecipientKeys(parsed, keyTexts, model, date);
  if (resolved.findings.length > 0) {
    process.stderr.write(formatText(resolved.findings));
    const n = resolved.findings.length;
    throw new CliError(
      `${RECIPIENTS_FILE}: ${n} problem${n === 1 ? "" : "s"} with recipients or their keys: nothing written or sent`,
      EXIT.findings,
    );
  }
  return { recipients: resolved.recipients, warnings: resolved.warnings };
}

/** A recipient's key expiring within this many days of the validation date is worth a warning. */
const EXPIRY_WARNING_DAYS = 30;

/**
 * What `validate` says about the recipients' public keys (the files exist: rule E028): a key that
 * is not an OpenPGP public key, a private key, or a key that cannot encrypt at `date` (E029); a key
 * that will expire within 30 days (W029), so that it is renewed before a pre-notification fails.
 */
export async function recipientKeyFindings(root: string, model: Model, date: Date): Promise<Finding[]> {
  const doc = model.recipients;
  if (!doc) return [];
  const parsed = { file: doc.file, recipients: doc.data.recipients, positions: doc.positions };
  const keyTexts = new Map<string, string | undefined>();
  for (const r of parsed.recipients)
    if (r.key_file && model.paths.has(r.key_file) && !keyTexts.has(r.key_file))
      keyTexts.set(r.key_file, await readRegular(join(root, r.key_file)));
  const resolved = await resolveRecipientKeys(parsed, keyTexts, model, date);
  // Missing files and unknown products are the rules' findings already.
  const findings = resolved.findings.filter((f) => f.code === "PSIRT-E029");
  const soon = date.getTime() + EXPIRY_WARNING_DAYS * 86_400_000;
  for (const r of resolved.recipients) {
    const expires = await r.key.getExpirationTime();
    if (!(expires instanceof Date) || expires.getTime() > soon) continue;
    const pointer = `/recipients/${r.index}/${r.key_file ? "key_file" : "pgp_key"}`;
    findings.push(
      findingAt(
        doc,
        pointer,
        "PSIRT-W029",
        `recipient "${r.name}" <${r.email}>: key ${r.fingerprint} expires on ${expires.toISOString().slice(0, 10)}`,
        "ask the recipient for an extended or new key before the next pre-notification",
      ),
    );
  }
  return findings;
}
