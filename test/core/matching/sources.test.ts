/** inventory/feeds.yaml: defaults, validation, environment overrides, the planned downloads. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  applyEnv,
  ecosystemsOf,
  nvdDate,
  nvdWindows,
  parseFeedsConfig,
  planPull,
} from "../../../scripts/core/matching/sources.ts";
import { EXAMPLE } from "../../helpers/repo.ts";

const config = (text?: string) => {
  const r = parseFeedsConfig(text);
  if (!r.ok) throw new Error(r.findings.map((f) => f.message).join("; "));
  return r.config;
};

describe("parseFeedsConfig", () => {
  it("reads the repository's documented file, which equals the defaults", () => {
    const file = config(readFileSync(join(EXAMPLE, "inventory/feeds.yaml"), "utf8"));
    expect(file).toEqual(config(undefined));
    expect(file).toMatchObject({
      cache: ".psirt/feeds",
      osv: { enabled: true, base_url: "https://osv-vulnerabilities.storage.googleapis.com" },
      nvd: { since_days: 120, results_per_page: 2000 },
      csaf: [],
    });
  });

  it("reports a misspelt key with its line and a suggestion, and an escaping cache path", () => {
    const r = parseFeedsConfig("osv:\n  base_ulr: https://mirror.example\ncache: ../elsewhere\n");
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.findings.map((f) => `${f.line}: ${f.message}`).sort()).toEqual([
      '2: unknown field "base_ulr": did you mean "base_url"?',
      '3: "cache" is "../elsewhere": cache must be a relative path inside the repository (no `..`)',
    ]);
  });

  it("refuses plain http except to the loopback interface", () => {
    expect(parseFeedsConfig("kev:\n  url: http://feeds.example/kev.json\n").ok).toBe(false);
    expect(parseFeedsConfig("kev:\n  url: http://127.0.0.1:8080/kev.json\n").ok).toBe(true);
  });
});

describe("applyEnv", () => {
  it("overrides base URLs from the environment, validated", () => {
    const r = applyEnv(config(), {
      PSIRT_OSV_BASE_URL: "http://127.0.0.1:9/osv",
      PSIRT_KEV_URL: "http://localhost:9/k",
    });
    expect(r.ok && r.config.osv.base_url).toBe("http://127.0.0.1:9/osv");
    expect(r.ok && r.config.kev.url).toBe("http://localhost:9/k");
    const bad = applyEnv(config(), { PSIRT_NVD_BASE_URL: "ftp://x" });
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.findings[0]!.file).toBe("PSIRT_NVD_BASE_URL");
  });
});

describe("planPull", () => {
  it("pulls OSV per ecosystem of the SBOMs, then NVD, KEV, EPSS and configured CSAF documents", () => {
    const ecosystems = ecosystemsOf([
      { name: "a", purl: "pkg:npm/minimist@1.2.5" },
      { name: "b", purl: "pkg:deb/debian/openssl@3.0.11-1?distro=bookworm" },
      { name: "c", purl: "pkg:maven/org.example/lib@1.0" },
      { name: "d", purl: "pkg:generic/openssl@3.0.5" },
      { name: "e", purl: "not a purl" },
      { name: "f" },
    ]);
    expect(ecosystems).toEqual(["Debian", "Maven", "npm"]);
    const c = config("csaf:\n  - name: supplier-a\n    url: https://supplier.example/csaf/a.json\n");
    expect(
      planPull(c, ecosystems).map((j) =>
        j.kind === "file" ? `${j.name} ${j.url} → ${j.file}` : `${j.name} ${j.baseUrl}`,
      ),
    ).toEqual([
      "osv/Debian https://osv-vulnerabilities.storage.googleapis.com/Debian/all.zip → osv/Debian.zip",
      "osv/Maven https://osv-vulnerabilities.storage.googleapis.com/Maven/all.zip → osv/Maven.zip",
      "osv/npm https://osv-vulnerabilities.storage.googleapis.com/npm/all.zip → osv/npm.zip",
      "nvd https://services.nvd.nist.gov/rest/json/cves/2.0",
      "kev https://www.cisa.gov/sites/default/files/feeds/known_exploited_vulnerabilities.json → kev/known_exploited_vulnerabilities.json",
      "epss https://epss.cyentia.com/epss_scores-current.csv.gz → epss/epss_scores.csv.gz",
      "csaf/supplier-a https://supplier.example/csaf/a.json → csaf/supplier-a.json",
    ]);
  });

  it("honours explicit ecosystems and disabled sources", () => {
    const c = config("osv:\n  ecosystems: [crates.io]\nnvd:\n  enabled: false\nepss:\n  enabled: false\n");
    expect(planPull(c, ["npm"]).map((j) => j.name)).toEqual(["osv/crates.io", "kev"]);
  });
});

describe("nvdWindows", () => {
  it("splits a period into windows of at most 120 days", () => {
    const w = nvdWindows(new Date("2026-01-01T00:00:00Z"), new Date("2026-09-01T00:00:00Z"));
    expect(w.map((x) => `${nvdDate(x.start)} ${nvdDate(x.end)}`)).toEqual([
      "2026-01-01T00:00:00.000+00:00 2026-05-01T00:00:00.000+00:00",
      "2026-05-01T00:00:00.000+00:00 2026-08-29T00:00:00.000+00:00",
      "2026-08-29T00:00:00.000+00:00 2026-09-01T00:00:00.000+00:00",
    ]);
    expect(nvdWindows(new Date("2026-01-02"), new Date("2026-01-01"))).toEqual([]);
  });
});
