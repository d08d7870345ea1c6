/**
 * Small git histories for `check` tests: a copy of a fixture repository committed as the base in a
 * temporary git repository; the test then edits the working tree (the head) or commits again.
 */
import { spawnSync } from "node:child_process";
import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { tempRepo, writeIn } from "../../helpers/repo.ts";

export const NOW = new Date("2026-11-23T00:00:00Z");
export const ADVISORY = "advisories/2026/EXC-SA-2026-0001.mdx";
export const INCIDENT = "incidents/2026/EXC-IR-2026-0001.yaml";

export interface History {
  root: string;
  git(...args: string[]): string;
  commit(message: string): void;
  write(path: string, content: string): void;
  read(path: string): string;
  edit(path: string, change: (text: string) => string): void;
  remove(path: string): void;
}

/** A git repository whose one commit (on branch main) is the fixture plus `extra` files. */
export function history(extra: Record<string, string> = {}, fixture = "repo-min"): History {
  const root = tempRepo(fixture);
  const git = (...args: string[]): string => {
    const r = spawnSync(
      "git",
      ["-c", "user.name=t", "-c", "user.email=t@example.com", "-c", "commit.gpgsign=false", ...args],
      { cwd: root, encoding: "utf8", env: { ...process.env, GIT_CONFIG_NOSYSTEM: "1" } },
    );
    if (r.status !== 0) throw new Error(`git ${args.join(" ")} failed: ${r.stderr}`);
    return r.stdout;
  };
  const h: History = {
    root,
    git,
    commit(message) {
      git("add", "-A");
      git("commit", "-q", "--allow-empty", "-m", message);
    },
    write: (path, content) => writeIn(root, path, content),
    read: (path) => readFileSync(join(root, path), "utf8"),
    edit: (path, change) => {
      const before = h.read(path);
      const after = change(before);
      if (after === before) throw new Error(`edit of ${path} changed nothing`);
      h.write(path, after);
    },
    remove: (path) => rmSync(join(root, path)),
  };
  git("init", "-q", "-b", "main");
  for (const [path, content] of Object.entries(extra)) h.write(path, content);
  h.commit("base");
  return h;
}

/** 1-based line of the first line of `text` that contains `needle`. */
export function lineOf(text: string, needle: string): number {
  const i = text.split("\n").findIndex((l) => l.includes(needle));
  if (i < 0) throw new Error(`"${needle}" not found`);
  return i + 1;
}

export interface AdvisoryOptions {
  id: string;
  status?: "draft" | "interim" | "final";
  tlp?: "WHITE" | "GREEN" | "AMBER" | "RED";
  embargo?: string;
  cve?: string;
  incident?: string;
  revisions?: { version: string; date: string; summary: string }[];
  /** Adds a not-affected statement (a CSAF VEX document). */
  notAffected?: boolean;
}

/** A valid advisory for the widget product of repo-min. */
export function advisory(o: AdvisoryOptions): string {
  const revisions = o.revisions ?? [{ version: "1.0.0", date: "2026-11-20", summary: "Initial release" }];
  return [
    "---",
    `id: ${o.id}`,
    "title: Denial of service in Example Widget",
    `status: ${o.status ?? "final"}`,
    `tlp: ${o.tlp ?? "WHITE"}`,
    ...(o.embargo ? [`embargo_until: ${o.embargo}`] : []),
    ...(o.incident ? [`incident: ${o.incident}`] : []),
    "summary: Example Widget 1.0.0 can be crashed remotely.",
    "revisions:",
    ...revisions.flatMap((r) => [
      `  - version: ${r.version}`,
      `    date: ${r.date}`,
      `    summary: ${r.summary}`,
    ]),
    "vulnerabilities:",
    `  - cve: ${o.cve ?? "CVE-2021-45046"}`,
    "    title: Crash on crafted input",
    "    products:",
    "      known_affected:",
    "        - product: widget",
    "          versions: 1.0.0",
    ...(o.notAffected
      ? [
          "      known_not_affected:",
          "        - product: widget",
          "          versions: 1.1.0",
          "          justification: vulnerable_code_not_present",
          "          statement: The parser was replaced in 1.1.0.",
        ]
      : []),
    "---",
    "",
    "## Summary",
    "",
    "Example Widget 1.0.0 is affected.",
    "",
  ].join("\n");
}

/** A valid incident in `state` (fields the state requires included). */
export function incident(id: string, state: string, extra: string[] = []): string {
  return [
    `id: ${id}`,
    "title: Test case",
    `state: ${state}`,
    "source:",
    "  type: internal",
    "received: 2026-05-01",
    "vulnerabilities: [CVE-2021-45046]",
    ...extra,
    "timeline:",
    "  - date: 2026-05-01",
    "    event: received",
    "",
  ].join("\n");
}
