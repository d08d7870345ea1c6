import { basename, join } from "node:path";
import { describe, expect, it } from "vitest";
import { nvdPageInfo, readNvd } from "../../../scripts/core/feeds/nvd.ts";
import type { CpeAffected, VulnRecord } from "../../../scripts/core/feeds/types.ts";
import { bytes, FEEDS, fixture, jsonFiles, shared, utf8 } from "./helpers.ts";

const text = (b: Uint8Array) => new TextDecoder().decode(b);
const cve = (id: string): VulnRecord => {
  const { items, diagnostics } = readNvd(shared("feeds", "nvd", `${id}.json`), `${id}.json`);
  expect(diagnostics).toEqual([]);
  expect(items).toHaveLength(1);
  return items[0]!;
};
const cpes = (record: VulnRecord): CpeAffected[] =>
  record.affected.filter((a): a is CpeAffected => a.kind === "cpe");

describe("readNvd on the real CVE objects", () => {
  it.each(jsonFiles(join(FEEDS, "nvd")))("reads %s without diagnostics", (path) => {
    const { items, diagnostics } = readNvd(bytes(path), basename(path));
    expect(diagnostics).toEqual([]);
    expect(items.map((r) => r.id)).toEqual([basename(path, ".json")]);
    expect(items[0]!.source).toBe("nvd");
  });

  it("reads CVE-2022-3602: openssl bounds, English text, CWE, severities", () => {
    const record = cve("CVE-2022-3602");
    expect(record.summary).toBe(
      "A buffer overrun can be triggered in X.509 certificate verification, specifically in name constraint checking.",
    );
    expect(record.details).toMatch(/^A buffer overrun .* Fixed in OpenSSL 3\.0\.7 \(Affected 3\.0\.0,/);
    expect(record.published).toBe("2022-11-01T18:15:10.983Z");
    expect(record.modified).toBe("2026-06-17T04:59:49.620Z");
    expect(record.cwes).toEqual(["CWE-787"]);
    expect(record.severity).toEqual([
      {
        type: "CVSS_V3",
        vector: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H",
        baseScore: 7.5,
        source: "nvd@nist.gov",
      },
      {
        type: "CVSS_V3",
        vector: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H",
        baseScore: 7.5,
        source: "134c704f-9b21-4f2e-91b3-4a467353bcc0",
      },
    ]);
    expect(cpes(record)[0]).toEqual({
      kind: "cpe",
      criteria: "cpe:2.3:a:openssl:openssl:*:*:*:*:*:*:*:*",
      vulnerable: true,
      versionStartIncluding: "3.0.0",
      versionEndExcluding: "3.0.7",
    });
    expect(cpes(record).map((c) => c.criteria)).toContain("cpe:2.3:a:nodejs:node.js:18.12.0:*:*:*:lts:*:*:*");
    expect(cpes(record)).toHaveLength(9);
    expect(cpes(record).every((c) => c.vulnerable)).toBe(true);
    expect(record.kev).toBeUndefined();
    expect(record.withdrawn).toBeUndefined();
    expect(record.databaseSpecific).toEqual({
      vulnStatus: "Modified",
      sourceIdentifier: "openssl-security@openssl.org",
    });
  });

  it("de-duplicates references repeated per source", () => {
    const record = cve("CVE-2022-3602");
    expect(new Set(record.references).size).toBe(record.references.length);
    expect(record.references).toContain("https://www.openssl.org/news/secadv/20221101.txt");
    expect(record.references).toContain("https://cert-portal.siemens.com/productcert/html/ssa-408105.html");
  });

  it("reads CVE-2022-22965: KEV fields, V2 after V3, AND configuration flattened", () => {
    const record = cve("CVE-2022-22965");
    expect(record.kev).toEqual({
      dateAdded: "2022-04-04",
      dueDate: "2022-04-25",
      requiredAction: "Apply updates per vendor instructions.",
      vulnerabilityName: "Spring Framework JDK 9+ Remote Code Execution Vulnerability",
    });
    expect(record.severity.map((s) => `${s.type} ${s.baseScore} ${s.source}`)).toEqual([
      "CVSS_V3 9.8 nvd@nist.gov",
      "CVSS_V3 9.8 134c704f-9b21-4f2e-91b3-4a467353bcc0",
      "CVSS_V2 7.5 nvd@nist.gov",
    ]);
    expect(record.cwes).toEqual(["CWE-94"]);
    const spring = cpes(record).filter((c) => c.criteria.startsWith("cpe:2.3:a:vmware:spring_framework:"));
    expect(spring).toEqual([
      {
        kind: "cpe",
        criteria: "cpe:2.3:a:vmware:spring_framework:*:*:*:*:*:*:*:*",
        vulnerable: true,
        versionEndExcluding: "5.2.20",
      },
      {
        kind: "cpe",
        criteria: "cpe:2.3:a:vmware:spring_framework:*:*:*:*:*:*:*:*",
        vulnerable: true,
        versionStartIncluding: "5.3.0",
        versionEndExcluding: "5.3.18",
      },
    ]);
    // The JDK platform of the AND configuration is kept, but not as vulnerable.
    expect(cpes(record).find((c) => c.criteria.startsWith("cpe:2.3:a:oracle:jdk:"))).toEqual({
      kind: "cpe",
      criteria: "cpe:2.3:a:oracle:jdk:*:*:*:*:*:*:*:*",
      vulnerable: false,
      versionStartIncluding: "9",
    });
  });

  it("accepts a { cve } wrapper and an array of bare objects", () => {
    const bare = text(shared("feeds", "nvd", "CVE-2022-3602.json"));
    expect(readNvd(utf8(`{"cve": ${bare}}`), "w").items[0]!.id).toBe("CVE-2022-3602");
    const other = text(shared("feeds", "nvd", "CVE-2022-22965.json"));
    expect(readNvd(utf8(`[${bare}, ${other}]`), "a").items.map((r) => r.id)).toEqual([
      "CVE-2022-3602",
      "CVE-2022-22965",
    ]);
  });
});

describe("readNvd on an API response page", () => {
  const page = () => readNvd(fixture("nvd-page.json"), "nvd-page.json");

  it("reads the valid entries and names the bad one by position", () => {
    const { items, diagnostics } = page();
    expect(items.map((r) => r.id)).toEqual(["CVE-2099-0001", "CVE-2099-0002"]);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({
      severity: "error",
      source: "nvd-page.json",
      record: "not-a-cve-id",
    });
    expect(diagnostics[0]!.message).toMatch(/^not a valid NVD CVE object: id: expected a CVE id/);
  });

  it("marks a rejected CVE withdrawn at its last modification", () => {
    const rejected = page().items[0]!;
    expect(rejected.withdrawn).toBe("2099-02-03T04:05:06.789Z");
    expect(rejected.affected).toEqual([]);
    expect(rejected.references).toEqual([]);
  });

  it("orders CVSS v4 first, Primary before Secondary, and skips NVD-CWE placeholders", () => {
    const record = page().items[1]!;
    expect(record.severity.map((s) => `${s.type} ${s.baseScore} ${s.source}`)).toEqual([
      "CVSS_V4 9.3 psirt@example.com",
      "CVSS_V3 8.1 nvd@nist.gov",
      "CVSS_V3 9.8 psirt@example.com",
    ]);
    expect(record.cwes).toEqual(["CWE-78"]);
    expect(record.summary).toBe(
      "Example Router firmware before 2.0 allows remote attackers to execute code.",
    );
    expect(record.references).toEqual(["https://example.com/advisory/1"]);
  });

  it("keeps AND platforms and negated entries as not vulnerable", () => {
    expect(page().items[1]!.affected).toEqual([
      {
        kind: "cpe",
        criteria: "cpe:2.3:o:example:router_firmware:*:*:*:*:*:*:*:*",
        vulnerable: true,
        versionEndExcluding: "2.0",
      },
      { kind: "cpe", criteria: "cpe:2.3:h:example:x100:-:*:*:*:*:*:*:*", vulnerable: false },
      { kind: "cpe", criteria: "cpe:2.3:o:example:router_firmware:1.5:*:*:*:*:*:*:*", vulnerable: false },
    ]);
  });

  it("reads an array of pages", () => {
    const one = text(fixture("nvd-page.json"));
    const { items, diagnostics } = readNvd(utf8(`[${one}, ${one}]`), "pages.json");
    expect(items).toHaveLength(4);
    expect(diagnostics.map((d) => d.record)).toEqual(["not-a-cve-id", "not-a-cve-id"]);
  });

  it("names an entry without id by page and index", () => {
    const body = JSON.stringify({
      resultsPerPage: 1,
      startIndex: 0,
      totalResults: 1,
      vulnerabilities: [{ cve: { descriptions: [] } }],
    });
    const { diagnostics } = readNvd(utf8(`[${body}]`), "p");
    expect(diagnostics[0]).toMatchObject({ record: "#0/vulnerabilities/0" });
  });

  it("gives the paging fields, or undefined for anything else", () => {
    expect(nvdPageInfo(fixture("nvd-page.json"))).toEqual({
      startIndex: 2000,
      resultsPerPage: 3,
      totalResults: 2004,
    });
    expect(nvdPageInfo(shared("feeds", "nvd", "CVE-2022-3602.json"))).toBeUndefined();
    expect(nvdPageInfo(utf8("{ truncated"))).toBeUndefined();
  });

  it("reports a truncated page as one error", () => {
    const cut = fixture("nvd-page.json").slice(0, 1500);
    const { items, diagnostics } = readNvd(cut, "cut.json");
    expect(items).toEqual([]);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]!.message).toMatch(/^not valid JSON/);
  });
});
