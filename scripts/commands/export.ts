/**
 * `psirt export osv|vex [--out out/export] [--now DATE]`: writes the PUBLIC exports of the published
 * advisories (scripts/docs/exports.md): `osv/<ID>.json` + `osv/all.zip`, or
 * `vex/<product>/<version>.cdx.json`. Every document is validated and the output is scanned for
 * unpublished content before anything is written. Exit 1 on invalid data or output, 2 on bad usage.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { parseArgs } from "node:util";
import { findLeaks, unpublishedNeedles } from "../core/build/leaks.ts";
import { CliError, EXIT } from "../core/exit-codes.ts";
import { publicExports } from "../core/export/index.ts";
import { hasErrors } from "../core/finding.ts";
import { publishedAdvisories } from "../core/publish/select.ts";
import { validateRepository } from "../core/validate.ts";
import { repoRoot } from "../io/invocation.ts";
import { resolveNow } from "../io/now.ts";
import { readRepository } from "../io/repo-files.ts";
import { formatText } from "../report/findings.ts";

const KINDS = ["osv", "vex"] as const;

export async function run(args: string[]): Promise<number> {
  // Unknown or malformed options reach scripts/psirt.ts, which prints this command's usage.
  const parsed = parse(args);
  const { values, positionals } = parsed;
  const kind = positionals[0];
  if (positionals.length !== 1 || !(KINDS as readonly string[]).includes(kind ?? ""))
    throw new CliError(
      `export: say what to export: \`export osv\` or \`export vex\` (got ${positionals.join(" ") || "nothing"})`,
    );
  const root = repoRoot(values.root);
  const out = resolve(values.out ?? join(root, "out/export"));
  const now = resolveNow(values.now);

  const { model, findings } = await validateRepository(await readRepository(root), now);
  if (hasErrors(findings)) {
    process.stdout.write(formatText(findings.filter((f) => f.severity === "error")));
    process.stderr.write("export: the repository does not validate; nothing was written\n");
    return EXIT.findings;
  }
  const published = publishedAdvisories(model, now);
  const { files, problems } = await publicExports(model, published, now, {
    osv: kind === "osv",
    vex: kind === "vex",
  });
  if (problems.length > 0) {
    for (const p of problems) process.stdout.write(`invalid ${p}\n`);
    process.stderr.write(
      "export: generated documents are invalid (a bug in the exporter): nothing was written\n",
    );
    return EXIT.findings;
  }
  const leaks = findLeaks(
    [...files].map(
      ([p, c]) => [p, typeof c === "string" ? new TextEncoder().encode(c) : c] as [string, Uint8Array],
    ),
    unpublishedNeedles(model, now),
  );
  if (leaks.length > 0) {
    for (const l of leaks) process.stdout.write(`LEAK ${l.path}: "${l.needle}" (${l.why})\n`);
    throw new CliError(
      "export: unpublished content in the generated files: nothing was written",
      EXIT.internal,
    );
  }
  for (const [path, content] of files) {
    const target = join(out, path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, content);
  }
  process.stderr.write(
    `export: ${published.length} published advisories → ${files.size} ${kind === "osv" ? "OSV files" : "VEX documents"} in ${relative(process.cwd(), out) || "."}/\n`,
  );
  return EXIT.ok;
}

function parse(args: string[]) {
  return parseArgs({
    args,
    allowPositionals: true,
    options: {
      out: { type: "string" },
      now: { type: "string" },
      root: { type: "string" },
    },
  });
}
