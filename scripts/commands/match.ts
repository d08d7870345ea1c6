/**
 * `psirt match [--sbom path…] [--feed path…] [--format text|json|sarif|markdown] [--fail-on new]
 *   [--create-incidents] [--now DATE] [--root DIR]`
 *
 * Matches the inventory's SBOMs (or the given ones) against the feed cache (or the given feed
 * files, kind detected from content). Exit 0; 1 with `--fail-on new` when something is new; 2 for
 * usage errors; 3 when there are no feeds to match against.
 */
import { readFile, stat } from "node:fs/promises";
import { join, relative, resolve, sep } from "node:path";
import { parseArgs } from "node:util";
import type { FeedsConfig } from "../../schemas/feeds-config.ts";
import { CliError, EXIT } from "../core/exit-codes.ts";
import { fail, MAX_FEED_FILE_BYTES } from "../core/feeds/bytes.ts";
import { readFeed } from "../core/feeds/detect.ts";
import { loadRepository, type Model, type RepoFile } from "../core/load/repository.ts";
import { loadSbom, type Sbom } from "../core/load/sbom.ts";
import { MAX_SBOM_BYTES } from "../core/load/source.ts";
import { planIncidents } from "../core/matching/plan-incidents.ts";
import { MatchSession, type SessionResult } from "../core/matching/session.ts";
import { applyEnv, CONFIG_PATH, parseFeedsConfig } from "../core/matching/sources.ts";
import { fileTarget, incidentRefs, inventoryTargets } from "../core/matching/targets.ts";
import type { SbomTarget } from "../core/matching/types.ts";
import { plannedErrors } from "../core/scaffold/check.ts";
import { FeedCache } from "../io/feeds-cache.ts";
import { repoRoot } from "../io/invocation.ts";
import { resolveNow } from "../io/now.ts";
import { within } from "../io/output-folder.ts";
import { listContentFiles, readCapped, readFiles, walkFiles } from "../io/repo-files.ts";
import { formatText } from "../report/findings.ts";
import { formatMatchMarkdown } from "../report/markdown.ts";
import { formatMatchJson } from "../report/match-json.ts";
import { formatDiagnostics, formatMatchText } from "../report/match-text.ts";
import { formatSarif } from "../report/sarif.ts";
import { writeNew } from "./incident.ts";

const FORMATS = ["text", "json", "sarif", "markdown"] as const;
type Format = (typeof FORMATS)[number];

export const MATCH_USAGE = `usage: npm run psirt -- match [--sbom PATH]… [--feed PATH]… [--format text|json|sarif|markdown]
         [--fail-on new] [--create-incidents] [--now YYYY-MM-DD] [--root DIR]
  Matches every inventory SBOM (or the --sbom files) against the feed cache (or the --feed files).
`;

/** The feeds config of the repository at `root`, with environment overrides (exit 2 when invalid). */
export async function loadConfig(root: string): Promise<FeedsConfig> {
  const text = await readFile(resolve(root, CONFIG_PATH), "utf8").catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") return undefined;
    throw error;
  });
  const parsed = parseFeedsConfig(text);
  const result = parsed.ok ? applyEnv(parsed.config, process.env) : parsed;
  if (!result.ok) {
    process.stderr.write(formatText(result.findings));
    throw new CliError(`${CONFIG_PATH} is invalid: fix the errors above`, EXIT.usage);
  }
  return result.config;
}

export interface Inventory {
  model: Model;
  files: RepoFile[];
  /** Inventory SBOMs read leniently (any CycloneDX JSON), by repository path. */
  sboms: Map<string, Sbom>;
}

/**
 * Products, incidents and the inventory SBOMs. SBOMs are read for their components without the
 * strict schema check of `validate`, so a flawed SBOM is still matched (its problems are warned).
 */
