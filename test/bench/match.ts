/**
 * Matching benchmark (`npm run bench -- --only match`, or run this file with `--scale N`): N × 1,000
 * product-version SBOMs of 100 components (N × 100,000 components) against N × 50,000 synthetic
 * OSV records and an NVD slice of N × 5,000 CVEs (CPE configurations; a tenth of them aliases of OSV
 * records). The package universe grows with N, so each package keeps about the same number of
 * records and a linear matcher takes ~N times as long.
 *
 * ours: read the files, read the SBOMs (lenient CycloneDX), read the feeds (OSV/NVD readers), index,
 * match, and render the JSON report. Baseline, in the same process: read the same files and
 * JSON.parse them. Floor, also in the same process: the least any matcher does with these files
 * (match-floor.ts). Prints one JSON line; `rss_mb` is the process's peak resident set size.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { readFeed } from "../../scripts/core/feeds/detect.ts";
import { loadSbom } from "../../scripts/core/load/sbom.ts";
import { MatchSession } from "../../scripts/core/matching/session.ts";
import type { IncidentRef, SbomTarget } from "../../scripts/core/matching/types.ts";
import { formatMatchJson } from "../../scripts/report/match-json.ts";
import { matchFloor } from "./match-floor.ts";
import { rng } from "./synth.ts";

export const SBOMS = 1_000;
export const COMPONENTS_PER_SBOM = 100;
export const OSV_RECORDS = 50_000;
export const NVD_RECORDS = 5_000;
/** Distinct packages: about 2.5 OSV records each. */
export const PACKAGES = 20_000;

const ECOSYSTEMS = [
  { ecosystem: "npm", purl: (p: number) => `pkg:npm/pkg-${p}`, name: (p: number) => `pkg-${p}` },
  {
    ecosystem: "Maven",
    purl: (p: number) => `pkg:maven/org.example${p % 50}/lib-${p}`,
    name: (p: number) => `org.example${p % 50}:lib-${p}`,
  },
  { ecosystem: "PyPI", purl: (p: number) => `pkg:pypi/py-${p}`, name: (p: number) => `py-${p}` },
  { ecosystem: "Debian:12", purl: (p: number) => `pkg:deb/debian/deb-${p}`, name: (p: number) => `deb-${p}` },
] as const;

const version = (p: number, c: number) => `${1 + (p % 7)}.${p % 13}.${c % 5}`;
const V3 = ["CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:L/I:L/A:N"];

