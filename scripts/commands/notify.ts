/**
 * `psirt notify <advisory-id> [--kind news|prenotify|all] [--out DIR] [--send | --no-send]
 *   [--date YYYY-MM-DD] [--no-record] [--root DIR]`
 *
 * Everything is checked first (advisory, recipients and their keys, the messages themselves);
 * then the .eml files are written atomically, sent when asked (or when PSIRT_SMTP_URL is set), and
 * only when all of that succeeded the incident timeline records who was notified.
 * See scripts/docs/communication.md.
 */
import { randomBytes } from "node:crypto";
import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { dirname, isAbsolute, join, relative, resolve } from "node:path";
import { CliError, EXIT } from "../core/exit-codes.ts";
import { type NotifyPlan, planNotify, timelineEntries } from "../core/notify/plan.ts";
import type { NoticeKind } from "../core/notify/recipients.ts";
import { recordInTimeline } from "../core/notify/timeline.ts";
import { publication } from "../core/publish/select.ts";
import { validateRepository } from "../core/validate.ts";
import { repoRoot } from "../io/invocation.ts";
import { resolveNow } from "../io/now.ts";
import { loadRecipients } from "../io/recipients.ts";
import { readRepository } from "../io/repo-files.ts";
import { loadSigningKey } from "../io/signing-key.ts";
import { sendAll } from "../io/smtp.ts";
import { formatText } from "../report/findings.ts";
import { replaceFile } from "./advisory.ts";
import { commandArgs } from "./args.ts";

export const NOTIFY_USAGE = `usage: npm run psirt -- notify <ADVISORY-ID> [--kind news|prenotify|all] [--out DIR]
         [--send | --no-send] [--date YYYY-MM-DD] [--no-record] [--root DIR]
  Writes one .eml per recipient to <out>/<ADVISORY-ID>/<kind>/ (default out/notify), sends them
  with --send or when PSIRT_SMTP_URL is set, and records the notices in the incident timeline.
  Default kind: prenotify before publication, news after.
`;

const usageError = (message: string) => new CliError(`notify: ${message}\n${NOTIFY_USAGE}`, EXIT.usage);

const inside = (parent: string, child: string): boolean => {
  const rel = relative(parent, child);
  return rel === "" || (!rel.startsWith("..") && !isAbsolute(rel));
};

