/** The validation/build date: `--now`, else PSIRT_NOW, else SOURCE_DATE_EPOCH, else the clock. */
import { spawnSync } from "node:child_process";
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

/**
 * The build's data date, so that the same commit builds the same bytes: `--now`, PSIRT_NOW,
 * SOURCE_DATE_EPOCH, else the commit date of HEAD (which `build` moves forward to the latest embargo
 * lifted since: see dataDate in scripts/core/publish/select.ts); the clock only outside git.
 */
export function resolveBuildDate(
  root: string,
  flag?: string,
): { date: Date; source: string; fromCommit?: boolean } {
  if (flag || process.env.PSIRT_NOW || process.env.SOURCE_DATE_EPOCH) {
    return {
      date: resolveNow(flag),
      source: flag ? "--now" : process.env.PSIRT_NOW ? "PSIRT_NOW" : "SOURCE_DATE_EPOCH",
    };
  }
  const git = spawnSync("git", ["log", "-1", "--format=%ct"], { cwd: root, encoding: "utf8" });
  const seconds = git.status === 0 ? git.stdout.trim() : "";
  if (/^\d+$/.test(seconds))
    return { date: new Date(Number(seconds) * 1000), source: "the commit date of HEAD", fromCommit: true };
  return { date: new Date(), source: "the clock (not a git checkout: the build is not reproducible)" };
}