/** Writes the synthetic input to `dir` (once); returns its file lists. */
export function generateMatchInput(dir: string, scale: number): void {
  if (existsSync(join(dir, "done"))) return;
  rmSync(dir, { recursive: true, force: true });
  const r = rng(4);
  const packages = PACKAGES * scale;
  mkdirSync(join(dir, "sbom"), { recursive: true });
  for (let s = 0; s < SBOMS * scale; s++) {
    const components = [];
    for (let c = 0; c < COMPONENTS_PER_SBOM; c++) {
      const p = Math.floor(r() * packages);
      const eco = ECOSYSTEMS[p % 4]!;
      const v = version(p, c);
      const component: Record<string, unknown> = {
        type: "library",
        "bom-ref": `c${c}`,
        name: eco.name(p),
        version: v,
        purl: `${eco.purl(p)}@${v}${p % 4 === 3 ? "?arch=amd64" : ""}`,
      };
      if (p % 20 === 0) component.cpe = `cpe:2.3:a:vendor${p % 100}:product${p}:${v}:*:*:*:*:*:*:*`;
      components.push(component);
    }
    const bom = {
      bomFormat: "CycloneDX",
      specVersion: "1.6",
      version: 1,
      metadata: {
        component: { type: "application", name: `product-${s >> 1}`, version: `${1 + (s & 1)}.0.0` },
      },
      components,
    };
    writeFileSync(join(dir, "sbom", `${s}.cdx.json`), JSON.stringify(bom, null, 2));
  }
  mkdirSync(join(dir, "feeds"), { recursive: true });
  const perFile = 5_000;
  for (let f = 0; f * perFile < OSV_RECORDS * scale; f++) {
    const records = [];
    for (let i = f * perFile; i < Math.min((f + 1) * perFile, OSV_RECORDS * scale); i++) {
      const p = (i * 7919) % packages;
      const eco = ECOSYSTEMS[p % 4]!;
      // One record in 20 affects the package versions in use (patch levels below 3); the others
      // affect older versions only, as in a real inventory where most components are not affected.
      const minor = i % 20 === 0 ? p % 13 : 0;
      const ranges =
        i % 3 === 0
          ? [
              {
                type: "ECOSYSTEM",
                events: [{ introduced: "0" }, { last_affected: `${1 + (p % 7)}.${minor}.${minor ? 2 : 0}` }],
              },
            ]
          : [
              {
                type: "ECOSYSTEM",
                events: [
                  { introduced: `${1 + (p % 7)}.0.0` },
                  { fixed: `${1 + (p % 7)}.${minor}.${minor ? 3 : 0}` },
                ],
              },
            ];
      records.push({
        schema_version: "1.6.0",
        id: `BENCH-${i}`,
        modified: "2026-01-01T00:00:00Z",
        published: "2025-06-01T00:00:00Z",
        aliases: [`CVE-2030-${100_000 + i}`],
        summary: `Synthetic vulnerability ${i} in ${eco.name(p)}`,
        details: `Details of synthetic vulnerability ${i}. `.repeat(8),
        severity: [{ type: "CVSS_V3", score: V3[i % 2] }],
        affected: [
          {
            package: { ecosystem: eco.ecosystem, name: eco.name(p) },
            ranges,
            database_specific: { source: "bench" },
          },
        ],
        references: [{ type: "ADVISORY", url: `https://example.test/advisories/${i}` }],
        database_specific: { severity: i % 2 ? "MODERATE" : "CRITICAL", cwe_ids: ["CWE-79"] },
      });
    }
    writeFileSync(join(dir, "feeds", `osv-${f}.json`), JSON.stringify(records));
  }
  const pageSize = 2_000;
  for (let f = 0; f * pageSize < NVD_RECORDS * scale; f++) {
    const vulnerabilities = [];
    for (let i = f * pageSize; i < Math.min((f + 1) * pageSize, NVD_RECORDS * scale); i++) {
      const p = (i * 20) % packages;
      vulnerabilities.push({
        cve: {
          id: `CVE-2030-${100_000 + i * 10}`,
          sourceIdentifier: "bench@example.test",
          published: "2025-06-01T00:00:00.000",
          lastModified: "2026-01-01T00:00:00.000",
          vulnStatus: "Analyzed",
          descriptions: [{ lang: "en", value: `Synthetic CVE ${i}. More text follows.` }],
          metrics: {
            cvssMetricV31: [
              {
                source: "nvd@nist.gov",
                type: "Primary",
                cvssData: { version: "3.1", vectorString: V3[i % 2], baseScore: i % 2 ? 5.4 : 9.8 },
              },
            ],
          },
          weaknesses: [
            { source: "nvd@nist.gov", type: "Primary", description: [{ lang: "en", value: "CWE-79" }] },
          ],
          configurations: [
            {
              nodes: [
                {
                  operator: "OR",
                  negate: false,
                  cpeMatch: [
                    {
                      vulnerable: true,
                      criteria: `cpe:2.3:a:vendor${p % 100}:product${p}:*:*:*:*:*:*:*:*`,
                      versionEndExcluding: `${1 + (p % 7)}.${p % 13}.${i % 4 === 0 ? 3 : 0}`,
                      matchCriteriaId: "00000000-0000-0000-0000-000000000000",
                    },
                  ],
                },
              ],
            },
          ],
          references: [{ url: `https://example.test/cve/${i}`, source: "bench@example.test" }],
        },
      });
    }
    const page = {
      resultsPerPage: vulnerabilities.length,
      startIndex: f * pageSize,
      totalResults: NVD_RECORDS * scale,
      format: "NVD_CVE",
      version: "2.0",
      vulnerabilities,
    };
    writeFileSync(join(dir, "feeds", `nvd-${f}.json`), JSON.stringify(page));
  }
  writeFileSync(join(dir, "done"), "");
}

