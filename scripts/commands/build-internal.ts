/**
 * `psirt build-internal [--out dist-internal] [--now DATE] [--since YYYY-MM-DD]` (npm run
 * build:internal): the confidential internal dashboard (metrics, charts, incident list) and the
 * complete internal CycloneDX VEX of every product version, written to a folder the public deploy
 * never includes. Refuses an output inside dist/ (the public output) and a folder it did not
 * write itself; replaces the output in one step. Exit 1 on invalid data, 2 on bad usage.
 */
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { parseArgs } from "node:util";
import { isRealDate } from "../../schemas/common.ts";
import { CliError, EXIT } from "../core/exit-codes.ts";
import { validateCycloneDx } from "../core/export/validate-cyclonedx.ts";
import { internalVexExports } from "../core/export/vex-internal.ts";
import { hasErrors } from "../core/finding.ts";
import { metricsCharts } from "../core/metrics/charts.ts";
import { computeMetrics } from "../core/metrics/compute.ts";
import { dashboardHtml } from "../core/metrics/dashboard.ts";
import { validateRepository } from "../core/validate.ts";
import { repoRoot } from "../io/invocation.ts";
import { resolveNow } from "../io/now.ts";
import { repositoryPart, within } from "../io/output-folder.ts";
import { readRepository } from "../io/repo-files.ts";
import { formatText } from "../report/findings.ts";

/** File that marks a folder as written by build-internal (only such a folder is ever replaced). */
export const MARKER = ".psirt-internal";

export async function run(args: string[]): Promise<number> {
  // Unknown or malformed options reach scripts/psirt.ts, which prints this command's usage.
  const { values } = parse(args);
  const root = repoRoot(values.root);
  const out = resolve(values.out ?? join(root, "dist-internal"));
  if (within(out, join(root, "dist")))
    throw new CliError(
      `build-internal: refusing to write internal data to ${out}: it is inside dist/, the public output; use --out dist-internal`,
    );
  if (within(root, out))
    throw new CliError(
      `build-internal: refusing --out ${out}: it contains the repository; choose a folder of its own`,
    );
  // Inside the repository only in a folder of its own: never where the site's sources (site/public)
  // or content would take it in.
  const part = repositoryPart(root, out, ["dist-internal", "out"]);
  if (part !== undefined)
    throw new CliError(
      `build-internal: refusing --out ${out}: it lies inside ${part}/, which is part of the repository; use --out dist-internal`,
    );
  if (values.since !== undefined && !isRealDate(values.since))
    throw new CliError(`build-internal: --since "${values.since}" is not a date: use YYYY-MM-DD`);
  if (existsSync(out) && readdirSync(out).length > 0 && !existsSync(join(out, MARKER)))
    throw new CliError(
      `build-internal: ${out} exists and was not written by build-internal (no ${MARKER}): refusing to replace it; choose an empty or new folder`,
    );
  const now = resolveNow(values.now);

  const { model, findings } = await validateRepository(await readRepository(root), now);
  if (hasErrors(findings)) {
    process.stdout.write(formatText(findings.filter((f) => f.severity === "error")));
    process.stderr.write("build-internal: the repository does not validate; nothing was written\n");
    return EXIT.findings;
  }
  const metrics = computeMetrics(model, { now, ...(values.since ? { since: values.since } : {}) });
  const charts = metricsCharts(metrics);
  const vex = internalVexExports(model);
  const problems: string[] = [];
  for (const [path, text] of vex) {
    const error = await validateCycloneDx(text);
    if (error) problems.push(`${path}: ${error}`);
  }
  if (problems.length > 0) {
    for (const p of problems) process.stdout.write(`invalid ${p}\n`);
    process.stderr.write(
      "build-internal: generated VEX documents are invalid (a bug): nothing was written\n",
    );
    return EXIT.findings;
  }

  const files = new Map<string, string>();
  files.set(MARKER, "Written by `psirt build-internal`. CONFIDENTIAL: never publish this folder.\n");
  files.set("index.html", dashboardHtml({ model, metrics, now, charts, vexFiles: [...vex.keys()] }));
  files.set("metrics.json", `${JSON.stringify(metrics, null, 2)}\n`);
  for (const c of charts) files.set(`charts/${c.file}`, c.svg);
  for (const [path, text] of vex) files.set(path, text);

  const staging = `${out}.staging-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  try {
    for (const [path, content] of files) {
      const target = join(staging, path);
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, content);
    }
    rmSync(out, { recursive: true, force: true });
    renameSync(staging, out);
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  process.stderr.write(
    `build-internal: wrote ${relative(process.cwd(), out) || "."}/ (dashboard, ${charts.length} charts, ${vex.size} internal VEX documents): CONFIDENTIAL, never publish it\n`,
  );
  return EXIT.ok;
}

function parse(args: string[]) {
  return parseArgs({
    args,
    options: {
      out: { type: "string" },
      now: { type: "string" },
      since: { type: "string" },
      root: { type: "string" },
    },
  });
}