/** Writes each kind's folder through a staging folder and a rename, replacing an older run. */
async function writeAtomically(outDir: string, plan: NotifyPlan): Promise<void> {
  const base = join(outDir, plan.content.id);
  await mkdir(base, { recursive: true });
  const tag = randomBytes(6).toString("hex");
  const staging = join(base, `.staging-${tag}`);
  try {
    for (const m of plan.messages) {
      const path = join(staging, relative(plan.content.id, m.file));
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, m.raw, { flag: "wx" });
    }
    for (const kind of new Set(plan.messages.map((m) => m.kind))) {
      const final = join(base, kind);
      const old = join(base, `.old-${kind}-${tag}`);
      await rename(final, old).catch((error: NodeJS.ErrnoException) => {
        if (error.code !== "ENOENT") throw error;
      });
      await rename(join(staging, kind), final);
      await rm(old, { recursive: true, force: true });
    }
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

function kindsFor(kindFlag: string | undefined, published: boolean): NoticeKind[] {
  if (kindFlag === undefined) return [published ? "news" : "prenotify"];
  if (kindFlag === "news" || kindFlag === "prenotify") return [kindFlag];
  if (kindFlag === "all") return published ? ["news"] : ["prenotify", "news"];
  throw usageError(`unknown --kind "${kindFlag}": use news, prenotify or all`);
}

export async function run(args: string[]): Promise<number> {
  const options = {
    kind: { type: "string" },
    out: { type: "string" },
    send: { type: "boolean" },
    "no-send": { type: "boolean" },
    date: { type: "string" },
    "no-record": { type: "boolean" },
    root: { type: "string" },
    help: { type: "boolean", short: "h" },
  } as const;
  const { values, positionals } = commandArgs("notify", NOTIFY_USAGE, args, options);
  if (values.help) {
    process.stdout.write(NOTIFY_USAGE);
    return EXIT.ok;
  }
  const [advisoryId, ...extra] = positionals;
  if (!advisoryId || extra.length > 0)
    throw usageError(advisoryId ? `unexpected "${extra.join(" ")}"` : "missing advisory id");
  if (values.send && values["no-send"]) throw usageError("--send and --no-send exclude each other");
  const smtpUrl = process.env.PSIRT_SMTP_URL?.trim() || undefined;
  const send = !values["no-send"] && (values.send === true || smtpUrl !== undefined);
  if (send && !smtpUrl)
    throw usageError(
      "--send needs the SMTP server in PSIRT_SMTP_URL, e.g. smtp://user:password@mail.example:587",
    );

  const root = repoRoot(values.root);
  const outDir = resolve(root, values.out ?? "out/notify");
  for (const forbidden of ["dist", "advisories", "incidents", "inventory"])
    if (inside(join(root, forbidden), outDir))
      throw usageError(
        `--out ${relative(root, outDir)} is inside ${forbidden}/: notices never go ${forbidden === "dist" ? "into the published site" : "into content folders"}`,
      );
  const date = resolveNow(values.date);

  const files = await readRepository(root);
  const { model, findings } = await validateRepository(files, date);
  const advisory = model.advisories.find((a) => a.data.id === advisoryId);
  if (!advisory)
    throw new CliError(
      model.brokenIds.has(advisoryId)
        ? `notify: advisory ${advisoryId} does not validate: run \`npm run psirt -- validate\``
        : `notify: advisory ${advisoryId} not found under advisories/`,
      model.brokenIds.has(advisoryId) ? EXIT.findings : EXIT.usage,
    );
  const vendor = model.vendor?.data;
  if (!vendor) throw new CliError("notify: inventory/vendor.yaml is missing or invalid", EXIT.usage);
  const incident = model.incidents.find((i) => i.data.id === advisory.data.incident);
  const blocking = findings.filter(
    (f) => f.severity === "error" && (f.file === advisory.file || f.file === incident?.file),
  );
  if (blocking.length > 0) {
    process.stderr.write(formatText(blocking));
    throw new CliError(
      `notify: fix ${advisory.file}${incident ? ` and ${incident.file}` : ""} first: nothing written or sent`,
      EXIT.findings,
    );
  }

  const pub = publication(advisory, vendor, date);
  const kinds = kindsFor(values.kind, pub.published);
  const warnings: string[] = [];
  if (kinds.includes("prenotify") && pub.published)
    throw usageError(
      `${advisoryId} is already published: a pre-notification is pointless now; send --kind news`,
    );
  if (kinds.includes("news") && !pub.published) {
    if (send)
      throw usageError(
        `${advisoryId} is not published (${pub.detail}): the news e-mail goes out after publication; send --kind prenotify, or write without sending (--no-send)`,
      );
    warnings.push(
      `${advisoryId} is not published yet (${pub.detail}): do not send the news e-mail before it is`,
    );
  }

  const { recipients, warnings: recipientWarnings } = await loadRecipients(root, model, date);
  warnings.push(...recipientWarnings);
  let signingKey: Awaited<ReturnType<typeof loadSigningKey>>["key"] | undefined;
  if (kinds.includes("prenotify") && process.env.PSIRT_SIGNING_KEY?.trim())
    signingKey = (await loadSigningKey({ release: true })).key;
  const plan = await planNotify(model, vendor, advisory, incident?.data, recipients, {
    kinds,
    date,
    ...(signingKey ? { signingKey } : {}),
  });
  warnings.push(...plan.warnings);
  for (const w of warnings) process.stderr.write(`notify: warning: ${w}\n`);
  if (plan.messages.length === 0)
    throw new CliError(
      `notify: no recipient in inventory/recipients.yaml receives notices on ${advisoryId}`,
      EXIT.findings,
    );

  await writeAtomically(outDir, plan);
  const shown = relative(root, outDir) || ".";
  for (const m of plan.messages)
    process.stdout.write(
      `wrote ${join(shown, m.file)} → ${m.recipient.name} <${m.recipient.email}>${m.kind === "prenotify" ? ` (encrypted to ${m.recipient.fingerprint}${signingKey ? ", signed" : ""})` : ""}\n`,
    );
  if (send) {
    await sendAll(
      smtpUrl!,
      plan.messages.map((m) => ({
        label: `${m.recipient.name} <${m.recipient.email}>`,
        envelope: m.envelope,
        raw: m.raw,
      })),
    );
    process.stdout.write(`sent ${plan.messages.length} message${plan.messages.length === 1 ? "" : "s"}\n`);
  }

  if (values["no-record"]) return EXIT.ok;
  if (!incident) {
    process.stderr.write(
      `notify: warning: ${advisoryId} names no incident: nothing recorded in a timeline\n`,
    );
    return EXIT.ok;
  }
  const entries = timelineEntries(plan, date, { sent: send, outDir: shown });
  const full = join(root, incident.file);
  const before = await readFile(full, "utf8");
  const after = recordInTimeline(before, incident.file, entries);
  if (after !== before) {
    await replaceFile(full, after);
    process.stdout.write(`recorded ${entries.map((e) => e.event).join(", ")} in ${incident.file}\n`);
  }
  return EXIT.ok;
}
