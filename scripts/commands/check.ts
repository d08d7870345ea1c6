/**
 * `psirt check --base <git-ref> [--format text|json|github] [--summary-file PATH] [--now DATE]`
 *
 * The pull-request gate: everything `validate` reports on the working tree (the head), plus the
 * change rules of scripts/core/check/ comparing the head with the merge base of <git-ref>, plus the
 * publication plan. `--format github` prints workflow annotations and appends a Markdown summary
 * to `$GITHUB_STEP_SUMMARY` (or `--summary-file`). Exit 1 on errors, 2 on usage or ref problems.
 */
import { appendFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { loadBaseModel } from "../core/check/base-model.ts";
import { type ChangeResult, checkChange } from "../core/check/index.ts";
import { checkSummaryMarkdown } from "../core/check/summary-markdown.ts";
import { CliError, EXIT } from "../core/exit-codes.ts";
import { type Finding, hasErrors, sortFindings } from "../core/finding.ts";
import { kindOf, type RepoFile } from "../core/load/repository.ts";
import { summarize, validateRepository } from "../core/validate.ts";
import { mergeBase, readCommitFiles, resolveCommit } from "../io/git.ts";
import { repoRoot } from "../io/invocation.ts";
import { resolveNow } from "../io/now.ts";
import { readRepository } from "../io/repo-files.ts";
import { type FindingFormat, formatGithub, formatText } from "../report/findings.ts";

export interface CheckRun extends ChangeResult {
  /** The ref as given, the commit it names, and the merge base actually compared with. */
  baseRef: string;
  baseCommit: string;
  comparedWith: string;
  summary: ReturnType<typeof summarize>;
}

const asMap = (files: readonly RepoFile[]) => new Map(files.map((f) => [f.path, f.bytes]));

/** Runs the whole check for the working tree at `root` against `baseRef` (IO here, rules pure). */
export async function checkWorkingTree(root: string, baseRef: string, now: Date): Promise<CheckRun> {
  const baseCommit = await resolveCommit(root, baseRef);
  const comparedWith = await mergeBase(root, baseCommit);
  // The change rules never look at SBOMs on the base: they are not read.
  const [headFiles, baseFiles] = await Promise.all([
    readRepository(root),
    readCommitFiles(root, comparedWith, (path) => kindOf(path) !== "sbom"),
  ]);
  const head = await validateRepository(headFiles, now);
  const headSnapshot = { model: head.model, files: asMap(headFiles) };
  const change = checkChange({
    base: { model: await loadBaseModel(baseFiles, headSnapshot), files: asMap(baseFiles) },
    head: headSnapshot,
    now,
  });
  const findings: Finding[] = sortFindings([...head.findings, ...change.findings]);
  return {
    findings,
    plan: change.plan,
    baseRef,
    baseCommit,
    comparedWith,
    summary: summarize(head.model, findings),
  };
}

export async function run(args: string[]): Promise<number> {
  // Unknown or malformed options reach scripts/psirt.ts, which prints this command's usage.
  const parsed = parse(args);
  const { values } = parsed;
  if (parsed.positionals.length > 0)
    throw new CliError(
      `check: unexpected argument "${parsed.positionals[0]}": check always reads the whole repository`,
    );
  const baseRef = values.base;
  if (!baseRef) throw new CliError("check: --base <git-ref> is required, e.g. --base origin/main");
  const format = (values.format ?? "text") as FindingFormat;
  if (!["text", "json", "github"].includes(format))
    throw new CliError(`check: unknown --format "${format}": use text, json or github`);
  const root = repoRoot(values.root);
  const now = resolveNow(values.now);

  let result: CheckRun;
  try {
    result = await checkWorkingTree(root, baseRef, now);
  } catch (error) {
    if (error instanceof CliError) throw new CliError(`check: ${error.message}`, error.exitCode);
    throw error;
  }
  const { findings, plan, summary } = result;
  const short =
    result.comparedWith === result.baseCommit
      ? result.comparedWith.slice(0, 12)
      : `merge base ${result.comparedWith.slice(0, 12)}`;

  if (format === "json") {
    const extra = {
      ...summary,
      base: baseRef,
      baseCommit: result.baseCommit,
      comparedWith: result.comparedWith,
    };
    process.stdout.write(`${JSON.stringify({ findings, summary: extra, plan }, null, 2)}\n`);
  } else if (format === "github") {
    process.stdout.write(formatGithub(findings));
    const data = plan.text.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
    process.stdout.write(`::notice title=Publication plan::${data}\n`);
  } else process.stdout.write(formatText(findings));

  if (format !== "json") {
    process.stderr.write(
      `check: compared with ${baseRef} (${short}): ${summary.errors} error${summary.errors === 1 ? "" : "s"}, ${summary.warnings} warning${summary.warnings === 1 ? "" : "s"}\n` +
        `check: merging ${plan.text}\n`,
    );
  }

  const summaryFile =
    values["summary-file"] ?? (format === "github" ? process.env.GITHUB_STEP_SUMMARY : undefined);
  if (summaryFile) {
    const markdown = checkSummaryMarkdown({ findings, plan, baseRef, baseCommit: result.comparedWith });
    try {
      await appendFile(summaryFile, markdown);
    } catch (error) {
      throw new CliError(
        `check: cannot write the step summary to ${summaryFile}: ${(error as Error).message}`,
      );
    }
  }
  return hasErrors(findings) ? EXIT.findings : EXIT.ok;
}

function parse(args: string[]) {
  return parseArgs({
    args,
    allowPositionals: true,
    options: {
      base: { type: "string" },
      format: { type: "string" },
      "summary-file": { type: "string" },
      now: { type: "string" },
      root: { type: "string" },
    },
  });
}
