/**
 * Where relative paths start. `npm run psirt` runs in the package folder, which is the PSIRT
 * repository; a user who types it in a sub-folder (`cd advisories && npm run psirt -- validate
 * 2026/x.mdx`) means paths relative to that sub-folder. npm names it in INIT_CWD: the CLI works
 * from there, and the repository stays the default `--root`.
 */
import { dirname, resolve } from "node:path";

const SCRIPTS = new Set(["psirt", "build", "start"]);

/** The repository folder when npm started us from one of its sub-folders (set by `enterInvocationDir`). */
let repository: string | undefined;

/**
 * Moves into the folder npm was invoked from, when this process is one of the package's own npm
 * scripts started in a sub-folder; otherwise changes nothing (a test or a script spawning the
 * CLI with a cwd of its own keeps it).
 */
export function enterInvocationDir(env: NodeJS.ProcessEnv = process.env): void {
  const from = env.INIT_CWD;
  const here = process.cwd();
  if (!from || from === here || !env.npm_package_json || dirname(env.npm_package_json) !== here) return;
  if (!SCRIPTS.has(env.npm_lifecycle_event ?? "")) return;
  try {
    process.chdir(from);
    repository = here;
  } catch {
    // The folder is gone or unreadable: stay in the repository.
  }
}

/** The repository to work on: `--root` (relative to the current folder), else the repository. */
export function repoRoot(root: string | undefined): string {
  return resolve(root ?? repository ?? ".");
}
