/**
 * Feed sources: `inventory/feeds.yaml` parsed and validated, environment overrides applied, and
 * the list of downloads planned from it (OSV per ecosystem of the inventory, NVD, KEV, EPSS, CSAF).
 * Pure: text, environment and SBOM components in; config and plans out.
 */
import { FeedsConfig } from "../../../schemas/feeds-config.ts";
import type { Finding } from "../finding.ts";
import type { Component } from "../load/sbom.ts";
import { schemaFindings } from "../load/schema-findings.ts";
import { parseYaml } from "../load/yaml.ts";
import { normalizePurl, osvEcosystemOfPurlType } from "../match/purl.ts";

export const CONFIG_PATH = "inventory/feeds.yaml";

export type ConfigResult = { ok: true; config: FeedsConfig } | { ok: false; findings: Finding[] };

/** Parses the config file; a missing file (`text` undefined) means all defaults. */
export function parseFeedsConfig(text: string | undefined, file = CONFIG_PATH): ConfigResult {
  if (text === undefined || text.trim() === "") return { ok: true, config: FeedsConfig.parse({}) };
  const parsed = parseYaml(text, file);
  if (!parsed.ok) return { ok: false, findings: parsed.findings };
  const { value, positions } = parsed.parsed;
  const result = FeedsConfig.safeParse(value ?? {});
  if (!result.success)
    return { ok: false, findings: schemaFindings(file, FeedsConfig, result.error.issues, value, positions) };
  return { ok: true, config: result.data };
}

/** Environment variables that override the config (local mirrors, tests against 127.0.0.1). */
export const ENV_OVERRIDES = {
  PSIRT_OSV_BASE_URL: "osv.base_url",
  PSIRT_NVD_BASE_URL: "nvd.base_url",
  PSIRT_KEV_URL: "kev.url",
  PSIRT_EPSS_URL: "epss.url",
} as const;

/** The config with base URLs from the environment, validated like the file's. */
export function applyEnv(config: FeedsConfig, env: Record<string, string | undefined>): ConfigResult {
  const copy = structuredClone(config) as unknown as Record<string, Record<string, unknown>>;
  for (const [variable, path] of Object.entries(ENV_OVERRIDES)) {
    const value = env[variable];
    if (!value) continue;
    const [section, key] = path.split(".") as [string, string];
    copy[section]![key] = value;
  }
  const result = FeedsConfig.safeParse(copy);
  if (result.success) return { ok: true, config: result.data };
  const issue = result.error.issues[0]!;
  const variable = Object.entries(ENV_OVERRIDES).find(([, p]) => p === issue.path.join("."))?.[0];
  return {
    ok: false,
    findings: [
      {
        code: "PSIRT-E010",
        severity: "error",
        file: variable ?? "environment",
        pointer: `/${issue.path.join("/")}`,
        line: 1,
        column: 1,
        message: issue.message,
      },
    ],
  };
}

/** OSV ecosystems of the components' purls (`npm`, `Maven`, `Debian`, …), sorted. */
export function ecosystemsOf(components: Iterable<Component>): string[] {
  const found = new Set<string>();
  const seen = new Set<string>();
  for (const c of components) {
    if (!c.purl || seen.has(c.purl)) continue;
    seen.add(c.purl);
    const p = normalizePurl(c.purl);
    const ecosystem = p.ok ? osvEcosystemOfPurlType(p.type, p.namespace) : undefined;
    if (ecosystem) found.add(ecosystem);
  }
  return [...found].sort();
}

/** One download of a pull. */
export type PullJob =
  | { kind: "file"; feed: "osv" | "kev" | "epss" | "csaf"; name: string; url: string; file: string }
  | { kind: "nvd"; name: "nvd"; baseUrl: string; sinceDays: number; resultsPerPage: number };

/** The downloads a pull makes, in order: OSV ecosystems, NVD, KEV, EPSS, CSAF documents. */
export function planPull(config: FeedsConfig, ecosystems: readonly string[]): PullJob[] {
  const jobs: PullJob[] = [];
  const base = (url: string) => url.replace(/\/+$/, "");
  if (config.osv.enabled) {
    for (const ecosystem of config.osv.ecosystems ?? ecosystems) {
      jobs.push({
        kind: "file",
        feed: "osv",
        name: `osv/${ecosystem}`,
        url: `${base(config.osv.base_url)}/${encodeURIComponent(ecosystem)}/all.zip`,
        file: `osv/${ecosystem.replace(/[^A-Za-z0-9._-]/g, "_")}.zip`,
      });
    }
  }
  if (config.nvd.enabled) {
    jobs.push({
      kind: "nvd",
      name: "nvd",
      baseUrl: config.nvd.base_url,
      sinceDays: config.nvd.since_days,
      resultsPerPage: config.nvd.results_per_page,
    });
  }
  if (config.kev.enabled)
    jobs.push({
      kind: "file",
      feed: "kev",
      name: "kev",
      url: config.kev.url,
      file: "kev/known_exploited_vulnerabilities.json",
    });
  if (config.epss.enabled) {
    const gz = /\.gz($|\?)/.test(config.epss.url);
    jobs.push({
      kind: "file",
      feed: "epss",
      name: "epss",
      url: config.epss.url,
      file: `epss/epss_scores.csv${gz ? ".gz" : ""}`,
    });
  }
  for (const doc of config.csaf)
    jobs.push({
      kind: "file",
      feed: "csaf",
      name: `csaf/${doc.name}`,
      url: doc.url,
      file: `csaf/${doc.name}.json`,
    });
  return jobs;
}

const DAY = 86_400_000;

/** `[start, end)` split into windows of at most `maxDays` (NVD allows 120 consecutive days). */
export function nvdWindows(start: Date, end: Date, maxDays = 120): { start: Date; end: Date }[] {
  const windows: { start: Date; end: Date }[] = [];
  for (let t = start.getTime(); t < end.getTime(); t += maxDays * DAY) {
    windows.push({ start: new Date(t), end: new Date(Math.min(t + maxDays * DAY, end.getTime())) });
  }
  return windows;
}

/** NVD's date parameter format: ISO 8601 with an explicit UTC offset. */
export const nvdDate = (d: Date): string => d.toISOString().replace("Z", "+00:00");
