/**
 * RFC 5322 / MIME messages built with nodemailer's MailComposer and MimeNode. Deterministic: Date,
 * Message-ID and multipart boundaries come from the caller (from the data), never from the clock
 * or a random generator; line ends are CRLF throughout.
 */
import MailComposer from "nodemailer/lib/mail-composer";
import MimeNode from "nodemailer/lib/mime-node";

export interface Address {
  name: string;
  address: string;
}

export interface Envelope {
  from: Address;
  to: Address;
  replyTo?: Address;
  subject: string;
  date: Date;
  /** `<…@…>` */
  messageId: string;
  /** Shared part of every multipart boundary of this message. */
  boundary: string;
  /** Extra header fields. */
  headers?: Record<string, string>;
}

const crlf = (text: string): string => text.replace(/\r?\n/g, "\r\n");

/** A text + HTML message (multipart/alternative). */
export async function alternativeMessage(
  env: Envelope,
  body: { text: string; html: string },
): Promise<Buffer> {
  const composer = new MailComposer({
    from: env.from,
    to: env.to,
    ...(env.replyTo ? { replyTo: env.replyTo } : {}),
    subject: env.subject,
    date: env.date,
    messageId: env.messageId,
    baseBoundary: env.boundary,
    text: crlf(body.text),
    html: crlf(body.html),
    ...(env.headers ? { headers: env.headers } : {}),
  });
  return composer.compile().build();
}

/**
 * The MIME entity that a PGP/MIME message encrypts: multipart/alternative text + HTML, with the
 * real subject as a protected header (the outer subject stays generic).
 */
export async function protectedEntity(
  body: { subject: string; text: string; html: string },
  boundary: string,
): Promise<Buffer> {
  // A child node: MimeNode adds Date, Message-ID and MIME-Version only to a root node
  const holder = new MimeNode("multipart/mixed", { baseBoundary: boundary });
  const alternative = holder.createChild("multipart/alternative");
  alternative.setHeader("Subject", body.subject);
  alternative.createChild("text/plain; charset=utf-8").setContent(crlf(body.text));
  alternative.createChild("text/html; charset=utf-8").setContent(crlf(body.html));
  return alternative.build();
}

/** An RFC 3156 PGP/MIME encrypted message around an ASCII-armored OpenPGP message. */
export async function pgpMimeMessage(env: Envelope, armored: string): Promise<Buffer> {
  const root = new MimeNode('multipart/encrypted; protocol="application/pgp-encrypted"', {
    baseBoundary: env.boundary,
  });
  root.setHeader({
    From: env.from,
    To: env.to,
    ...(env.replyTo ? { "Reply-To": env.replyTo } : {}),
    Subject: env.subject,
    Date: env.date,
    "Message-ID": env.messageId,
    ...env.headers,
  });
  root
    .createChild("application/pgp-encrypted")
    .setHeader({
      "Content-Description": "PGP/MIME version identification",
      "Content-Transfer-Encoding": "7bit",
    })
    .setContent("Version: 1\r\n");
  root
    .createChild("application/octet-stream", { filename: "encrypted.asc" })
    .setHeader({
      "Content-Description": "OpenPGP encrypted message",
      "Content-Disposition": 'inline; filename="encrypted.asc"',
      "Content-Transfer-Encoding": "7bit",
    })
    .setContent(crlf(armored));
  return root.build();
}
