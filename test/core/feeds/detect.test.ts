import { join } from "node:path";
import { gzipSync, zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { detectFeed, readFeed } from "../../../scripts/core/feeds/detect.ts";
import { bytes, CSAF, FEEDS, fixture, jsonFiles, shared, utf8 } from "./helpers.ts";

const KEV_JSON = shared("feeds", "kev", "known_exploited_vulnerabilities.excerpt.json");
const KEV_CSV = shared("feeds", "kev", "known_exploited_vulnerabilities.excerpt.csv");
const EPSS = shared("feeds", "epss", "epss_scores.excerpt.csv");

describe("detectFeed", () => {
  it.each(jsonFiles(join(FEEDS, "ghsa")))("%s is osv", (path) => {
    expect(detectFeed(bytes(path))).toBe("osv");
  });

  it.each(jsonFiles(join(FEEDS, "nvd")))("%s is nvd", (path) => {
    expect(detectFeed(bytes(path))).toBe("nvd");
  });

  it.each([...jsonFiles(join(CSAF, "examples")), ...jsonFiles(join(CSAF, "vendor"))])(
    "%s is csaf",
    (path) => {
      expect(detectFeed(bytes(path))).toBe("csaf");
    },
  );

  it("tells the other kinds apart by content", () => {
    expect(detectFeed(KEV_JSON)).toBe("kev");
    expect(detectFeed(KEV_CSV)).toBe("kev");
    expect(detectFeed(EPSS)).toBe("epss");
    expect(detectFeed(gzipSync(EPSS))).toBe("epss");
    expect(detectFeed(fixture("nvd-page.json"))).toBe("nvd");
    expect(detectFeed(fixture("osv-missing-id.json"))).toBe("osv");
    expect(detectFeed(zipSync({ "a.json": shared("feeds", "ghsa", "GHSA-xvch-5gv4-984h.json") }))).toBe(
      "osv-zip",
    );
    expect(detectFeed(utf8('{"vulns": []}'))).toBe("osv");
  });

  it("says unknown for anything else", () => {
    expect(detectFeed(fixture("osv-bad.json"))).toBe("unknown");
    expect(detectFeed(shared("feeds", "kev", "known_exploited_vulnerabilities_schema.json"))).toBe("unknown");
    expect(detectFeed(utf8("hello"))).toBe("unknown");
    expect(detectFeed(utf8("[]"))).toBe("unknown");
    expect(detectFeed(new Uint8Array([0x1f, 0x8b, 0, 0]))).toBe("unknown");
  });
});

describe("readFeed", () => {
  it("reads OSV, NVD and CSAF into records", () => {
    const osv = readFeed(shared("feeds", "ghsa", "GHSA-xvch-5gv4-984h.json"), "a");
    expect(osv).toMatchObject({ kind: "osv", diagnostics: [] });
    expect(osv.records?.[0]?.id).toBe("GHSA-xvch-5gv4-984h");
    const nvd = readFeed(fixture("nvd-page.json"), "b");
    expect(nvd.kind).toBe("nvd");
    expect(nvd.records).toHaveLength(2);
    expect(nvd.diagnostics).toHaveLength(1);
    const csaf = readFeed(bytes(join(CSAF, "examples", "bsi-2022-0001.json")), "c");
    expect(csaf.kind).toBe("csaf");
    expect(csaf.records?.[0]?.id).toBe("CVE-2022-27193");
  });

  it("reads a zipped OSV export", () => {
    const entries = Object.fromEntries(
      jsonFiles(join(FEEDS, "ghsa")).map((p) => [p.slice(p.lastIndexOf("/") + 1), bytes(p)]),
    );
    const result = readFeed(zipSync(entries), "all.zip");
    expect(result.kind).toBe("osv-zip");
    expect(result.records).toHaveLength(7);
  });

  it("reads KEV (JSON, CSV, gzip) and EPSS", () => {
    expect(readFeed(KEV_JSON, "k").kev).toHaveLength(34);
    const csv = readFeed(gzipSync(KEV_CSV), "k.gz");
    expect(csv.kind).toBe("kev");
    expect(csv.kev?.find((k) => k.cve === "CVE-2021-44228")?.dateAdded).toBe("2021-12-10");
    const epss = readFeed(gzipSync(EPSS), "e.gz");
    expect(epss.kind).toBe("epss");
    expect(epss.epss?.scores.get("CVE-2021-44228")?.epss).toBe(0.99999);
  });

  it("reads an OSV array whose first record is broken: that record is reported, the others read", () => {
    const good = JSON.parse(new TextDecoder().decode(shared("feeds", "ghsa", "GHSA-xvch-5gv4-984h.json")));
    const result = readFeed(utf8(JSON.stringify([{ summary: "no id" }, good])), "mixed.json");
    expect(result.kind).toBe("osv");
    expect(result.records?.map((r) => r.id)).toEqual(["GHSA-xvch-5gv4-984h"]);
    expect(result.diagnostics).toHaveLength(1);
    expect(result.diagnostics[0]).toMatchObject({ severity: "error", source: "mixed.json", record: "#0" });
  });

  it("reports unknown or broken input as one error", () => {
    const bad = readFeed(fixture("osv-bad.json"), "osv-bad.json");
    expect(bad.kind).toBe("unknown");
    expect(bad.records).toBeUndefined();
    expect(bad.diagnostics).toHaveLength(1);
    expect(bad.diagnostics[0]).toMatchObject({ severity: "error", source: "osv-bad.json" });
    expect(bad.diagnostics[0]!.message).toMatch(/^not valid JSON/);
    const other = readFeed(utf8("<html></html>"), "page.html");
    expect(other.diagnostics[0]!.message).toMatch(/^unknown content/);
    const gz = readFeed(gzipSync(EPSS).slice(0, 20), "cut.gz");
    expect(gz.diagnostics[0]!.message).toMatch(/^gzip stream could not be decompressed/);
  });
});
