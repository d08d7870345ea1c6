/** The validation/build date: `--now`, else PSIRT_NOW, else SOURCE_DATE_EPOCH, else the clock. */
import { CliError } from "../core/exit-codes.ts";

export function resolveNow(flag?: string): Date {
  const text = flag ?? process.env.PSIRT_NOW;
  if (text) {
    const d = new Date(text.length === 10 ? `${text}T00:00:00Z` : text);
    if (Number.isNaN(d.getTime()))
      throw new CliError(`--now "${text}" is not a date: use YYYY-MM-DD or an ISO date-time`);
    return d;
  }
  const epoch = process.env.SOURCE_DATE_EPOCH;
  if (epoch && /^\d+$/.test(epoch)) return new Date(Number(epoch) * 1000);
  return new Date();
}
