/**
 * `psirt metrics [--format text|json|markdown] [--since YYYY-MM-DD] [--now DATE] [--svg-out DIR]`:
 * PSIRT metrics from the incidents (scripts/docs/metrics.md). Exit 1 when the repository does not
 * validate (metrics from half-loaded incidents would be wrong), 2 on bad usage.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { parseArgs } from "node:util";
import { isRealDate } from "../../schemas/common.ts";
import { CliError, EXIT } from "../core/exit-codes.ts";
import { hasErrors } from "../core/finding.ts";
import { metricsCharts } from "../core/metrics/charts.ts";
import { computeMetrics } from "../core/metrics/compute.ts";
import { metricsMarkdown } from "../core/metrics/report-markdown.ts";
import { metricsText } from "../core/metrics/report-text.ts";
import { validateRepository } from "../core/validate.ts";
import { repoRoot } from "../io/invocation.ts";
import { resolveNow } from "../io/now.ts";
import { readRepository } from "../io/repo-files.ts";
import { formatText } from "../report/findings.ts";

const FORMATS = ["text", "json", "markdown"] as const;

export async function run(args: string[]): Promise<number> {
  // Unknown or malformed options reach scripts/psirt.ts, which prints this command's usage.
  const { values } = parse(args);
  const format = values.format ?? "text";
  if (!(FORMATS as readonly string[]).includes(format))
    throw new CliError(`metrics: unknown --format "${format}": use ${FORMATS.join(", ")}`);
  if (values.since !== undefined && !isRealDate(values.since))
    throw new CliError(`metrics: --since "${values.since}" is not a date: use YYYY-MM-DD`);
  const root = repoRoot(values.root);
  const now = resolveNow(values.now);

  const { model, findings } = await validateRepository(await readRepository(root), now);
  if (hasErrors(findings)) {
    process.stdout.write(formatText(findings.filter((f) => f.severity === "error")));
    process.stderr.write("metrics: the repository does not validate; fix the errors above first\n");
    return EXIT.findings;
  }
  const metrics = computeMetrics(model, { now, ...(values.since ? { since: values.since } : {}) });

  if (values["svg-out"]) {
    const dir = resolve(values["svg-out"]);
    mkdirSync(dir, { recursive: true });
    for (const chart of metricsCharts(metrics)) writeFileSync(join(dir, chart.file), chart.svg);
    process.stderr.write(`metrics: wrote 3 charts to ${relative(process.cwd(), dir) || "."}/\n`);
  }
  if (format === "json") process.stdout.write(`${JSON.stringify(metrics, null, 2)}\n`);
  else if (format === "markdown") process.stdout.write(metricsMarkdown(metrics));
  else process.stdout.write(metricsText(metrics));
  return EXIT.ok;
}

function parse(args: string[]) {
  return parseArgs({
    args,
    options: {
      format: { type: "string" },
      since: { type: "string" },
      now: { type: "string" },
      "svg-out": { type: "string" },
      root: { type: "string" },
    },
  });
}
