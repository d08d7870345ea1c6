import { basename, join } from "node:path";
import { describe, expect, it } from "vitest";
import { readCsaf } from "../../../scripts/core/feeds/csaf.ts";
import type { VulnRecord } from "../../../scripts/core/feeds/types.ts";
import { bytes, CSAF, fixture, jsonFiles, utf8 } from "./helpers.ts";

const REAL = [
  ...jsonFiles(join(CSAF, "examples")),
  ...jsonFiles(join(CSAF, "examples", "csaf_vex")),
  ...jsonFiles(join(CSAF, "vendor")),
];
const read = (...parts: string[]) => readCsaf(bytes(join(CSAF, ...parts)), parts.at(-1)!);

describe("readCsaf on the OASIS examples and Red Hat documents", () => {
  it.each(REAL)("reads %s without errors", (path) => {
    const { items, diagnostics } = readCsaf(bytes(path), basename(path));
    expect(diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    for (const record of items) {
      expect(record.source).toBe("csaf");
      expect(record.id).not.toBe("");
      expect(record.aliases).not.toContain(record.id);
    }
  });

  it("reads BSI-2022-0001: CPE 2.2 helpers become CPE 2.3 criteria", () => {
    const { items, diagnostics } = read("examples", "bsi-2022-0001.json");
    expect(diagnostics).toEqual([]);
    const [record] = items as [VulnRecord];
    expect(record.id).toBe("CVE-2022-27193");
    expect(record.aliases).toEqual(["csaf-tools/CVRF-CSAF-Converter#78"]);
    expect(record.cwes).toEqual(["CWE-611"]);
    expect(record.details).toMatch(
      /^CSAF Tools CVRF-CSAF-Converter 1\.0\.0-rc1 resolves XML External Entities/,
    );
    expect(record.severity).toEqual([
      {
        type: "CVSS_V3",
        vector: "CVSS:3.1/AV:L/AC:L/PR:N/UI:R/S:U/C:H/I:N/A:L/E:F/RL:O/RC:C",
        baseScore: 6.1,
      },
    ]);
    expect(record.affected).toHaveLength(5);
    expect(record.affected[0]).toEqual({
      kind: "cpe",
      criteria: "cpe:2.3:a:csaf-tools:cvrf-csaf-converter:1.0.0-alpha:*:*:*:*:*:*:*",
      vulnerable: true,
    });
    expect(record.databaseSpecific).toEqual({
      document: "BSI-2022-0001",
      publisher: "Bundesamt für Sicherheit in der Informationstechnik",
      fixed: [
        {
          productId: "CSAFPID-0006",
          name: "CSAF Tools CVRF-CSAF-Converter 1.0.0-rc2",
          cpe: "cpe:2.3:a:csaf-tools:cvrf-csaf-converter:1.0.0-rc2:*:*:*:*:*:*:*",
          version: "1.0.0-rc2",
        },
      ],
    });
  });

  it("reads the Cisco advisory: products without helpers are reported, not matched", () => {
    const { items, diagnostics } = read("examples", "cisco-sa-20180328-smi2.json");
    expect(items.map((r) => r.id)).toEqual(["CVE-2018-0171"]);
    expect(items[0]!.severity[0]).toMatchObject({ type: "CVSS_V3", baseScore: 9.8 });
    expect(items[0]!.affected).toEqual([]);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ severity: "warning", record: "CVE-2018-0171" });
    expect(diagnostics[0]!.message).toMatch(/^259 affected products have neither purl nor CPE/);
  });

  it("reads RHSA-2021:5186: titles, bugzilla ids, fixed and not-affected products", () => {
    const { items, diagnostics } = read("examples", "rhsa-2021_5186.json");
    expect(diagnostics).toEqual([]);
    expect(items.map((r) => r.id)).toEqual(["CVE-2021-4104", "CVE-2021-4125"]);
    const [first] = items as [VulnRecord];
    expect(first.summary).toBe(
      "CVE-2021-4104 log4j: Remote code execution in Log4j 1.x when application is configured to use JMSAppender",
    );
    expect(first.aliases).toEqual(["https://bugzilla.redhat.com/show_bug.cgi?id=2031667"]);
    expect(first.affected).toEqual([]);
    expect(first.databaseSpecific?.fixed).toEqual([
      {
        productId:
          "8Base-RHOSE-4.6:openshift4/ose-metering-hive:v4.6.0-202112160147.p0.gf139e12.assembly.stream",
        name: "openshift4/ose-metering-hive:v4.6.0-202112160147.p0.gf139e12.assembly.stream as a component of Red Hat OpenShift Container Platform 4.6",
        version: "openshift4/ose-metering-hive:v4.6.0-202112160147.p0.gf139e12.assembly.stream",
      },
    ]);
    expect(first.databaseSpecific?.knownNotAffected).toHaveLength(2);
  });

  it("reads the Red Hat kernel-rt document: 5 CVEs with CVSS v3 and fixed RPMs", () => {
    const { items, diagnostics } = read("vendor", "rhsa-2023_4378.json");
    expect(diagnostics).toEqual([]);
    expect(items).toHaveLength(5);
    const first = items[0]!;
    expect(first.id).toBe("CVE-2022-45869");
    expect(first.summary).toBe("race condition in direct_page_fault()");
    expect(first.cwes).toEqual(["CWE-362"]);
    expect(first.published).toBe("2022-11-23T00:00:00Z");
    expect(first.modified).toBe("2023-08-01T09:08:00Z");
    expect(first.severity).toEqual([
      { type: "CVSS_V3", vector: "CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:N/I:N/A:H", baseScore: 5.5 },
    ]);
    expect(first.references).toContain("https://access.redhat.com/security/cve/CVE-2022-45869");
    const fixed = first.databaseSpecific?.fixed as { productId: string; version?: string }[];
    expect(
      fixed.find(
        (f) => f.productId === "NFV-9.2.0.Z.MAIN.EUS:kernel-rt-0:5.14.0-284.25.1.rt14.310.el9_2.x86_64",
      ),
    ).toMatchObject({ version: "kernel-rt-0:5.14.0-284.25.1.rt14.310.el9_2.x86_64" });
  });

  it("reads the Red Hat microcode document", () => {
    const { items, diagnostics } = read("vendor", "rhsa-2021_3029.json");
    expect(diagnostics).toEqual([]);
    expect(items).toHaveLength(9);
    expect(items.every((r) => r.id.startsWith("CVE-"))).toBe(true);
  });

  it("reads a VEX document without product helpers", () => {
    const { items, diagnostics } = read("examples", "csaf_vex", "2022-evd-uc-07-001.json");
    expect(items[0]!.id).toBe("CVE-2021-44228");
    expect(items[0]!.severity.map((s) => s.baseScore)).toEqual([10, 10]);
    expect(items[0]!.databaseSpecific?.knownNotAffected).toEqual([
      "CSAFPID-0001",
      "CSAFPID-0005",
      "CSAFPID-0006",
      "CSAFPID-0007",
      "CSAFPID-0009",
    ]);
    expect(diagnostics.map((d) => d.message)).toEqual([
      "4 affected products have neither purl nor CPE and cannot be matched: CSAFPID-0002, CSAFPID-0003, CSAFPID-0004, CSAFPID-0008",
    ]);
  });
});

