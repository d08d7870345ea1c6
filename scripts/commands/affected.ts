import { CliError, EXIT } from "../core/exit-codes.ts";
import { affectedReport, formatAffectedText } from "../core/matching/affected.ts";
import { MatchSession } from "../core/matching/session.ts";
import { incidentRefs } from "../core/matching/targets.ts";
import { repoRoot } from "../io/invocation.ts";
import { formatDiagnostics } from "../report/match-text.ts";
import { commandArgs } from "./args.ts";
import { loadFeeds, loadInventory, loadTargets } from "./match.ts";

export const AFFECTED_USAGE = `usage: npm run psirt -- affected <CVE-… | GHSA-… | OSV id> [--feed PATH]… [--sbom PATH]… [--format text|json] [--root DIR]
  Which product versions ship an affected component, and what the incidents say about each.
`;

export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parse(args);
  if (values.help) {
    process.stdout.write(AFFECTED_USAGE);
    return EXIT.ok;
  }
  if (positionals.length !== 1)
    throw new CliError(`affected: give exactly one vulnerability id\n${AFFECTED_USAGE}`);
  const format = values.format ?? "text";
  if (format !== "text" && format !== "json")
    throw new CliError(`affected: unknown --format "${format}": use text or json`);
  const query = positionals[0]!.trim();
  const root = repoRoot(values.root);

  const session = new MatchSession();
  const inventory = await loadInventory(root, session, { sboms: !values.sbom?.length });
  const targets = await loadTargets(root, inventory, values.sbom, session, new Map());
  await loadFeeds(session, root, values.feed);
  const group = session.groupOf(query);
  const result = session.run(targets, incidentRefs(inventory.model));
  const report = affectedReport(query, group, result, group ? undefined : session.intelFor(query));
  if (format === "json") process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  else process.stdout.write(formatAffectedText(report));
  process.stderr.write(
    formatDiagnostics(
      result.diagnostics.filter((x) => x.severity === "error"),
      "affected",
    ),
  );
  return EXIT.ok;
}

function parse(args: string[]) {
  return commandArgs("affected", AFFECTED_USAGE, args, {
    feed: { type: "string", multiple: true },
    sbom: { type: "string", multiple: true },
    format: { type: "string" },
    root: { type: "string" },
    help: { type: "boolean", short: "h" },
  });
}