const seconds = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e9;

function files(dir: string): { sboms: string[]; feeds: string[] } {
  const list = (d: string) =>
    readdirSync(join(dir, d))
      .sort()
      .map((f) => join(dir, d, f));
  return { sboms: list("sbom"), feeds: list("feeds") };
}

/** Reading + JSON.parse of every input file. */
function baseline(dir: string): number {
  const t = process.hrtime.bigint();
  const { sboms, feeds } = files(dir);
  for (const f of [...sboms, ...feeds]) JSON.parse(readFileSync(f, "utf8"));
  return seconds(t);
}

/** The matching pipeline (feeds first, then one SBOM at a time); returns seconds and counts. */
async function ours(
  dir: string,
): Promise<{ s: number; matches: number; components: number; records: number }> {
  const t = process.hrtime.bigint();
  const { sboms, feeds } = files(dir);
  const session = new MatchSession();
  for (const f of feeds) session.addFeed(f, readFeed(readFileSync(f), f));
  const incidents: IncidentRef[] = [];
  for (let i = 0; i < 1_000; i++)
    incidents.push({
      id: `BEN-IR-2026-${String(i + 1).padStart(4, "0")}`,
      data: {
        state: "triage",
        vulnerabilities: [`CVE-2030-${100_000 + i * 37}`],
        analysis: [{ product: `product-${i % 500}`, versions: "*", state: "in_triage" }],
      },
    });
  const run = session.start(incidents);
  for (const [i, f] of sboms.entries()) {
    const { sbom } = await loadSbom(f, readFileSync(f), false);
    if (!sbom) throw new Error(`bench SBOM ${f} did not load`);
    const target: SbomTarget = {
      file: f,
      product: `product-${i >> 1}`,
      productVersion: `${1 + (i & 1)}.0.0`,
      exposure: (["internet", "internal", "local"] as const)[i % 3]!,
      versionScheme: "semver",
      inInventory: true,
      components: sbom.components,
    };
    run.add(target);
  }
  const result = run.finish();
  const json = formatMatchJson(result.matches, result.diagnostics, result.stats);
  if (json.length === 0) throw new Error("empty report");
  return {
    s: seconds(t),
    matches: result.matches.length,
    components: result.stats.components,
    records: result.stats.records,
  };
}

/** Generates (if needed) and measures one size; prints and returns the JSON line's fields. */
export async function benchMatch(scale: number) {
  const dir = join(tmpdir(), `psirt-bench-match-${scale}`);
  const g = process.hrtime.bigint();
  const fresh = !existsSync(join(dir, "done"));
  generateMatchInput(dir, scale);
  if (fresh) process.stderr.write(`bench: generated ${dir} in ${seconds(g).toFixed(1)} s\n`);
  baseline(dir); // warm the page cache, so both timings read from memory
  const base = baseline(dir);
  const f = process.hrtime.bigint();
  const { sboms, feeds } = files(dir);
  matchFloor(sboms, feeds);
  const floor = seconds(f);
  const run = await ours(dir);
  const round = (x: number) => Math.round(x * 1000) / 1000;
  const line = {
    bench: scale === 1 ? "match" : `match-x${scale}`,
    n: run.components,
    ours_s: round(run.s),
    baseline: "read+JSON.parse",
    baseline_s: round(base),
    ratio: round(run.s / base),
    // The least any matcher does with these files in this runtime (match-floor.ts), same run.
    floor_s: round(floor),
    floor_ratio: round(floor / base),
    scale,
    sboms: SBOMS * scale,
    records: run.records,
    matches: run.matches,
    rss_mb: Math.round(process.resourceUsage().maxRSS / 1024),
  };
  process.stdout.write(`${JSON.stringify(line)}\n`);
  return line;
}

if (import.meta.main) {
  const { values } = parseArgs({ options: { scale: { type: "string" } } });
  await benchMatch(Number(values.scale ?? "1"));
}