describe("readCsaf with purl helpers (fixture)", () => {
  const { items, diagnostics } = readCsaf(fixture("csaf-purl.json"), "csaf-purl.json");
  const log4shell = items[0]!;

  it("makes one record per valid vulnerability and reports the invalid one", () => {
    expect(items.map((r) => r.id)).toEqual(["CVE-2021-44228", "EXA-2022-0001", "EXA-SA-2024-001#2"]);
    const errors = diagnostics.filter((d) => d.severity === "error");
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ record: "EXA-SA-2024-001#3" });
    expect(errors[0]!.message).toMatch(/^\/vulnerabilities\/3 is not a valid vulnerability: cve: /);
  });

  it("takes aliases, summary, details, dates and both CVSS versions", () => {
    expect(log4shell.aliases).toEqual(["EXA-2021-0042"]);
    expect(log4shell.summary).toBe("Log4Shell in Example products");
    expect(log4shell.details).toBe("JNDI lookups in log messages allow remote code execution.");
    expect(log4shell.published).toBe("2021-12-10T00:00:00Z");
    expect(log4shell.modified).toBe("2024-02-01T00:00:00Z");
    expect(log4shell.severity).toEqual([
      { type: "CVSS_V3", vector: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H", baseScore: 10 },
      { type: "CVSS_V2", vector: "AV:N/AC:M/Au:N/C:C/I:C/A:C", baseScore: 9.3 },
    ]);
  });

  it("turns purl products into packages, vers ranges into events, CPE ranges into bounds", () => {
    expect(log4shell.affected).toEqual([
      // The relationship product and the component itself give the same entry, listed once; the
      // fixed product of the same package gives its fix.
      {
        kind: "package",
        ecosystem: "Maven",
        name: "org.apache.logging.log4j:log4j-core",
        purl: "pkg:maven/org.apache.logging.log4j/log4j-core",
        ranges: [],
        versions: ["2.14.1"],
        fixedVersions: ["2.17.1"],
      },
      {
        kind: "package",
        ecosystem: "npm",
        name: "@example/widget",
        purl: "pkg:npm/%40example/widget",
        ranges: [{ type: "ECOSYSTEM", events: [{ introduced: "2.2.0" }, { fixed: "2.3.0" }] }],
        versions: [],
      },
      {
        kind: "package",
        ecosystem: "Go",
        name: "github.com/example/lib",
        purl: "pkg:golang/github.com/example/lib",
        ranges: [],
        versions: [],
      },
      {
        kind: "cpe",
        criteria: "cpe:2.3:a:example:gateway:*:*:*:*:*:*:*:*",
        vulnerable: true,
        versionStartIncluding: "1.0",
        versionEndIncluding: "2.3",
      },
    ]);
  });

  it("warns about complex ranges, unknown ids, unidentified products and bad branches", () => {
    const warnings = diagnostics
      .filter((d) => d.severity === "warning")
      .map((d) => `${d.record}: ${d.message}`);
    expect(warnings).toEqual([
      expect.stringMatching(
        /^EXA-SA-2024-001: \/product_tree\/branches\/0\/branches\/5\/branches\/0: not a valid branch: name: /,
      ),
      'CVE-2021-44228: product PKG-GOLIB-RANGE (pkg:golang/github.com/example/lib) has a version range "vers:golang/>4.2" that is not a simple vers range; listed without versions',
      "CVE-2021-44228: affected product ids not in the product tree: NOT-IN-TREE",
      "CVE-2021-44228: 1 affected products have neither purl nor CPE and cannot be matched: CSAFPID-APP-310",
    ]);
  });

  it("lists fixed products with their purl version", () => {
    expect(log4shell.databaseSpecific).toEqual({
      document: "EXA-SA-2024-001",
      publisher: "Example Vendor PSIRT",
      fixed: [
        {
          productId: "PKG-LOG4J-2171",
          name: "Apache Log4j Core 2.17.1",
          purl: "pkg:maven/org.apache.logging.log4j/log4j-core@2.17.1",
          version: "2.17.1",
        },
      ],
      knownNotAffected: ["PLATFORM-OS5"],
    });
  });

  it("uses the first ids[] text as id, and last_affected products as affected (Go without v)", () => {
    const text = items[1]!;
    expect(text.aliases).toEqual(["BUG-7"]);
    expect(text.affected).toEqual([
      {
        kind: "package",
        ecosystem: "Go",
        name: "golang.org/x/text",
        purl: "pkg:golang/golang.org/x/text",
        ranges: [],
        versions: ["0.3.7"],
      },
    ]);
    expect(items[2]!.aliases).toEqual([]);
    expect(items[2]!.affected).toEqual([]);
  });
});

describe("readCsaf on bad input", () => {
  it("reports a document without tracking id", () => {
    const { items, diagnostics } = readCsaf(utf8('{"document": {"csaf_version": "2.0"}}'), "x.json");
    expect(items).toEqual([]);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]!.message).toMatch(/^not a CSAF document: document\/tracking: /);
  });

  it("reports a truncated document as one error", () => {
    const cut = bytes(join(CSAF, "examples", "bsi-2022-0001.json")).slice(0, 2000);
    const { items, diagnostics } = readCsaf(cut, "cut.json");
    expect(items).toEqual([]);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]!.message).toMatch(/^not valid JSON: expected a CSAF 2\.0 document/);
  });
});