export async function loadInventory(
  root: string,
  session: MatchSession,
  options: { sboms?: boolean } = {},
): Promise<Inventory> {
  const paths = await listContentFiles(root);
  const wanted = paths.filter((p) => !p.startsWith("advisories/") && !p.endsWith(".cdx.json"));
  const { model, findings } = await loadRepository(await readFiles(root, wanted), { allPaths: paths });
  const errors = findings.filter((f) => f.severity === "error");
  if (errors.length > 0)
    session.log.warn(
      root,
      undefined,
      `${errors.length} validation error(s) in products or incidents (first: ${errors[0]!.file}: ${errors[0]!.message}); run \`npm run psirt -- validate\``,
    );
  if (options.sboms === false) return { model, files: [], sboms: new Map() };
  const sbomPaths = [...model.products.values()].flatMap((p) =>
    p.data.versions.flatMap((v) => (v.sbom ? [v.sbom] : [])),
  );
  const present = new Set(paths);
  const files = await readFiles(
    root,
    sbomPaths.filter((p) => present.has(p)),
  );
  const sboms = new Map<string, Sbom>();
  for (const file of files) {
    const { sbom, findings: problems } = await loadSbom(file.path, file.bytes, false);
    for (const f of problems) session.log.note({ severity: "warning", source: f.file, message: f.message });
    if (sbom) sboms.set(file.path, sbom);
  }
  return { model, files, sboms };
}

/** Reads feed files into the session: the given paths, else everything in the cache. */
export async function loadFeeds(
  session: MatchSession,
  root: string,
  feeds: readonly string[] | undefined,
): Promise<number> {
  let paths: { path: string; label: string }[];
  if (feeds && feeds.length > 0) {
    paths = [];
    for (const f of feeds) {
      // A folder stands for the feed files below it (an unpacked export, a copy of the cache).
      const isFolder = await stat(f).then(
        (s) => s.isDirectory(),
        () => false,
      );
      if (!isFolder) {
        paths.push({ path: resolve(f), label: f });
        continue;
      }
      const found: string[] = [];
      await walkFiles(resolve(f), resolve(f), found);
      if (found.length === 0) throw new CliError(`--feed ${f} is a folder without files`, EXIT.usage);
      for (const name of found.sort()) paths.push({ path: resolve(f, name), label: join(f, name) });
    }
  } else {
    const config = await loadConfig(root);
    const cache = new FeedCache(resolve(root, config.cache));
    paths = (await cache.list()).map((f) => ({
      path: resolve(cache.root, f),
      label: `${config.cache}/${f}`,
    }));
    if (paths.length === 0)
      throw new CliError(
        `no feeds in ${config.cache}/: run \`npm run psirt -- feeds pull\` first, or pass --feed FILE`,
        EXIT.network,
      );
  }
  for (const { path, label } of paths) {
    let bytes: Uint8Array;
    try {
      bytes = await readCapped(path, MAX_FEED_FILE_BYTES);
    } catch (error) {
      throw new CliError(`cannot read feed ${label}: ${(error as Error).message}`, EXIT.usage);
    }
    if (bytes.length > MAX_FEED_FILE_BYTES) {
      const message = `file is larger than the limit of ${MAX_FEED_FILE_BYTES} bytes for a feed file: not read`;
      session.addFeed(label, { kind: "unknown", diagnostics: [fail(label, message)] });
      continue;
    }
    session.addFeed(label, readFeed(bytes, label));
  }
  return paths.length;
}

/** Targets: the --sbom files (product from the inventory when the file is an inventory SBOM) or all inventory SBOMs. */
export async function loadTargets(
  root: string,
  inventory: Inventory,
  sbomArgs: readonly string[] | undefined,
  session: MatchSession,
  texts: Map<string, string>,
): Promise<SbomTarget[]> {
  if (!sbomArgs || sbomArgs.length === 0) {
    for (const f of inventory.files) texts.set(f.path, new TextDecoder().decode(f.bytes));
    return inventoryTargets(inventory.model, inventory.sboms, session.log);
  }
  const targets: SbomTarget[] = [];
  for (const arg of sbomArgs) {
    const full = resolve(arg);
    const rel = relative(root, full).split(sep).join("/");
    const inside = within(full, root);
    let bytes: Uint8Array;
    try {
      // loadSbom reports a file over the limit; more than that is never read.
      bytes = await readCapped(full, MAX_SBOM_BYTES);
    } catch (error) {
      throw new CliError(`cannot read SBOM ${arg}: ${(error as Error).message}`, EXIT.usage);
    }
    const label = inside ? rel : full;
    const { sbom, findings } = await loadSbom(label, bytes, false);
    for (const f of findings) session.log.note({ severity: f.severity, source: label, message: f.message });
    if (!sbom) continue;
    texts.set(label, new TextDecoder().decode(bytes));
    targets.push(fileTarget(sbom, inventory.model, inside ? rel : undefined));
  }
  return targets;
}

