/**
 * `psirt incident new [--title …] [--source …] [--reporter-name … --reporter-email … --credit yes|no]
 *   [--received YYYY-MM-DD] [--vuln ID]… [--product ID --versions RANGE]… [--id ID] [--root DIR]`
 *
 * Writes `incidents/<YYYY>/<ID>.yaml` with the next free id, never overwriting a file. On a
 * terminal, missing required answers are asked for; in scripts they are a usage error (exit 2).
 */
import { mkdir, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { createInterface } from "node:readline/promises";
import type { parseArgs } from "node:util";
import { CliError, EXIT } from "../core/exit-codes.ts";
import { plannedErrors } from "../core/scaffold/check.ts";
import { isoDate } from "../core/scaffold/ids.ts";
import {
  type IncidentInput,
  type PlannedFile,
  planIncident,
  SOURCE_TYPES,
  type SourceType,
} from "../core/scaffold/incident.ts";
import { validateRepository } from "../core/validate.ts";
import { repoRoot } from "../io/invocation.ts";
import { resolveNow } from "../io/now.ts";
import { readRepository } from "../io/repo-files.ts";
import { formatText } from "../report/findings.ts";
import { commandArgs } from "./args.ts";

export const INCIDENT_USAGE = `usage: npm run psirt -- incident new --title TEXT --source ${SOURCE_TYPES.join("|")}
         [--reporter-name NAME [--reporter-org ORG] [--reporter-email EMAIL] [--credit yes|no]]
         [--reference REF] [--received YYYY-MM-DD] [--severity critical|high|medium|low|none]
         [--vuln CVE-…]… [--product ID [--versions RANGE]]… [--note TEXT] [--id ID] [--root DIR]
  Writes incidents/<YYYY>/<ID>.yaml with the next free id (never overwrites).
  On a terminal, missing --title/--source are asked for.
`;

const OPTIONS = {
  title: { type: "string" },
  source: { type: "string" },
  "reporter-name": { type: "string" },
  "reporter-org": { type: "string" },
  "reporter-email": { type: "string" },
  credit: { type: "string" },
  reference: { type: "string" },
  received: { type: "string" },
  severity: { type: "string" },
  vuln: { type: "string", multiple: true },
  product: { type: "string", multiple: true },
  versions: { type: "string", multiple: true },
  note: { type: "string" },
  id: { type: "string" },
  root: { type: "string" },
  help: { type: "boolean", short: "h" },
} as const;

type Values = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>["values"];

const usageError = (message: string) => new CliError(`incident: ${message}\n${INCIDENT_USAGE}`, EXIT.usage);

/** Asks for what is missing, on a terminal only. */
async function prompt(values: Values, today: string): Promise<void> {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  const ask = async (q: string, fallback = "") => (await rl.question(q)).trim() || fallback;
  try {
    while (!values.title) values.title = await ask("Title: ");
    while (!values.source || !(SOURCE_TYPES as readonly string[]).includes(values.source))
      values.source = await ask(`Source (${SOURCE_TYPES.join(", ")}) [external_report]: `, "external_report");
    if (values["reporter-name"] === undefined) {
      const name = await ask("Reporter name (blank: none): ");
      if (name) {
        values["reporter-name"] = name;
        values["reporter-org"] ??= (await ask("Reporter organization (blank: none): ")) || undefined;
        values["reporter-email"] ??= (await ask("Reporter e-mail (blank: none): ")) || undefined;
        values.credit ??= (
          await ask("May we credit the reporter by name? (yes/no) [no]: ", "no")
        ).toLowerCase();
      }
    }
    values.received ??= await ask(`Received [${today}]: `, today);
    if (!values.vuln) {
      const ids = await ask("Vulnerability ids (CVE/GHSA/OSV, space separated, blank: none): ");
      values.vuln = ids ? ids.split(/[\s,]+/).filter(Boolean) : [];
    }
    if (!values.product) {
      const list = await ask("Products to analyse as id or id@range, comma separated (blank: none): ");
      values.product = [];
      values.versions = [];
      for (const item of list
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean)) {
        const at = item.indexOf("@");
        values.product.push(at < 0 ? item : item.slice(0, at));
        values.versions.push(at < 0 ? "*" : item.slice(at + 1));
      }
    }
  } finally {
    rl.close();
  }
}

