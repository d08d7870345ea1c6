/** `psirt validate [paths…] [--format text|json|github] [--summary] [--now DATE]` */
import { existsSync } from "node:fs";
import { relative, resolve, sep } from "node:path";
import { parseArgs } from "node:util";
import { CliError, EXIT } from "../core/exit-codes.ts";
import { hasErrors } from "../core/finding.ts";
import { RECIPIENTS_FILE } from "../core/load/repository.ts";
import { summarize, validateRepository } from "../core/validate.ts";
import { readFocused } from "../io/focused.ts";
import { repoRoot } from "../io/invocation.ts";
import { resolveNow } from "../io/now.ts";
import { readRepository } from "../io/repo-files.ts";
import { type FindingFormat, formatGithub, formatJson, formatText } from "../report/findings.ts";

export async function run(args: string[]): Promise<number> {
  // Unknown or malformed options reach scripts/psirt.ts, which prints this command's usage.
  const parsed = parse(args);
  const { values, positionals } = parsed;
  const format = (values.format ?? "text") as FindingFormat;
  if (!["text", "json", "github"].includes(format))
    throw new CliError(`validate: unknown --format "${format}": use text, json or github`);
  const root = repoRoot(values.root);
  const now = resolveNow(values.now);

  // With paths (relative to the current directory), only those files or folders are validated
  // and reported; cross-references resolve against the rest of the repository, read as needed.
  const missing = positionals.filter((p) => !existsSync(resolve(p)));
  if (missing.length > 0)
    throw new CliError(`validate: no such file or folder: ${missing.join(", ")}`, EXIT.usage);
  const focus = positionals.map((p) => relative(root, resolve(p)).split(sep).join("/"));
  if (focus.some((p) => p.startsWith(".."))) {
    throw new CliError(`validate: paths must lie inside the repository ${root}`);
  }
  const whole = focus.length === 0 || focus.includes("");
  const result = whole
    ? await validateRepository(await readRepository(root), now)
    : await readFocused(root, focus).then(({ files, allPaths }) =>
        validateRepository(files, now, { allPaths }),
      );
  const { model } = result;
  const findings = whole
    ? result.findings
    : result.findings.filter((f) => focus.some((p) => f.file === p || f.file.startsWith(`${p}/`)));
  // The recipients' public keys are read and checked too (what `notify` needs), whenever the
  // recipients file or a key is validated.
  const keys = (p: string) => p === "inventory" || p === RECIPIENTS_FILE || p.startsWith("inventory/keys");
  if (model.recipients && (whole || focus.some(keys))) {
    const { recipientKeyFindings } = await import("../io/recipients.ts"); // OpenPGP: only when needed
    findings.push(...(await recipientKeyFindings(root, model, now)));
  }
  const summary = summarize(model, findings);

  if (format === "json") process.stdout.write(formatJson(findings, summary));
  else if (format === "github") process.stdout.write(formatGithub(findings));
  else process.stdout.write(formatText(findings));
  if (format !== "json" && (values.summary || findings.length > 0 || process.stdout.isTTY)) {
    const s = summary;
    process.stderr.write(
      `validate: ${s.advisories} advisories, ${s.incidents} incidents, ${s.products} products (${s.versions} versions), ${s.sboms} SBOMs (${s.components} components): ${s.errors} error${s.errors === 1 ? "" : "s"}, ${s.warnings} warning${s.warnings === 1 ? "" : "s"}\n`,
    );
  }
  return hasErrors(findings) ? EXIT.findings : EXIT.ok;
}

function parse(args: string[]) {
  return parseArgs({
    args,
    allowPositionals: true,
    options: {
      format: { type: "string" },
      summary: { type: "boolean" },
      now: { type: "string" },
      root: { type: "string" },
    },
  });
}
