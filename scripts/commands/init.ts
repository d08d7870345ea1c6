/**
 * `psirt init --name NAME --prefix PREFIX --site-url URL --email EMAIL [--namespace URL]
 *   [--report-url URL] [--title TEXT] [--languages en,de] [--root DIR]`
 *
 * Makes a clone of this repository a vendor's own PSIRT: the example vendor's content folders move
 * to test/fixtures/example/ (where the tool's own tests find it, so `npm test` keeps testing the
 * tool), and the vendor's inventory/vendor.yaml, feed sources and an empty recipients list are
 * written, with empty advisories/, incidents/ and inventory folders. Runs only on the shipped
 * example; every planned file is validated before anything moves.
 */
import { mkdir, rename, rm, stat } from "node:fs/promises";
import { join } from "node:path";
import { createInterface } from "node:readline/promises";
import type { parseArgs } from "node:util";
import { CliError, EXIT } from "../core/exit-codes.ts";
import { EMPTY_FOLDERS, EXAMPLE_VENDOR, planInit, type VendorInput } from "../core/scaffold/vendor.ts";
import { validateRepository } from "../core/validate.ts";
import { repoRoot } from "../io/invocation.ts";
import { resolveNow } from "../io/now.ts";
import { CONTENT_ROOTS, readRepository } from "../io/repo-files.ts";
import { DEV_KEY_FILE } from "../io/signing-key.ts";
import { formatText } from "../report/findings.ts";
import { commandArgs } from "./args.ts";
import { writeNew } from "./incident.ts";

export const INIT_USAGE = `usage: npm run psirt -- init --name NAME --prefix PREFIX --site-url URL --email EMAIL
         [--namespace URL] [--report-url URL] [--title TEXT] [--languages en,de] [--root DIR]
  Makes this repository your PSIRT: moves the example vendor (${EXAMPLE_VENDOR.name}) to
  test/fixtures/example/, where the tool's tests use it, and writes inventory/vendor.yaml,
  inventory/feeds.yaml and inventory/recipients.yaml for your vendor.
  --prefix     id prefix of advisories and incidents: ACME gives ACME-SA-2026-0001
  --site-url   https:// URL the advisory site is published at (canonical CSAF and security.txt URL)
  --namespace  your web namespace for CSAF (default: the origin of --site-url)
  On a terminal, missing values are asked for.
`;

/** Where the example goes: the tool's tests look for it there (test/helpers/repo.ts). */
export const EXAMPLE_FIXTURE = "test/fixtures/example";

const OPTIONS = {
  name: { type: "string" },
  prefix: { type: "string" },
  "site-url": { type: "string" },
  email: { type: "string" },
  namespace: { type: "string" },
  "report-url": { type: "string" },
  title: { type: "string" },
  languages: { type: "string" },
  root: { type: "string" },
  help: { type: "boolean", short: "h" },
} as const;

type Values = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>["values"];

const REQUIRED = ["name", "prefix", "site-url", "email"] as const;

const usageError = (message: string) => new CliError(`init: ${message}\n${INIT_USAGE}`, EXIT.usage);

/** Asks for the required values that are missing, on a terminal only. */
async function prompt(values: Values): Promise<void> {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  const questions: Record<(typeof REQUIRED)[number], string> = {
    name: "Vendor name (e.g. Acme Corp): ",
    prefix: "Id prefix, 2–10 capital letters or digits (e.g. ACME): ",
    "site-url": "Advisory site URL (e.g. https://psirt.acme.example/): ",
    email: "PSIRT e-mail address for reports: ",
  };
  try {
    for (const key of REQUIRED) while (!values[key]) values[key] = (await rl.question(questions[key])).trim();
  } finally {
    rl.close();
  }
}

