/**
 * The pre-notification for CERTs, named customers and the reporter ahead of publication: the news
 * content marked "EMBARGOED until <date> — do not distribute" and TLP:AMBER, sent as one PGP/MIME
 * message per recipient (RFC 3156, multipart/encrypted), encrypted to the recipient's public key
 * (and signed when a signing key is given). The outer subject names only the advisory id; the
 * title travels in the encrypted part as a protected Subject header.
 *
 * Not byte-reproducible: OpenPGP encryption uses a random session key. Headers, boundaries and the
 * encrypted MIME entity are deterministic.
 */
import * as openpgp from "openpgp";
import { PGP_CONFIG, type SigningKey } from "../sign/openpgp.ts";
import type { NoticeContent } from "./content.ts";
import { type Marking, type RenderedNotice, renderNotice } from "./news.ts";

/** The embargo banner. */
export function prenotifyMarking(c: NoticeContent): Marking {
  const until = c.embargoUntil ?? "the advisory is published";
  const tlp = c.tlp === "RED" ? "TLP:RED" : "TLP:AMBER";
  return {
    headline: `EMBARGOED until ${until} — do not distribute`,
    lines: [
      `${tlp}. This pre-notification is for your organization only: do not forward, publish or discuss it outside your team before the embargo ends.`,
      `The advisory will be published at ${c.url}${c.embargoUntil ? ` on ${c.embargoUntil}` : ""}.`,
      `Questions: reply to ${c.contact} (encrypted).`,
    ],
  };
}

export interface PrenotifyNotice extends RenderedNotice {
  /** The unencrypted Subject: the advisory id only. */
  outerSubject: string;
}

/** Text and HTML of the pre-notification (before encryption). */
export function prenotifyMessage(c: NoticeContent): PrenotifyNotice {
  const marking = prenotifyMarking(c);
  const until = c.embargoUntil ? ` until ${c.embargoUntil}` : "";
  const subject = `[EMBARGOED${until}] ${c.id}: ${c.title}`;
  return {
    ...renderNotice(c, subject, marking),
    outerSubject: `[EMBARGOED] ${c.vendorName} security pre-notification ${c.id}`,
  };
}

/** ASCII-armored OpenPGP message of `entity` for `key` (signed too when `signingKey` is given). */
export async function encryptFor(
  entity: Uint8Array,
  key: openpgp.PublicKey,
  options: { date: Date; signingKey?: SigningKey },
): Promise<string> {
  const created = key.getCreationTime().getTime();
  const floor = Math.max(created, options.signingKey?.creationDate.getTime() ?? 0);
  const date = options.date.getTime() < floor ? new Date(floor) : options.date;
  const message = await openpgp.createMessage({ binary: entity, format: "binary", date });
  return openpgp.encrypt({
    message,
    encryptionKeys: key,
    ...(options.signingKey ? { signingKeys: options.signingKey.privateKey } : {}),
    date,
    format: "armored",
    config: PGP_CONFIG,
  });
}
