/** Test helpers: temporary copies of fixture repositories and running the CLI. */
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { validateRepository } from "../../scripts/core/validate.ts";
import { readRepository } from "../../scripts/io/repo-files.ts";

export const ROOT = resolve(import.meta.dirname, "../..");
export const FIXTURES = join(ROOT, "test/fixtures");

/**
 * The example vendor (Northlight Systems) the tests are written against: the repository's own
 * content folders while it ships the example, test/fixtures/example once `psirt init` has made
 * the repository a vendor's own (init moves the example there), so that the tool's tests keep
 * testing the tool and not the vendor's data.
 */
export const EXAMPLE = existsSync(join(FIXTURES, "example/inventory/vendor.yaml"))
  ? join(FIXTURES, "example")
  : ROOT;

/** Copies a fixture repository (default: repo-min) into a fresh temporary folder. */
export function tempRepo(fixture = "repo-min"): string {
  const dir = mkdtempSync(join(tmpdir(), "psirt-test-"));
  cpSync(join(FIXTURES, fixture), dir, { recursive: true });
  return dir;
}

export function writeIn(root: string, path: string, content: string | Uint8Array): void {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), content);
}

export async function validateDir(root: string, now = new Date("2026-11-23T00:00:00Z")) {
  return validateRepository(await readRepository(root), now);
}

/** Runs `psirt <args>` with the pinned Node (the test's own process.execPath), in EXAMPLE by default. */
export function psirt(
  args: string[],
  options: { cwd?: string; input?: string; env?: Record<string, string> } = {},
) {
  const result = spawnSync(
    process.execPath,
    ["--import", join(ROOT, "scripts/node-check.mjs"), join(ROOT, "scripts/psirt.ts"), ...args],
    {
      cwd: options.cwd ?? EXAMPLE,
      input: options.input ?? "",
      encoding: "utf8",
      env: { ...process.env, ...options.env },
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

/**
 * The shared reference data the tests read: test/fixtures/shared, copies of the files used from the
 * project's shared data (its README gives sources and licenses). PSIRT_SHARED_DATA overrides it.
 */
export const SHARED_DATA = process.env.PSIRT_SHARED_DATA ?? join(FIXTURES, "shared");