function inputFrom(values: Values): VendorInput {
  const missing = REQUIRED.filter((key) => !values[key]).map((key) => `--${key}`);
  if (missing.length > 0)
    throw usageError(`${missing.join(", ")} ${missing.length === 1 ? "is" : "are"} required`);
  const input: VendorInput = {
    name: values.name!,
    prefix: values.prefix!,
    siteUrl: values["site-url"]!,
    email: values.email!,
  };
  if (values.namespace) input.namespace = values.namespace;
  if (values["report-url"]) input.reportUrl = values["report-url"];
  if (values.title) input.title = values.title;
  if (values.languages) input.languages = values.languages.split(/[\s,]+/).filter(Boolean);
  return input;
}

const exists = async (path: string): Promise<boolean> =>
  stat(path).then(
    () => true,
    () => false,
  );

export async function run(args: string[]): Promise<number> {
  const { values, positionals } = commandArgs("init", INIT_USAGE, args, OPTIONS);
  if (values.help) {
    process.stdout.write(INIT_USAGE);
    return EXIT.ok;
  }
  if (positionals.length > 0) throw usageError(`unexpected argument "${positionals[0]}"`);
  if (REQUIRED.some((key) => !values[key]) && process.stdin.isTTY) await prompt(values);
  const input = inputFrom(values);
  const root = repoRoot(values.root);
  const now = resolveNow();

  // Only the shipped example is replaced: a repository with a vendor of its own is never touched.
  const { model } = await validateRepository(await readRepository(root), now);
  const vendor = model.vendor?.data;
  if (vendor?.name !== EXAMPLE_VENDOR.name || vendor.id_prefix !== EXAMPLE_VENDOR.prefix) {
    const which = vendor ? `${vendor.name} (${vendor.id_prefix})` : "not readable (inventory/vendor.yaml)";
    throw new CliError(
      `init: this repository's vendor is ${which}, not the example ${EXAMPLE_VENDOR.name}: init only replaces the example, and changed nothing`,
      EXIT.usage,
    );
  }
  if (await exists(join(root, EXAMPLE_FIXTURE)))
    throw new CliError(`init: ${EXAMPLE_FIXTURE}/ already exists: nothing was changed`, EXIT.usage);

  // The new repository on its own must validate before anything moves.
  const planned = planInit(input);
  const files = planned.map((p) => ({ path: p.path, bytes: new TextEncoder().encode(p.text) }));
  const errors = (await validateRepository(files, now)).findings.filter((f) => f.severity === "error");
  if (errors.length > 0) {
    process.stderr.write(formatText(errors));
    throw usageError(
      "the planned inventory/vendor.yaml above would not validate (id_prefix is --prefix, site.url and the default namespace come from --site-url, contact from --email and --report-url): nothing was changed",
    );
  }

  await mkdir(join(root, EXAMPLE_FIXTURE), { recursive: true });
  for (const folder of CONTENT_ROOTS) {
    if (await exists(join(root, folder)))
      await rename(join(root, folder), join(root, EXAMPLE_FIXTURE, folder));
  }
  for (const file of planned) await writeNew(root, file);
  // A cached development key names the example vendor: the next build makes one for this vendor.
  await rm(join(root, ".psirt", DEV_KEY_FILE), { force: true });
  process.stdout.write(
    [
      `init: moved the example vendor (${EXAMPLE_VENDOR.name}) to ${EXAMPLE_FIXTURE}/, where the tool's tests use it`,
      `init: wrote ${planned
        .filter((p) => !p.path.endsWith(".gitkeep"))
        .map((p) => p.path)
        .join(", ")}; empty ${EMPTY_FOLDERS.map((f) => `${f}/`).join(", ")}`,
      "next:",
      "  1. add each product and shipped version with its CycloneDX SBOM:",
      '     npm run psirt -- release <product-id> <version> --name "Product Name" --exposure internet|internal|local --sbom FILE',
      "     (then without --name and --exposure for its other versions; README: The data model)",
      "  2. name your teams in .github/CODEOWNERS",
      "  3. npm run psirt -- validate && npm start",
      "  4. before publishing: the release signing key as a secret, Pages and the domain (README: Signing and deployment)",
      "",
    ].join("\n"),
  );
  return EXIT.ok;
}
