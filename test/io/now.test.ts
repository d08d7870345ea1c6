/** The build's data date: the commit date of HEAD, never later than the clock. */
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { resolveBuildDate } from "../../scripts/io/now.ts";

function repoCommittedAt(date: string): string {
  const dir = mkdtempSync(join(tmpdir(), "psirt-now-"));
  const git = (...args: string[]) =>
    spawnSync("git", ["-c", "user.name=t", "-c", "user.email=t@example.test", ...args], {
      cwd: dir,
      env: { ...process.env, GIT_COMMITTER_DATE: date, GIT_AUTHOR_DATE: date },
      encoding: "utf8",
    });
  git("init", "-q");
  writeFileSync(join(dir, "a.txt"), "a");
  git("add", "a.txt");
  expect(git("commit", "-q", "-m", "x").status).toBe(0);
  return dir;
}

describe("resolveBuildDate", () => {
  const saved = { now: process.env.PSIRT_NOW, epoch: process.env.SOURCE_DATE_EPOCH };
  beforeEach(() => {
    delete process.env.PSIRT_NOW;
    delete process.env.SOURCE_DATE_EPOCH;
  });
  afterEach(() => {
    if (saved.now !== undefined) process.env.PSIRT_NOW = saved.now;
    if (saved.epoch !== undefined) process.env.SOURCE_DATE_EPOCH = saved.epoch;
  });
  const clock = new Date("2026-11-23T12:00:00Z");

  it("is the commit date of HEAD", () => {
    const r = resolveBuildDate(repoCommittedAt("2026-11-20T08:00:00Z"), undefined, clock);
    expect(r).toEqual({
      date: new Date("2026-11-20T08:00:00Z"),
      source: "the commit date of HEAD",
      fromCommit: true,
    });
  });

  it("is the clock when the commit date lies in the future (it would lift embargoes early)", () => {
    const r = resolveBuildDate(repoCommittedAt("2028-01-01T00:00:00Z"), undefined, clock);
    expect(r).toEqual({
      date: clock,
      source: "the clock: the commit date of HEAD, 2028-01-01T00:00:00.000Z, is in the future",
    });
  });

  it("is the clock when SOURCE_DATE_EPOCH lies in the future; --now is taken as given", () => {
    process.env.SOURCE_DATE_EPOCH = String(Date.parse("2030-01-01T00:00:00Z") / 1000);
    expect(resolveBuildDate(tmpdir(), undefined, clock).date).toEqual(clock);
    expect(resolveBuildDate(tmpdir(), "2030-01-01", clock).date).toEqual(new Date("2030-01-01T00:00:00Z"));
  });
});
