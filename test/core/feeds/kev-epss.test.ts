import { gzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { readEpss } from "../../../scripts/core/feeds/epss.ts";
import { readKev } from "../../../scripts/core/feeds/kev.ts";
import { fixture, shared, utf8 } from "./helpers.ts";

const KEV_JSON = ["feeds", "kev", "known_exploited_vulnerabilities.excerpt.json"] as const;
const KEV_CSV = ["feeds", "kev", "known_exploited_vulnerabilities.excerpt.csv"] as const;
const EPSS = ["feeds", "epss", "epss_scores.excerpt.csv"] as const;

describe("readKev", () => {
  it("reads the catalog JSON excerpt: 34 entries, Log4Shell's dates", () => {
    const { items, diagnostics } = readKev(shared(...KEV_JSON), "kev.json");
    expect(diagnostics).toEqual([]);
    expect(items).toHaveLength(34);
    expect(items[0]!.cve).toBe("CVE-2025-48384");
    expect(items[0]!.cwes).toEqual(["CWE-59", "CWE-436"]);
    const log4shell = items.find((k) => k.cve === "CVE-2021-44228");
    expect(log4shell).toMatchObject({
      vendorProject: "Apache",
      product: "Log4j2",
      vulnerabilityName: "Apache Log4j2 Remote Code Execution Vulnerability",
      dateAdded: "2021-12-10",
      dueDate: "2021-12-24",
      knownRansomwareCampaignUse: "Known",
      notes: "https://nvd.nist.gov/vuln/detail/CVE-2021-44228",
      cwes: ["CWE-20", "CWE-400", "CWE-502"],
    });
    expect(log4shell!.requiredAction).toMatch(/^For all affected software assets/);
  });

  it("reads the CSV form to the same entries as the JSON", () => {
    const csv = readKev(shared(...KEV_CSV), "kev.csv");
    expect(csv.diagnostics).toEqual([]);
    expect(csv.items).toEqual(readKev(shared(...KEV_JSON), "kev.json").items);
  });

  it("reads a gzipped catalog", () => {
    expect(readKev(gzipSync(shared(...KEV_CSV)), "kev.csv.gz").items).toHaveLength(34);
  });

  it("handles quotes, embedded newlines, bad dates and a truncated last row", () => {
    const { items, diagnostics } = readKev(fixture("kev-bad.csv"), "kev-bad.csv");
    expect(items).toEqual([
      {
        cve: "CVE-2099-1111",
        vendorProject: "Example",
        product: "Router, X100",
        vulnerabilityName: 'Example "Router" Command Injection',
        dateAdded: "2099-01-10",
        dueDate: "2099-01-31",
        requiredAction: "Apply updates per vendor instructions.",
        knownRansomwareCampaignUse: "Unknown",
        cwes: ["CWE-78"],
      },
    ]);
    expect(diagnostics).toHaveLength(2);
    expect(diagnostics[0]).toMatchObject({ severity: "error", record: "line 4" });
    expect(diagnostics[0]!.message).toMatch(/dateAdded: expected a date YYYY-MM-DD/);
    expect(diagnostics[1]!.message).toMatch(/file ends inside a quoted field opened on line 5/);
  });

  it("names a bad JSON entry by its CVE id", () => {
    const catalog = {
      catalogVersion: "1",
      vulnerabilities: [{ cveID: "CVE-2099-0001", vendorProject: "X" }],
    };
    const { items, diagnostics } = readKev(utf8(JSON.stringify(catalog)), "k");
    expect(items).toEqual([]);
    expect(diagnostics[0]).toMatchObject({ record: "CVE-2099-0001", severity: "error" });
    expect(diagnostics[0]!.message).toMatch(/product: /);
  });

  it("reports a truncated catalog and a CSV without the KEV header", () => {
    const cut = readKev(shared(...KEV_JSON).slice(0, 4000), "cut.json");
    expect(cut.items).toEqual([]);
    expect(cut.diagnostics[0]!.message).toMatch(/^not valid JSON/);
    const other = readKev(utf8("a,b,c\n1,2,3\n"), "other.csv");
    expect(other.diagnostics[0]!.message).toMatch(/^not a KEV CSV: expected a header with cveID/);
  });
});

describe("readEpss", () => {
  it("reads the excerpt: model version, score date, Log4Shell's score", () => {
    const { data, diagnostics } = readEpss(shared(...EPSS), "epss.csv");
    expect(diagnostics).toEqual([]);
    expect(data.modelVersion).toBe("v2026.06.15");
    expect(data.scoreDate).toBe("2026-09-29T12:00:22Z");
    expect(data.scores.size).toBe(37);
    expect(data.scores.get("CVE-2021-44228")).toEqual({
      cve: "CVE-2021-44228",
      epss: 0.99999,
      percentile: 1,
    });
    expect(data.scores.get("CVE-1999-0001")).toEqual({
      cve: "CVE-1999-0001",
      epss: 0.03351,
      percentile: 0.88255,
    });
  });

  it("reads the gzipped form the same", () => {
    const plain = readEpss(shared(...EPSS), "epss.csv");
    const gz = readEpss(gzipSync(shared(...EPSS)), "epss.csv.gz");
    expect(gz.diagnostics).toEqual([]);
    expect(gz.data).toEqual(plain.data);
  });

  it("reports a truncated gzip stream", () => {
    const gz = gzipSync(shared(...EPSS));
    const { data, diagnostics } = readEpss(gz.slice(0, gz.length / 2), "cut.csv.gz");
    expect(data.scores.size).toBe(0);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]!.message).toMatch(/^gzip stream could not be decompressed/);
  });

  it("keeps good rows and reports bad ones", () => {
    const { data, diagnostics } = readEpss(fixture("epss-bad.csv"), "epss-bad.csv");
    expect(data.modelVersion).toBe("v2025.03.14");
    expect([...data.scores.values()]).toEqual([{ cve: "CVE-2099-0001", epss: 0.6, percentile: 0.8 }]);
    expect(diagnostics.map((d) => `${d.severity} ${d.record}`)).toEqual([
      "error CVE-2099-0002",
      "error line 5",
      "error CVE-2099-0003",
      "error CVE-2099-0004",
      "warning CVE-2099-0001",
    ]);
  });

  it("works without the comment line and rejects an unknown header", () => {
    const { data } = readEpss(utf8("cve,epss,percentile\nCVE-2020-0001,0.1,0.2\n"), "x");
    expect(data.modelVersion).toBeUndefined();
    expect(data.scores.get("CVE-2020-0001")?.percentile).toBe(0.2);
    const short = readEpss(utf8("cve,epss,percentile\nCVE-2020-0001,0.1\n"), "x");
    expect(short.diagnostics.map((d) => d.message)).toEqual([
      'expected 3 columns as the header has, found 2: "CVE-2020-0001,0.1"',
    ]);
    const bad = readEpss(utf8("id,score\nCVE-2020-0001,0.1\n"), "y");
    expect(bad.diagnostics[0]!.message).toMatch(/^not an EPSS file: expected header cve,epss,percentile/);
  });

  it("bounds the number of listed problems", () => {
    const rows = Array.from({ length: 150 }, (_, i) => `BAD-${i},1,1`).join("\n");
    const { diagnostics } = readEpss(utf8(`cve,epss,percentile\n${rows}\n`), "z");
    expect(diagnostics).toHaveLength(101);
    expect(diagnostics[100]).toMatchObject({
      severity: "error",
      message: "50 further problems of this file were not listed",
    });
  });
});
