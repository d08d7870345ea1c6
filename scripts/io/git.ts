/**
 * Reads content files from a git commit (the `check` base) without touching the working tree:
 * `git ls-tree -r -z` lists the blobs under the content folders, `git cat-file --batch` reads them.
 * The only place the CLI runs git.
 */
import { spawn } from "node:child_process";
import { CliError, EXIT } from "../core/exit-codes.ts";
import type { RepoFile } from "../core/load/repository.ts";
import { MAX_SBOM_BYTES } from "../core/load/source.ts";
import { CONTENT_ROOTS } from "./repo-files.ts";

interface GitResult {
  code: number;
  stdout: Buffer;
  stderr: string;
}

/** Runs git in `cwd` with `args`, feeding `input` on stdin; never throws on a non-zero exit. */
function git(cwd: string, args: readonly string[], input?: string): Promise<GitResult> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn("git", args, {
      cwd,
      stdio: ["pipe", "pipe", "pipe"],
      // Never prompt, never take a lock: check only reads.
      env: { ...process.env, GIT_TERMINAL_PROMPT: "0", GIT_OPTIONAL_LOCKS: "0", LC_ALL: "C" },
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on("data", (chunk: Buffer) => out.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => err.push(chunk));
    child.on("error", (error: NodeJS.ErrnoException) => {
      if (error.code === "ENOENT")
        reject(new CliError("git is not installed or not on PATH: `check` reads the base commit with git"));
      else reject(error);
    });
    child.on("close", (code) =>
      resolvePromise({
        code: code ?? -1,
        stdout: Buffer.concat(out),
        stderr: Buffer.concat(err).toString("utf8").trim(),
      }),
    );
    child.stdin.on("error", () => {}); // git may exit before reading all input; its exit code says why
    child.stdin.end(input ?? "");
  });
}

/** Fails with exit 2 unless `cwd` lies inside a git work tree. */
export async function assertGitRepository(cwd: string): Promise<void> {
  const r = await git(cwd, ["rev-parse", "--is-inside-work-tree"]);
  if (r.code !== 0 || r.stdout.toString().trim() !== "true") {
    throw new CliError(
      `${cwd} is not inside a git repository (${r.stderr.split("\n")[0] || "git rev-parse failed"}): ` +
        "`check` compares the working tree with a git ref; run it in a clone of the repository",
      EXIT.usage,
    );
  }
}

/** The commit `ref` names, as a full hash; a clear error (exit 2) when it does not exist. */
export async function resolveCommit(cwd: string, ref: string): Promise<string> {
  await assertGitRepository(cwd);
  if (ref.startsWith("-")) throw new CliError(`"${ref}" is not a git ref`, EXIT.usage);
  const r = await git(cwd, ["rev-parse", "--verify", "--quiet", "--end-of-options", `${ref}^{commit}`]);
  const sha = r.stdout.toString().trim();
  if (r.code !== 0 || !/^[0-9a-f]{40,64}$/.test(sha)) {
    throw new CliError(
      `base ref "${ref}" does not exist in this repository (or is not a commit). ` +
        "Fetch it first (in GitHub Actions: actions/checkout with fetch-depth: 0), " +
        "or name a branch, tag or commit that exists, e.g. --base origin/main",
      EXIT.usage,
    );
  }
  return sha;
}

/**
 * The commit to compare with: the merge base of `base` and HEAD (what `git diff base...HEAD`
 * compares), so that changes merged into the base branch after this branch was started are not
 * mistaken for changes of this branch. Falls back to `base` itself when there is no HEAD or no
 * common ancestor.
 */
export async function mergeBase(cwd: string, baseSha: string): Promise<string> {
  const r = await git(cwd, ["merge-base", baseSha, "HEAD"]);
  const sha = r.stdout.toString().trim();
  return r.code === 0 && /^[0-9a-f]{40,64}$/.test(sha) ? sha : baseSha;
}

interface TreeEntry {
  mode: string;
  object: string;
  path: string;
}

function isHidden(path: string): boolean {
  return path.split("/").some((segment) => segment.startsWith("."));
}

/**
 * The content files (advisories/, incidents/, inventory/) of `commit`, as the loader wants them.
 * Paths are relative to `cwd` (the repository root when run there). Like readRepository, it lists
 * symbolic links without reading them, skips submodules and dot-files, and reads at most
 * MAX_SBOM_BYTES + 1 bytes of a file (the loader reports what is larger). `include` selects the
 * paths to read. Sorted by path.
 */
export async function readCommitFiles(
  cwd: string,
  commit: string,
  include: (path: string) => boolean = () => true,
): Promise<RepoFile[]> {
  const listed = await git(cwd, ["ls-tree", "-r", "-z", "--end-of-options", commit, "--", ...CONTENT_ROOTS]);
  if (listed.code !== 0) {
    throw new CliError(`cannot list the files of ${commit}: ${listed.stderr || `git exit ${listed.code}`}`);
  }
  const entries: TreeEntry[] = [];
  const links: string[] = [];
  for (const record of listed.stdout.toString("utf8").split("\0")) {
    if (record === "") continue;
    const m = /^(\d{6}) (\w+) ([0-9a-f]+)\t(.*)$/s.exec(record);
    if (!m) continue;
    const [, mode, type, object, path] = m as unknown as [string, string, string, string, string];
    // 100644/100755 are files; 120000 symbolic links are listed (the loader reports them) but never
    // read, and 160000 submodules are skipped.
    if (type !== "blob" || isHidden(path) || !include(path)) continue;
    if (mode === "120000") links.push(path);
    else if (mode.startsWith("100")) entries.push({ mode, object, path });
  }
  const files: RepoFile[] = links.map((path) => ({
    path,
    bytes: new Uint8Array(),
    special: "a symbolic link",
  }));
  if (entries.length === 0) return sortByPath(files);

  const batch = await git(cwd, ["cat-file", "--batch"], `${entries.map((e) => e.object).join("\n")}\n`);
  if (batch.code !== 0) {
    throw new CliError(`cannot read the files of ${commit}: ${batch.stderr || `git exit ${batch.code}`}`);
  }
  const out = batch.stdout;
  let offset = 0;
  for (const entry of entries) {
    const newline = out.indexOf(0x0a, offset);
    if (newline < 0) throw new CliError(`git cat-file ended early while reading ${entry.path}`);
    const header = out.toString("utf8", offset, newline);
    const m = /^([0-9a-f]+) (\w+) (\d+)$/.exec(header);
    if (!m || m[1] !== entry.object) {
      throw new CliError(`unexpected git cat-file output for ${entry.path}: "${header}"`);
    }
    const size = Number(m[3]);
    const start = newline + 1;
    const bytes = out.subarray(start, start + Math.min(size, MAX_SBOM_BYTES + 1));
    files.push({ path: entry.path, bytes: new Uint8Array(bytes) });
    offset = start + size + 1; // the content is followed by a newline
  }
  return sortByPath(files);
}

const sortByPath = (files: RepoFile[]): RepoFile[] =>
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
