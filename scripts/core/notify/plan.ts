/**
 * Plans the messages of `psirt notify`: for each notice kind, the audience, one RFC 5322 message
 * per recipient (news: text + HTML; pre-notification: PGP/MIME encrypted), its file name, SMTP
 * envelope and the timeline event it records. Pure apart from the randomness of encryption: no
 * files, no network, no clock.
 */
import { createHash } from "node:crypto";
import type { Incident } from "../../../schemas/incident.ts";
import type { Vendor } from "../../../schemas/vendor.ts";
import type { AdvisoryDoc, Model } from "../load/repository.ts";
import { advisoryView } from "../publish/advisory-view.ts";
import { isoDate } from "../scaffold/ids.ts";
import type { SigningKey } from "../sign/openpgp.ts";
import { type NoticeContent, noticeContent } from "./content.ts";
import { alternativeMessage, type Envelope, pgpMimeMessage, protectedEntity } from "./mime.ts";
import { newsMessage } from "./news.ts";
import { encryptFor, prenotifyMessage } from "./prenotify.ts";
import {
  audience,
  eventFor,
  type NoticeKind,
  type NotifyEvent,
  type ResolvedRecipient,
} from "./recipients.ts";
import { noteListing, type TimelineEntry } from "./timeline.ts";

export interface PlannedMessage {
  kind: NoticeKind;
  recipient: ResolvedRecipient;
  event: NotifyEvent;
  /** Path below the output folder: `<advisory id>/<kind>/<NN>-<mailbox>.eml`. */
  file: string;
  raw: Buffer;
  /** SMTP envelope: sender and recipient addresses. */
  envelope: { from: string; to: string[] };
}

export interface NotifyPlan {
  content: NoticeContent;
  messages: PlannedMessage[];
  warnings: string[];
}

export interface NotifyOptions {
  kinds: readonly NoticeKind[];
  /** Date header, key validity date and timeline date. */
  date: Date;
  /** Signs pre-notifications when given. */
  signingKey?: SigningKey;
}

const hash = (...parts: string[]) => createHash("sha256").update(parts.join("\u0000")).digest("hex");

/** File-name-safe form of a mailbox: `cert@cert.example` → `cert-at-cert.example`. */
export const mailboxSlug = (email: string): string =>
  email
    .toLowerCase()
    .replace("@", "-at-")
    .replace(/[^a-z0-9.-]+/g, "-")
    .replace(/^[.-]+|[.-]+$/g, "");

export async function planNotify(
  model: Model,
  vendor: Vendor,
  advisory: AdvisoryDoc,
  incident: Incident | undefined,
  recipients: readonly ResolvedRecipient[],
  options: NotifyOptions,
): Promise<NotifyPlan> {
  const content = noticeContent(model, vendor, advisory, incident);
  const warnings: string[] = [];
  for (const a of content.withheld)
    warnings.push(
      `acknowledgment of ${[...a.names, a.organization].filter(Boolean).join(", ")} left out: incident ${incident?.id} says the reporter did not consent to credit (fix the advisory)`,
    );
  const products = advisoryView(model, advisory).products;
  const domain = vendor.contact.email.split("@")[1] ?? "localhost";
  const from = { name: `${vendor.name} PSIRT`, address: vendor.contact.email };
  const reporterEmail = incident?.source.reporter?.email;
  const messages: PlannedMessage[] = [];
  for (const kind of options.kinds) {
    const targets = audience(recipients, products, reporterEmail);
    if (targets.length === 0) {
      warnings.push(
        `no recipient for the ${kind === "news" ? "news e-mail" : "pre-notification"} of ${content.id}`,
      );
      continue;
    }
    const news = kind === "news" ? newsMessage(content) : undefined;
    const pre = kind === "prenotify" ? prenotifyMessage(content) : undefined;
    for (const [n, r] of targets.entries()) {
      const id = hash(content.id, content.revision.version, kind, r.email.toLowerCase());
      const env: Envelope = {
        from,
        to: { name: r.organization ? `${r.name} (${r.organization})` : r.name, address: r.email },
        replyTo: from,
        subject: news?.subject ?? pre!.outerSubject,
        date: options.date,
        messageId: `<${content.id}.${content.revision.version}.${kind}.${id.slice(0, 16)}@${domain}>`,
        boundary: `${content.id}-${kind}-${id.slice(0, 8)}`,
        headers: { "X-PSIRT-Advisory": `${content.id} ${content.revision.version}` },
      };
      let raw: Buffer;
      if (news) raw = await alternativeMessage(env, news);
      else {
        const entity = await protectedEntity(pre!, `${env.boundary}-inner`);
        const armored = await encryptFor(entity, r.key, {
          date: options.date,
          ...(options.signingKey ? { signingKey: options.signingKey } : {}),
        });
        raw = await pgpMimeMessage(env, armored);
      }
      messages.push({
        kind,
        recipient: r,
        event: eventFor(kind, r),
        file: `${content.id}/${kind}/${String(n + 1).padStart(2, "0")}-${mailboxSlug(r.email)}.eml`,
        raw,
        envelope: { from: vendor.contact.email, to: [r.email] },
      });
    }
  }
  return { content, messages, warnings };
}

const EVENT_ORDER: readonly NotifyEvent[] = [
  "reporter_notified",
  "cert_notified",
  "customers_prenotified",
  "customers_notified",
];

/**
 * Timeline entries for the messages: one per event, listing its recipients. `sent` says whether
 * they went out by SMTP or were only written as .eml files for sending by hand.
 */
export function timelineEntries(
  plan: NotifyPlan,
  date: Date,
  how: { sent: boolean; outDir: string },
): TimelineEntry[] {
  const entries: TimelineEntry[] = [];
  for (const event of EVENT_ORDER) {
    for (const kind of ["prenotify", "news"] as const) {
      const list = plan.messages.filter((m) => m.event === event && m.kind === kind);
      if (list.length === 0) continue;
      const c = plan.content;
      const what =
        kind === "prenotify"
          ? `Encrypted pre-notification of ${c.id} ${c.revision.version} (embargoed until ${c.embargoUntil ?? "publication"})`
          : `News e-mail on ${c.id} ${c.revision.version}`;
      const verb = how.sent ? "sent to" : `written to ${how.outDir} for`;
      entries.push({
        date: isoDate(date),
        event,
        note: noteListing(
          `${what} ${verb}: `,
          list.map((m) => `${m.recipient.name} <${m.recipient.email}>`),
        ),
      });
    }
  }
  return entries;
}
