/**
 * `psirt advisory new --from-incident <ID> [--id ID] [--title TEXT] [--root DIR]`
 *
 * Writes a draft `advisories/<YYYY>/<ID>.mdx` pre-filled from the incident, and sets the incident's
 * `advisory:` link in place (comments and layout kept). Never overwrites; writes nothing when the
 * result would not validate.
 */
import { randomBytes } from "node:crypto";
import { readFile, rename, unlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { createInterface } from "node:readline/promises";
import { CliError, EXIT } from "../core/exit-codes.ts";
import { planAdvisory } from "../core/scaffold/advisory.ts";
import { plannedErrors } from "../core/scaffold/check.ts";
import { validateRepository } from "../core/validate.ts";
import { repoRoot } from "../io/invocation.ts";
import { resolveNow } from "../io/now.ts";
import { readRepository } from "../io/repo-files.ts";
import { formatText } from "../report/findings.ts";
import { commandArgs } from "./args.ts";
import { writeNew } from "./incident.ts";

export const ADVISORY_USAGE = `usage: npm run psirt -- advisory new --from-incident <INCIDENT-ID> [--id ID] [--title TEXT] [--root DIR]
  Writes a draft advisories/<YYYY>/<ID>.mdx (next free id of the current year) pre-filled from the
  incident, and links the incident to it.
`;

const usageError = (message: string) => new CliError(`advisory: ${message}\n${ADVISORY_USAGE}`, EXIT.usage);

/** Replaces a file through a temporary file and rename, so readers never see half of it. */
export async function replaceFile(full: string, text: string): Promise<void> {
  const temporary = `${full}.${randomBytes(6).toString("hex")}.tmp`;
  await writeFile(temporary, text, { flag: "wx" });
  try {
    await rename(temporary, full);
  } catch (error) {
    await unlink(temporary).catch(() => undefined);
    throw error;
  }
}

export async function run(args: string[]): Promise<number> {
  const options = {
    "from-incident": { type: "string" },
    id: { type: "string" },
    title: { type: "string" },
    root: { type: "string" },
    help: { type: "boolean", short: "h" },
  } as const;
  const { values, positionals } = commandArgs("advisory", ADVISORY_USAGE, args, options);
  if (values.help) {
    process.stdout.write(ADVISORY_USAGE);
    return EXIT.ok;
  }
  if (positionals[0] !== "new" || positionals.length > 1)
    throw usageError(
      positionals[0] ? `unknown subcommand "${positionals.join(" ")}"` : "missing subcommand: new",
    );
  let incidentId = values["from-incident"];
  if (!incidentId && process.stdin.isTTY) {
    const rl = createInterface({ input: process.stdin, output: process.stderr });
    try {
      incidentId = (await rl.question("Incident id (e.g. NLS-IR-2026-0001): ")).trim();
    } finally {
      rl.close();
    }
  }
  if (!incidentId) throw usageError("--from-incident is required");

  const now = resolveNow();
  const root = repoRoot(values.root);
  const files = await readRepository(root);
  const { model, findings } = await validateRepository(files, now);
  const incident = model.incidents.find((i) => i.data.id === incidentId);
  if (!incident) {
    const broken = model.brokenIds.has(incidentId);
    throw new CliError(
      broken
        ? `advisory: incident ${incidentId} does not validate: fix it first (npm run psirt -- validate)`
        : `advisory: incident ${incidentId} not found under incidents/`,
      broken ? EXIT.findings : EXIT.usage,
    );
  }
  const incidentText = await readFile(join(root, incident.file), "utf8");
  const input = { ...(values.id ? { id: values.id } : {}), ...(values.title ? { title: values.title } : {}) };
  const planned = planAdvisory(model, incident, incidentText, input, now);
  const errors = await plannedErrors(files, [planned, planned.incident], now, findings);
  if (errors.length > 0) {
    process.stderr.write(formatText(errors));
    throw new CliError(`advisory: the draft would not validate; nothing written`, EXIT.findings);
  }
  await writeNew(root, planned);
  try {
    await replaceFile(join(root, planned.incident.path), planned.incident.text);
  } catch (error) {
    await unlink(join(root, planned.path)).catch(() => undefined);
    throw error;
  }
  for (const w of planned.warnings) process.stderr.write(`advisory: warning: ${w}\n`);
  process.stdout.write(`created ${planned.path}\nlinked ${planned.incident.path} → ${planned.id}\n`);
  return EXIT.ok;
}
