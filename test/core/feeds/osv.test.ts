import { basename, join } from "node:path";
import { zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { readOsv } from "../../../scripts/core/feeds/osv.ts";
import type { PackageAffected, VulnRecord } from "../../../scripts/core/feeds/types.ts";
import { bytes, FEEDS, fixture, jsonFiles, shared, utf8 } from "./helpers.ts";

const ghsa = (id: string): VulnRecord => {
  const { items, diagnostics } = readOsv(shared("feeds", "ghsa", `${id}.json`), `${id}.json`);
  expect(diagnostics).toEqual([]);
  expect(items).toHaveLength(1);
  return items[0]!;
};
const packages = (record: VulnRecord): PackageAffected[] =>
  record.affected.filter((a): a is PackageAffected => a.kind === "package");

describe("readOsv on the real GHSA records", () => {
  it.each(jsonFiles(join(FEEDS, "ghsa")))("reads %s without diagnostics", (path) => {
    const { items, diagnostics } = readOsv(bytes(path), basename(path));
    expect(diagnostics).toEqual([]);
    expect(items).toHaveLength(1);
    const record = items[0]!;
    expect(record.id).toBe(basename(path, ".json"));
    expect(record.source).toBe("osv");
    expect(record.affected.length).toBeGreaterThan(0);
    expect(record.modified).toMatch(/^\d{4}-\d{2}-\d{2}T/);
  });

  it("keeps minimist's two disjoint ranges exactly as given", () => {
    const record = ghsa("GHSA-xvch-5gv4-984h");
    expect(record.aliases).toEqual(["CVE-2021-44906"]);
    expect(record.summary).toBe("Prototype Pollution in minimist");
    expect(record.published).toBe("2022-03-18T00:01:09Z");
    expect(record.modified).toBe("2023-02-27T14:47:14Z");
    expect(record.severity).toEqual([
      { type: "CVSS_V3", vector: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H" },
    ]);
    expect(record.cwes).toEqual(["CWE-1321"]);
    expect(record.databaseSpecific).toMatchObject({
      severity: "CRITICAL",
      github_reviewed: true,
      nvd_published_at: "2022-03-17T16:15:00Z",
    });
    expect(record.references).toHaveLength(14);
    expect(record.references[0]).toBe("https://nvd.nist.gov/vuln/detail/CVE-2021-44906");
    expect(record.withdrawn).toBeUndefined();
    expect(record.affected).toEqual([
      {
        kind: "package",
        ecosystem: "npm",
        name: "minimist",
        purl: "pkg:npm/minimist",
        ranges: [{ type: "ECOSYSTEM", events: [{ introduced: "1.0.0" }, { fixed: "1.2.6" }] }],
        versions: [],
      },
      {
        kind: "package",
        ecosystem: "npm",
        name: "minimist",
        purl: "pkg:npm/minimist",
        ranges: [{ type: "ECOSYSTEM", events: [{ introduced: "0" }, { fixed: "0.2.4" }] }],
        versions: [],
      },
    ]);
    expect(packages(record)[0]!.purl).toBe("pkg:npm/minimist");
  });

  it("reads Spring4Shell: 5 Maven packages, 2 ranges each", () => {
    const record = ghsa("GHSA-36p3-wjmg-h94x");
    expect(record.aliases).toEqual(["CVE-2022-22965"]);
    const pkgs = packages(record);
    expect(pkgs).toHaveLength(10);
    expect(new Set(pkgs.map((p) => p.name))).toEqual(
      new Set([
        "org.springframework:spring-beans",
        "org.springframework:spring-webmvc",
        "org.springframework:spring-webflux",
        "org.springframework.boot:spring-boot-starter-web",
        "org.springframework.boot:spring-boot-starter-webflux",
      ]),
    );
    expect(pkgs.every((p) => p.ecosystem === "Maven")).toBe(true);
    expect(pkgs[0]).toEqual({
      kind: "package",
      ecosystem: "Maven",
      name: "org.springframework:spring-beans",
      purl: "pkg:maven/org.springframework/spring-beans",
      ranges: [{ type: "ECOSYSTEM", events: [{ introduced: "0" }, { fixed: "5.2.20.RELEASE" }] }],
      versions: [],
    });
    expect(pkgs[1]!.ranges[0]!.events).toEqual([{ introduced: "5.3.0" }, { fixed: "5.3.18" }]);
  });

  it("keeps ecdsa's last_affected and its null nvd_published_at", () => {
    const record = ghsa("GHSA-wj6h-64fc-37mp");
    expect(record.affected).toEqual([
      {
        kind: "package",
        ecosystem: "PyPI",
        name: "ecdsa",
        purl: "pkg:pypi/ecdsa",
        ranges: [{ type: "ECOSYSTEM", events: [{ introduced: "0" }, { last_affected: "0.18.0" }] }],
        versions: [],
      },
    ]);
    expect(record.cwes).toEqual(["CWE-203", "CWE-208", "CWE-385"]);
    expect(record.databaseSpecific?.nvd_published_at).toBeNull();
  });

  it("marks the withdrawn marked record and keeps it", () => {
    const record = ghsa("GHSA-32vw-r77c-gm67");
    expect(record.withdrawn).toBe("2020-08-03T17:57:05Z");
    expect(record.summary).toBeUndefined();
    expect(record.details).toMatch(/^Versions 0.3.2 and earlier of marked/);
    expect(record.aliases).toEqual([]);
    expect(record.severity).toEqual([]);
    expect(record.cwes).toEqual([]);
    expect(packages(record)[0]!.ranges[0]!.events).toEqual([{ introduced: "0" }, { fixed: "0.3.3" }]);
  });

  it("reads Go, crates.io and multi-ecosystem records", () => {
    expect(packages(ghsa("GHSA-4374-p667-p6c8"))[0]).toMatchObject({
      ecosystem: "Go",
      name: "golang.org/x/net",
      ranges: [{ type: "ECOSYSTEM", events: [{ introduced: "0" }, { fixed: "0.17.0" }] }],
    });
    const tokio = packages(ghsa("GHSA-7rrj-xr53-82p7"));
    expect(tokio.map((p) => p.ranges[0]!.events)).toEqual([
      [{ introduced: "1.7.0" }, { fixed: "1.18.4" }],
      [{ introduced: "1.19.0" }, { fixed: "1.20.3" }],
      [{ introduced: "1.21.0" }, { fixed: "1.23.1" }],
    ]);
    const terrapin = packages(ghsa("GHSA-45x7-px36-x8w8"));
    expect(terrapin.map((p) => `${p.ecosystem}/${p.name}`)).toEqual([
      "crates.io/russh",
      "Go/golang.org/x/crypto",
      "PyPI/paramiko",
    ]);
  });
});

describe("readOsv input forms", () => {
  const all = jsonFiles(join(FEEDS, "ghsa"));

  it("reads a JSON array of records", () => {
    const array = `[${all.map((p) => new TextDecoder().decode(bytes(p))).join(",")}]`;
    const { items, diagnostics } = readOsv(utf8(array), "array.json");
    expect(diagnostics).toEqual([]);
    expect(items.map((r) => r.id)).toEqual(all.map((p) => basename(p, ".json")));
  });

  it("reads an osv.dev { vulns } response", () => {
    const body = JSON.stringify({ vulns: [JSON.parse(new TextDecoder().decode(bytes(all[0]!)))] });
    expect(readOsv(utf8(body), "query.json").items).toHaveLength(1);
  });

  it("reads an all.zip export, reporting a bad entry by name and skipping non-JSON files", () => {
    const entries: Record<string, Uint8Array> = {};
    for (const path of all) entries[basename(path)] = bytes(path);
    entries["BROKEN-1.json"] = utf8('{"id": "BROKEN-1", "affected": [');
    entries["README.txt"] = utf8("not a record");
    const zip = zipSync(entries);
    const { items, diagnostics } = readOsv(zip, "npm/all.zip");
    expect(items).toHaveLength(all.length);
    expect(items.find((r) => r.id === "GHSA-32vw-r77c-gm67")?.withdrawn).toBe("2020-08-03T17:57:05Z");
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({
      severity: "error",
      source: "npm/all.zip",
      record: "BROKEN-1.json",
    });
    expect(diagnostics[0]!.message).toMatch(/not valid JSON/);
  });

  it("reads a zip in small batches to the same records", () => {
    const entries: Record<string, Uint8Array> = {};
    for (const path of all) entries[`osv/${basename(path)}`] = bytes(path);
    const zip = zipSync(entries);
    const batched = readOsv(zip, "z", { zipBatchBytes: 1 });
    expect(batched.diagnostics).toEqual([]);
    expect(batched.items).toEqual(readOsv(zip, "z").items);
    expect(batched.items.map((r) => r.id)).toEqual(all.map((p) => basename(p, ".json")));
  });

  it("reports a truncated zip once, without throwing", () => {
    const zip = zipSync({ "a.json": bytes(all[0]!), "b.json": bytes(all[1]!) });
    const { items, diagnostics } = readOsv(zip.slice(0, zip.length - 30), "truncated.zip");
    expect(items).toEqual([]);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ severity: "error", source: "truncated.zip" });
    expect(diagnostics[0]!.message).toMatch(/zip archive could not be read/);
  });
});

