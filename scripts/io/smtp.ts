/**
 * Sends prepared RFC 5322 messages through the SMTP server named by `PSIRT_SMTP_URL`
 * (`smtp://user:pass@host:587`, `smtps://host:465`; nodemailer URL options such as
 * `?tls.rejectUnauthorized=false` are accepted). The bytes sent are exactly the .eml files
 * written. The server is checked before the first message; any failure is exit 3.
 */
import { CliError, EXIT } from "../core/exit-codes.ts";

export interface OutgoingMessage {
  /** What to call the message in reports (e.g. the recipient). */
  label: string;
  envelope: { from: string; to: string[] };
  raw: Buffer;
}

/** The URL without its password, for messages. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.href;
  } catch {
    return "(unparsable PSIRT_SMTP_URL)";
  }
}

const reason = (error: unknown): string => {
  const e = error as { code?: string; message?: string };
  return [e.code, e.message ?? String(error)].filter(Boolean).join(": ");
};

/**
 * Sends every message in order. Throws CliError(exit 3) when the server cannot be reached or
 * refuses a message; the error says which messages, if any, were already delivered.
 */
export async function sendAll(
  url: string,
  messages: readonly OutgoingMessage[],
  options: { timeoutMs?: number } = {},
): Promise<string[]> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new CliError(
      `PSIRT_SMTP_URL is not a URL: expected smtp://host:port or smtps://host:port`,
      EXIT.usage,
    );
  }
  if (parsed.protocol !== "smtp:" && parsed.protocol !== "smtps:")
    throw new CliError(
      `PSIRT_SMTP_URL must start with smtp:// or smtps://, found ${parsed.protocol}//`,
      EXIT.usage,
    );
  const { createTransport } = await import("nodemailer");
  const timeout = options.timeoutMs ?? 15_000;
  const transport = createTransport({
    url,
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout * 2,
  });
  const where = redactUrl(url);
  try {
    try {
      await transport.verify();
    } catch (error) {
      throw new CliError(
        `cannot reach the SMTP server ${where}: ${reason(error)}. Nothing was sent; the .eml files are written and the incident timeline is unchanged`,
        EXIT.network,
      );
    }
    const sent: string[] = [];
    for (const m of messages) {
      try {
        await transport.sendMail({ envelope: m.envelope, raw: m.raw });
      } catch (error) {
        throw new CliError(
          `SMTP server ${where} did not accept the message to ${m.label}: ${reason(error)}. ` +
            (sent.length > 0 ? `Already delivered: ${sent.join(", ")}. ` : "Nothing was sent. ") +
            "The incident timeline is unchanged: record what was delivered by hand",
          EXIT.network,
        );
      }
      sent.push(m.label);
    }
    return sent;
  } finally {
    transport.close();
  }
}
