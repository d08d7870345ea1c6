/**
 * `psirt feeds pull [--offline] [--root DIR]`: downloads the sources of inventory/feeds.yaml into
 * the cache (`.psirt/feeds/`). A progress line on a terminal, plain lines in CI. One failing source
 * is named and the others still complete; exit 3 when any failed. `--offline` touches no network
 * and reports what the cache holds (exit 3 when a source has never been pulled).
 */
import { resolve } from "node:path";
import { CliError, EXIT } from "../core/exit-codes.ts";
import {
  byteSize,
  isNvdShard,
  NVD_LEGACY_FILE,
  type PullReporter,
  pullAll,
  readNvdState,
} from "../core/matching/pull.ts";
import { MatchSession } from "../core/matching/session.ts";
import { ecosystemsOf, type PullJob, planPull } from "../core/matching/sources.ts";
import { FeedCache } from "../io/feeds-cache.ts";
import { httpFetcher, sleep } from "../io/http.ts";
import { repoRoot } from "../io/invocation.ts";
import { resolveNow } from "../io/now.ts";
import { commandArgs } from "./args.ts";
import { loadConfig, loadInventory } from "./match.ts";

export const FEEDS_USAGE = `usage: npm run psirt -- feeds pull [--offline] [--root DIR]
  Downloads the sources configured in inventory/feeds.yaml into the feed cache.
  Environment: NVD_API_KEY, PSIRT_OSV_BASE_URL, PSIRT_NVD_BASE_URL, PSIRT_KEV_URL, PSIRT_EPSS_URL.
`;

const envNumber = (name: string): number | undefined => {
  const v = process.env[name];
  if (v === undefined || v === "") return undefined;
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0) throw new CliError(`${name}="${v}" is not a non-negative number`);
  return n;
};

/** Progress on a terminal (one updating line), plain start/end lines otherwise. */
function reporter(tty: boolean): PullReporter {
  const out = (s: string) => process.stderr.write(s);
  let last = 0;
  return {
    start(job, detail) {
      out(tty ? `\r\x1b[Kfeeds: ${job.name}: ${detail}` : `feeds: ${job.name}: fetching ${detail}\n`);
    },
    progress(job, received, total) {
      if (!tty) return;
      const t = Date.now();
      if (t - last < 100) return;
      last = t;
      const amount =
        job.kind === "nvd"
          ? `${received}${total ? ` of ${total}` : ""} CVEs`
          : `${byteSize(received)}${total ? ` of ${byteSize(total)}` : ""}`;
      out(`\r\x1b[Kfeeds: ${job.name}: ${amount}`);
    },
    done(job, detail) {
      out(`${tty ? "\r\x1b[K" : ""}feeds: ${job.name}: ${detail}\n`);
    },
    fail(job, message) {
      out(`${tty ? "\r\x1b[K" : ""}feeds: ${job.name}: FAILED: ${message}\n`);
    },
  };
}