describe("readOsv on bad input", () => {
  it("reports bad JSON as one error", () => {
    const { items, diagnostics } = readOsv(fixture("osv-bad.json"), "osv-bad.json");
    expect(items).toEqual([]);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ severity: "error", source: "osv-bad.json" });
    expect(diagnostics[0]!.message).toMatch(/^not valid JSON: expected an OSV record/);
  });

  it("reports a truncated record as one error", () => {
    const whole = shared("feeds", "ghsa", "GHSA-xvch-5gv4-984h.json");
    const { items, diagnostics } = readOsv(whole.slice(0, 700), "cut.json");
    expect(items).toEqual([]);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]!.message).toMatch(/not valid JSON/);
  });

  it("reports empty input", () => {
    const { diagnostics } = readOsv(new Uint8Array(), "empty.json");
    expect(diagnostics[0]!.message).toMatch(/the file is empty/);
  });

  it("names the bad records by index or id and keeps the others", () => {
    const { items, diagnostics } = readOsv(fixture("osv-missing-id.json"), "osv-missing-id.json");
    expect(items.map((r) => r.id)).toEqual(["OSV-TEST-0001", "OSV-TEST-0004"]);
    const errors = diagnostics.filter((d) => d.severity === "error");
    expect(errors).toHaveLength(2);
    expect(errors[0]).toMatchObject({ source: "osv-missing-id.json", record: "#1" });
    expect(errors[0]!.message).toMatch(/id: /);
    expect(errors[1]).toMatchObject({ record: "OSV-TEST-0003" });
    expect(errors[1]!.message).toMatch(/affected\/0\/ranges\/0\/events\/0: expected exactly one of/);
  });

  it("skips an affected entry without package with a warning, keeps explicit versions", () => {
    const { items, diagnostics } = readOsv(fixture("osv-missing-id.json"), "f");
    expect(diagnostics.filter((d) => d.severity === "warning")).toEqual([
      {
        severity: "warning",
        source: "f",
        record: "OSV-TEST-0004",
        message: "affected entry without a package (GIT ranges only) was skipped",
      },
    ]);
    expect(items[1]!.affected).toEqual([
      {
        kind: "package",
        ecosystem: "Debian:12",
        name: "openssl",
        purl: "pkg:deb/debian/openssl",
        ranges: [],
        versions: ["3.0.9-1", "3.0.11-1~deb12u1"],
      },
    ]);
    expect(items[0]!.affected[0]).toMatchObject({ ranges: [{ type: "SEMVER" }] });
  });
});