function parse(args: string[]) {
  try {
    return parseArgs({
      args,
      options: {
        sbom: { type: "string", multiple: true },
        feed: { type: "string", multiple: true },
        format: { type: "string" },
        "fail-on": { type: "string" },
        "create-incidents": { type: "boolean" },
        now: { type: "string" },
        root: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    });
  } catch (error) {
    throw new CliError(`match: ${(error as Error).message}\n${MATCH_USAGE}`);
  }
}

export async function run(args: string[]): Promise<number> {
  const { values } = parse(args);
  if (values.help) {
    process.stdout.write(MATCH_USAGE);
    return EXIT.ok;
  }
  const format = (values.format ?? "text") as Format;
  if (!FORMATS.includes(format))
    throw new CliError(`match: unknown --format "${format}": use ${FORMATS.join(", ")}`);
  if (values["fail-on"] !== undefined && values["fail-on"] !== "new")
    throw new CliError(`match: unknown --fail-on "${values["fail-on"]}": the only value is new`);
  const root = repoRoot(values.root);
  const now = resolveNow(values.now);

  const session = new MatchSession();
  const inventory = await loadInventory(root, session, { sboms: !values.sbom?.length });
  const texts = new Map<string, string>();
  const targets = await loadTargets(root, inventory, values.sbom, session, texts);
  const feedFiles = await loadFeeds(session, root, values.feed);
  const result = session.run(targets, incidentRefs(inventory.model));

  process.stdout.write(render(format, result, texts));
  process.stderr.write(summaryLine(result, feedFiles, session));
  // Unreadable feeds would otherwise look like a clean inventory (and `--fail-on new` pass).
  if (result.stats.records + result.stats.withdrawn + session.kevSize + session.epssSize === 0) {
    throw new CliError(
      `match: none of the ${feedFiles} feed file(s) gave a record, KEV entry or EPSS score (see the errors above): nothing was matched`,
      EXIT.network,
    );
  }

  if (values["create-incidents"]) await createIncidents(root, inventory, result, now);
  return values["fail-on"] === "new" && result.matches.some((m) => m.new) ? EXIT.findings : EXIT.ok;
}

function render(format: Format, result: SessionResult, texts: ReadonlyMap<string, string>): string {
  const { matches, diagnostics, stats } = result;
  if (format === "json") return formatMatchJson(matches, diagnostics, stats);
  if (format === "markdown") return formatMatchMarkdown(matches, stats);
  if (format === "sarif") {
    const references = new Map<string, string>();
    for (const [id, info] of result.vulnerabilities)
      if (info.intel.reference) references.set(id, info.intel.reference);
    return formatSarif(matches, { texts, references });
  }
  return formatMatchText(matches);
}

function summaryLine(result: SessionResult, feedFiles: number, session: MatchSession): string {
  const { stats, matches, diagnostics } = result;
  const fresh = matches.filter((m) => m.new).length;
  const diag = formatDiagnostics(diagnostics);
  return (
    diag +
    `match: ${stats.sboms} SBOMs (${stats.components} components) against ${stats.records} records from ${feedFiles} feed file(s)` +
    `${stats.withdrawn > 0 ? ` (${stats.withdrawn} withdrawn, skipped)` : ""}, KEV ${session.kevSize}, EPSS ${session.epssSize}: ` +
    `${matches.length} finding(s), ${fresh} new, ${matches.length - fresh} known\n`
  );
}

async function createIncidents(
  root: string,
  inventory: Inventory,
  result: SessionResult,
  now: Date,
): Promise<void> {
  const plan = planIncidents(inventory.model, result.matches, result.vulnerabilities, now);
  for (const s of plan.skipped) process.stderr.write(`match: no incident for ${s}\n`);
  if (plan.planned.length === 0) {
    process.stderr.write("match: no new vulnerabilities: no incident created\n");
    return;
  }
  const all = await readFiles(root, await listContentFiles(root));
  const errors = await plannedErrors(all, plan.planned, now);
  if (errors.length > 0) {
    process.stderr.write(formatText(errors));
    throw new CliError("match: the planned incidents would not validate; nothing written", EXIT.findings);
  }
  for (const p of plan.planned) {
    await writeNew(root, p);
    process.stderr.write(`match: created ${p.path} (${p.data.vulnerabilities.join(", ")})\n`);
  }
}