/** Builds the planner input from the flags (after any prompting). */
export function inputFromFlags(values: Values): IncidentInput {
  if (!values.title) throw usageError("--title is required");
  if (!values.source) throw usageError("--source is required");
  if (!(SOURCE_TYPES as readonly string[]).includes(values.source))
    throw usageError(`unknown --source "${values.source}": use one of ${SOURCE_TYPES.join(", ")}`);
  const credit = (values.credit ?? "no").toLowerCase();
  if (!["yes", "no", "true", "false", "y", "n"].includes(credit))
    throw usageError(`--credit must be yes or no, found "${values.credit}"`);
  const reporterName = values["reporter-name"];
  if (!reporterName && (values["reporter-email"] || values["reporter-org"] || values.credit))
    throw usageError("--reporter-email, --reporter-org and --credit need --reporter-name");
  const products = values.product ?? [];
  const versions = values.versions ?? [];
  if (versions.length > 0 && versions.length !== products.length)
    throw usageError(
      `give one --versions per --product (found ${products.length} products, ${versions.length} ranges)`,
    );
  const severities = ["critical", "high", "medium", "low", "none"];
  if (values.severity && !severities.includes(values.severity))
    throw usageError(`--severity must be one of ${severities.join(", ")}`);
  const input: IncidentInput = {
    title: values.title,
    source: { type: values.source as SourceType },
    vulnerabilities: values.vuln ?? [],
    products: products.map((product, i) => ({ product, versions: versions[i] ?? "*" })),
  };
  if (reporterName)
    input.source.reporter = {
      name: reporterName,
      ...(values["reporter-org"] ? { organization: values["reporter-org"] } : {}),
      ...(values["reporter-email"] ? { email: values["reporter-email"] } : {}),
      credit: ["yes", "true", "y"].includes(credit),
    };
  if (values.reference) input.source.reference = values.reference;
  if (values.received) input.received = values.received;
  if (values.severity) input.severity = values.severity as NonNullable<IncidentInput["severity"]>;
  if (values.note) input.note = values.note;
  if (values.id) input.id = values.id;
  return input;
}

/**
 * Writes a new file (its text, or `bytes` when given), refusing to replace anything that exists
 * (also a symbolic link).
 */
export async function writeNew(root: string, file: PlannedFile, bytes?: Uint8Array): Promise<void> {
  const full = join(root, file.path);
  await mkdir(dirname(full), { recursive: true });
  try {
    await writeFile(full, bytes ?? file.text, { flag: "wx" });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST")
      throw new CliError(`refusing to overwrite ${file.path}: it already exists`, EXIT.usage);
    throw error;
  }
}

export async function run(args: string[]): Promise<number> {
  const { values, positionals } = commandArgs("incident", INCIDENT_USAGE, args, OPTIONS);
  if (values.help) {
    process.stdout.write(INCIDENT_USAGE);
    return EXIT.ok;
  }
  if (positionals[0] !== "new" || positionals.length > 1)
    throw usageError(
      positionals[0] ? `unknown subcommand "${positionals.join(" ")}"` : "missing subcommand: new",
    );
  const now = resolveNow();
  if ((!values.title || !values.source) && process.stdin.isTTY) await prompt(values, isoDate(now));
  const input = inputFromFlags(values);

  const root = repoRoot(values.root);
  const files = await readRepository(root);
  const { model, findings } = await validateRepository(files, now);
  const planned = planIncident(model, input, now);
  const errors = await plannedErrors(files, [planned], now, findings);
  if (errors.length > 0) {
    process.stderr.write(formatText(errors));
    throw new CliError(`incident: ${planned.path} would not validate; nothing written`, EXIT.findings);
  }
  await writeNew(root, planned);
  process.stdout.write(`created ${planned.path}\n`);
  return EXIT.ok;
}
