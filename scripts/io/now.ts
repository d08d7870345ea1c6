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
 * lifted since: see dataDate in scripts/core/publish/select.ts); the clock outside git, and when
 * the commit date or SOURCE_DATE_EPOCH lies in the future.
 */
export function resolveBuildDate(
  root: string,
  flag?: string,
  clock: Date = new Date(),
): { date: Date; source: string; fromCommit?: boolean } {
  if (flag || process.env.PSIRT_NOW) return { date: resolveNow(flag), source: flag ? "--now" : "PSIRT_NOW" };
  // A commit date is whatever the committer's machine said (GIT_COMMITTER_DATE=2030-…): a date
  // in the future would lift embargoes early. The data date is never later than the clock.
  const notFuture = (date: Date, source: string, fromCommit: boolean) =>
    date.getTime() > clock.getTime()
      ? { date: clock, source: `the clock: ${source}, ${date.toISOString()}, is in the future` }
      : { date, source, ...(fromCommit ? { fromCommit } : {}) };
  if (process.env.SOURCE_DATE_EPOCH) return notFuture(resolveNow(), "SOURCE_DATE_EPOCH", false);
  const git = spawnSync("git", ["log", "-1", "--format=%ct"], { cwd: root, encoding: "utf8" });
  const seconds = git.status === 0 ? git.stdout.trim() : "";
  if (/^\d+$/.test(seconds))
    return notFuture(new Date(Number(seconds) * 1000), "the commit date of HEAD", true);
  return { date: clock, source: "the clock (not a git checkout: the build is not reproducible)" };
}