export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parse(args);
  if (values.help) {
    process.stdout.write(FEEDS_USAGE);
    return EXIT.ok;
  }
  if (positionals[0] !== "pull" || positionals.length > 1)
    throw new CliError(
      `feeds: ${positionals[0] ? `unknown subcommand "${positionals.join(" ")}"` : "missing subcommand: pull"}\n${FEEDS_USAGE}`,
    );
  const root = repoRoot(values.root);
  const config = await loadConfig(root);
  const cache = new FeedCache(resolve(root, config.cache));

  let ecosystems: string[] = [];
  if (config.osv.enabled && config.osv.ecosystems === undefined) {
    const { sboms } = await loadInventory(root, new MatchSession());
    ecosystems = ecosystemsOf([...sboms.values()].flatMap((s) => s.components));
  }
  const jobs = planPull(config, ecosystems);
  if (jobs.length === 0) {
    process.stderr.write("feeds: every source is disabled in inventory/feeds.yaml: nothing to do\n");
    return EXIT.ok;
  }
  if (values.offline) return offline(jobs, cache, config.cache);

  const timeoutMs = envNumber("PSIRT_HTTP_TIMEOUT_MS") ?? config.http.timeout_seconds * 1000;
  const backoffMs = envNumber("PSIRT_HTTP_BACKOFF_MS") ?? config.http.backoff_seconds * 1000;
  const retries = envNumber("PSIRT_HTTP_RETRIES") ?? config.http.retries;
  const apiKey = process.env.NVD_API_KEY || undefined;
  // One limit for every kind instead of DOWNLOAD_LIMITS (tests; a mirror known to be small).
  const maxBytes = envNumber("PSIRT_FEED_MAX_BYTES");
  const outcomes = await pullAll(jobs, {
    fetcher: httpFetcher({ timeoutMs, backoffMs, retries }),
    store: cache,
    reporter: reporter(process.stderr.isTTY === true),
    now: resolveNow(),
    sleep,
    ...(apiKey ? { nvdApiKey: apiKey } : {}),
    nvdDelayMs: envNumber("PSIRT_NVD_DELAY_MS") ?? (apiKey ? 600 : 6000),
    ...(maxBytes === undefined
      ? {}
      : { maxBytes: { osv: maxBytes, nvd: maxBytes, kev: maxBytes, epss: maxBytes, csaf: maxBytes } }),
  });
  const failed = outcomes.filter((o) => !o.ok);
  if (failed.length > 0) {
    process.stderr.write(
      `feeds: ${failed.length} of ${outcomes.length} sources failed (${failed.map((o) => o.name).join(", ")}); ` +
        `the others are up to date in ${config.cache}/, failed ones keep their previous copy\n`,
    );
    return EXIT.network;
  }
  process.stderr.write(`feeds: ${outcomes.length} sources up to date in ${config.cache}/\n`);
  return EXIT.ok;
}

/** `--offline`: what the cache holds for each configured source; no network. */
async function offline(jobs: readonly PullJob[], cache: FeedCache, label: string): Promise<number> {
  let missing = 0;
  for (const job of jobs) {
    if (job.kind === "nvd") {
      missing += await offlineNvd(cache, label);
      continue;
    }
    const file = job.file;
    const info = await cache.info(file);
    const meta = await cache.readMeta(file);
    if (info === undefined) {
      missing++;
      process.stderr.write(`feeds: ${job.name}: not in the cache (${label}/${file})\n`);
    } else {
      const when = meta?.fetchedAt ?? info.modified.toISOString();
      process.stderr.write(
        `feeds: ${job.name}: cached ${byteSize(info.bytes)}, fetched ${when} (offline: not refreshed)\n`,
      );
    }
  }
  if (missing > 0) {
    process.stderr.write(`feeds: ${missing} source(s) have never been pulled; run without --offline\n`);
    return EXIT.network;
  }
  return EXIT.ok;
}

/** `--offline` for NVD: its shards (or the file of earlier versions) and the end of the last pull; 1 when none. */
async function offlineNvd(cache: FeedCache, label: string): Promise<number> {
  const files = (await cache.list("nvd")).filter((f) => isNvdShard(f) || f === NVD_LEGACY_FILE);
  if (files.length === 0) {
    process.stderr.write(`feeds: nvd: not in the cache (${label}/nvd/)\n`);
    return 1;
  }
  let bytes = 0;
  let newest = new Date(0);
  for (const file of files) {
    const info = await cache.info(file);
    bytes += info?.bytes ?? 0;
    if (info && info.modified > newest) newest = info.modified;
  }
  const when = (await readNvdState(cache)).lastModEnd ?? newest.toISOString();
  process.stderr.write(
    `feeds: nvd: cached ${byteSize(bytes)} in ${files.length} file(s), fetched ${when} (offline: not refreshed)\n`,
  );
  return 0;
}

function parse(args: string[]) {
  return commandArgs("feeds", FEEDS_USAGE, args, {
    offline: { type: "boolean" },
    root: { type: "string" },
    help: { type: "boolean", short: "h" },
  });
}
