/**
 * Threat-feed sources: `inventory/feeds.yaml` (read by `psirt feeds pull` and `psirt match`).
 * Every section is optional; defaults pull OSV for each ecosystem found in the SBOMs, NVD, CISA KEV
 * and FIRST EPSS. Environment variables override the base URLs (scripts/docs/matching.md).
 */
import { z } from "zod";

const LOOPBACK = new Set(["127.0.0.1", "localhost", "[::1]"]);

/** An https URL, or http to the loopback interface (local mirrors and tests). */
export const FeedUrl = z
  .string()
  .refine(
    (v) => {
      try {
        const u = new URL(v);
        return u.protocol === "https:" || (u.protocol === "http:" && LOOPBACK.has(u.hostname));
      } catch {
        return false;
      }
    },
    { error: "not a feed URL: expected https://…, or http:// to 127.0.0.1 or localhost" },
  )
  .describe("Absolute https URL (http only to 127.0.0.1/localhost).");

const enabled = z.boolean().default(true).describe("Pull this source (`false` skips it).");

export const FeedsConfig = z
  .strictObject({
    cache: z
      .string()
      .regex(/^(?!\/)(?!.*(^|\/)\.\.(\/|$))[A-Za-z0-9._/-]+$/, {
        error: "cache must be a relative path inside the repository (no `..`)",
      })
      .default(".psirt/feeds")
      .describe("Cache folder, relative to the repository root; keep it out of git (.gitignore)."),
    http: z
      .strictObject({
        timeout_seconds: z
          .number()
          .positive()
          .max(3600)
          .default(120)
          .describe("A request is aborted when no data arrives for this long (large exports keep flowing)."),
        retries: z
          .number()
          .int()
          .min(0)
          .max(10)
          .default(3)
          .describe("Retries after a network error, 5xx or 429; the wait doubles each time."),
        backoff_seconds: z.number().min(0).max(600).default(2).describe("Wait before the first retry."),
      })
      .default({ timeout_seconds: 120, retries: 3, backoff_seconds: 2 })
      .describe("HTTP behaviour shared by all sources."),
    osv: z
      .strictObject({
        enabled,
        base_url: FeedUrl.default("https://osv-vulnerabilities.storage.googleapis.com").describe(
          "Where `<Ecosystem>/all.zip` exports live. Env: PSIRT_OSV_BASE_URL.",
        ),
        ecosystems: z
          .array(z.string().min(1).max(100))
          .optional()
          .describe(
            "OSV ecosystems to pull (`npm`, `Maven`, `PyPI`, `Go`, `Debian`, …). Default: every ecosystem of the inventory SBOMs' purls.",
          ),
      })
      .default({ enabled: true, base_url: "https://osv-vulnerabilities.storage.googleapis.com" })
      .describe("OSV / GitHub Advisory Database bulk exports (one all.zip per ecosystem)."),
    nvd: z
      .strictObject({
        enabled,
        base_url: FeedUrl.default("https://services.nvd.nist.gov/rest/json/cves/2.0").describe(
          "NVD CVE API 2.0 endpoint. Env: PSIRT_NVD_BASE_URL.",
        ),
        since_days: z
          .number()
          .int()
          .min(1)
          .max(3650)
          .default(120)
          .describe(
            "First pull: CVEs modified in the last N days. Later pulls continue from the last successful one.",
          ),
        results_per_page: z
          .number()
          .int()
          .min(1)
          .max(2000)
          .default(2000)
          .describe("Page size (API maximum 2000)."),
      })
      .default({
        enabled: true,
        base_url: "https://services.nvd.nist.gov/rest/json/cves/2.0",
        since_days: 120,
        results_per_page: 2000,
      })
      .describe(
        "NVD CVE API 2.0, incrementally by lastModStartDate/lastModEndDate windows of at most 120 days, paged; 6 s between requests, 0.6 s with NVD_API_KEY.",
      ),
    kev: z
      .strictObject({
        enabled,
        url: FeedUrl.default(
          "https://www.cisa.gov/sites/default/files/feeds/known_exploited_vulnerabilities.json",
        ).describe("CISA KEV catalog (JSON). Env: PSIRT_KEV_URL."),
      })
      .default({
        enabled: true,
        url: "https://www.cisa.gov/sites/default/files/feeds/known_exploited_vulnerabilities.json",
      })
      .describe("CISA Known Exploited Vulnerabilities catalog."),
    epss: z
      .strictObject({
        enabled,
        url: FeedUrl.default("https://epss.cyentia.com/epss_scores-current.csv.gz").describe(
          "FIRST EPSS scores (CSV, gzip or plain). Env: PSIRT_EPSS_URL.",
        ),
      })
      .default({ enabled: true, url: "https://epss.cyentia.com/epss_scores-current.csv.gz" })
      .describe("FIRST Exploit Prediction Scoring System scores."),
    csaf: z
      .array(
        z
          .strictObject({
            name: z
              .string()
              .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, { error: "name: lowercase letters, digits and hyphens" })
              .describe("Cache file name (`.psirt/feeds/csaf/<name>.json`)."),
            url: FeedUrl.describe("URL of one CSAF 2.0 document."),
          })
          .describe("An upstream supplier's CSAF advisory."),
      )
      .default([])
      .describe("Upstream vendors' CSAF 2.0 advisories to match (suppliers of components you ship)."),
  })
  .describe("Threat-feed sources for `psirt feeds pull` and `psirt match`.");

export type FeedsConfig = z.infer<typeof FeedsConfig>;
