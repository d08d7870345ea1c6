/**
 * Where scanners go wrong: CPE false positives (vendor and product must both match; purl decides
 * before CPE; CPE-only hits are low confidence), aliases (one vulnerability, one finding),
 * withdrawn records, duplicate records.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { AliasGroups, compareIds } from "../../../scripts/core/matching/aliases.ts";
import { MatchSession, type SessionResult } from "../../../scripts/core/matching/session.ts";
import {
  addBytes,
  brief,
  fixture,
  GHSA_FILES,
  NVD_FILES,
  sbomTarget,
  sessionWith,
  target,
} from "./helpers.ts";

describe("CPE guards (sbom-guards.cdx.json against the real GHSA and NVD records)", () => {
  let result: SessionResult;
  const by = (ref: string) => result.matches.filter((m) => m.bomRef === ref);
  beforeAll(async () => {
    result = sessionWith([...GHSA_FILES, ...NVD_FILES]).run(
      [await sbomTarget(fixture("sbom-guards.cdx.json"))],
      [],
    );
  });

  it("matches a component with purl and CPE by purl, once, with high confidence", () => {
    expect(by("beans-affected")).toHaveLength(1);
    expect(by("beans-affected")[0]).toMatchObject({
      id: "CVE-2022-22965",
      aliases: ["GHSA-36p3-wjmg-h94x"],
      matchedBy: "purl",
      confidence: "high",
      affected: ">= 5.3.0, < 5.3.18",
      fixed: ["5.3.18"],
      sources: ["GHSA-36p3-wjmg-h94x (osv)"],
    });
  });

  it("lets the purl verdict stand: a CPE contradicting a fixed purl version is not re-matched", () => {
    expect(by("beans-fixed")).toEqual([]);
  });

  it("reports a CPE-only hit with low confidence, merged with the GHSA alias", () => {
    expect(by("framework-cpe-only")).toHaveLength(1);
    expect(by("framework-cpe-only")[0]).toMatchObject({
      id: "CVE-2022-22965",
      aliases: ["GHSA-36p3-wjmg-h94x"],
      matchedBy: "cpe",
      confidence: "low",
      cpe: "cpe:2.3:a:vmware:spring_framework:5.2.0:*:*:*:*:*:*:*",
      affected: "< 5.2.20",
      fixed: ["5.2.20"],
    });
    expect(by("framework-cpe-only")[0]!.purl).toBeUndefined();
  });

  it("needs both vendor and product: another vendor's or another product's CPE does not match", () => {
    expect(by("other-vendor")).toEqual([]);
    expect(by("other-product")).toEqual([]);
  });

  it("matches a generic purl's CPE (no purl record can decide it), low confidence", () => {
    expect(by("openssl")).toHaveLength(1);
    expect(by("openssl")[0]).toMatchObject({
      id: "CVE-2022-3602",
      matchedBy: "cpe",
      confidence: "low",
      affected: ">= 3.0.0, < 3.0.7",
    });
  });

  it("normalizes npm names: MiniMist is minimist; both duplicate bom-refs are still matched", () => {
    expect(brief(by("dup"))).toEqual([
      "CVE-2021-44906 guards-app 2.0.0 pkg:npm/MiniMist@1.2.0",
      "CVE-2021-44906 guards-app 2.0.0 pkg:npm/minimist@1.2.5",
    ]);
  });

  it("warns, naming the SBOM and component, about what it cannot use", () => {
    const warnings = result.diagnostics.map((d) => `${d.source} | ${d.record} | ${d.message}`);
    expect(warnings).toEqual(
      expect.arrayContaining([
        "sbom-guards.cdx.json | wildcards | component CPE cpe:2.3:*:*:*:*:*:*:*:*:*:*:* does not name a vendor and a product (wildcards); it is not used for matching",
        expect.stringMatching(
          /^sbom-guards\.cdx\.json \| bad-purl \| invalid purl "pkg:maven\/@1\.3\.4": .*not matched by purl$/,
        ),
        "sbom-guards.cdx.json | pkg:npm/minimist | component has no version, so feed ranges cannot be evaluated",
        expect.stringMatching(
          /^sbom-guards\.cdx\.json \| pkg:pypi\/ecdsa@latest-dev%21 × GHSA-wj6h-64fc-37mp \| range 1 \(ECOSYSTEM\): unparsable PEP 440 version "latest-dev!"/,
        ),
      ]),
    );
    expect(result.diagnostics.every((d) => d.severity === "warning")).toBe(true);
  });

  it("skips criteria that name every product or any vendor, naming the record", async () => {
    const session = sessionWith([fixture("nvd-broad.json")]);
    const r = session.run([await sbomTarget(fixture("sbom-guards.cdx.json"))], []);
    expect(r.matches).toEqual([]);
    const skipped = r.diagnostics.filter((d) => d.record === "CVE-2099-0002").map((d) => d.message);
    expect(skipped).toEqual([
      "CPE cpe:2.3:*:*:*:*:*:*:*:*:*:*:* is skipped: criteria matches every product: vendor and product are both ANY (*) (and 1 more like it)",
      'invalid CPE "cpe:2.3:a:openssl:openssl:1.0:*:*": a CPE 2.3 name has 11 components after "cpe:2.3:", found 6; the entry is skipped',
    ]);
  });
});

describe("aliases", () => {
  it("union-find merges transitively and prefers a CVE id", () => {
    const groups = new AliasGroups();
    groups.add("GHSA-aaaa-bbbb-cccc", ["CVE-2024-0002"]);
    groups.add("PYSEC-2024-1", ["cve-2024-0002", "CVE-2024-0001"]);
    groups.add("GO-2024-9", []);
    expect(groups.groupOf("ghsa-AAAA-bbbb-cccc")).toEqual({
      id: "CVE-2024-0001",
      aliases: ["CVE-2024-0002", "GHSA-aaaa-bbbb-cccc", "PYSEC-2024-1"],
    });
    expect(groups.groupOf("GO-2024-9")).toEqual({ id: "GO-2024-9", aliases: [] });
    expect(groups.groupOf("CVE-1999-0001")).toBeUndefined();
    expect(["CVE-2024-10000", "GHSA-x", "CVE-2024-9999", "CVE-2023-50000", "OSV-1"].sort(compareIds)).toEqual(
      ["CVE-2023-50000", "CVE-2024-9999", "CVE-2024-10000", "GHSA-x", "OSV-1"],
    );
  });

  it("makes one finding of two records of one vulnerability hitting one component", () => {
    const session = sessionWith(GHSA_FILES);
    addBytes(
      session,
      "extra.json",
      JSON.stringify({
        id: "TEST-SPRING",
        modified: "2024-01-01T00:00:00Z",
        aliases: ["CVE-2022-22965"],
        affected: [
          {
            package: { ecosystem: "Maven", name: "org.springframework:spring-beans" },
            ranges: [{ type: "ECOSYSTEM", events: [{ introduced: "5.3.0" }, { fixed: "5.3.18" }] }],
          },
        ],
      }),
    );
    const r = session.run([target([{ purl: "pkg:maven/org.springframework/spring-beans@5.3.10" }])], []);
    expect(r.matches).toHaveLength(1);
    expect(r.matches[0]).toMatchObject({
      id: "CVE-2022-22965",
      aliases: ["GHSA-36p3-wjmg-h94x", "TEST-SPRING"],
      sources: ["GHSA-36p3-wjmg-h94x (osv)", "TEST-SPRING (osv)"],
      fixed: ["5.3.18"],
    });
  });

  it("gives the NVD record's KEV fields and CVSS to the GHSA finding of the same CVE", () => {
    const r = sessionWith([...GHSA_FILES, ...NVD_FILES]).run(
      [target([{ purl: "pkg:maven/org.springframework/spring-webmvc@5.3.0" }])],
      [],
    );
    expect(r.matches).toHaveLength(1);
    expect(r.matches[0]).toMatchObject({
      id: "CVE-2022-22965",
      kev: { dateAdded: "2022-04-04", dueDate: "2022-04-25" },
      cvss: { version: "3.1", score: 9.8, severity: "CRITICAL" },
    });
  });
});

describe("withdrawn and duplicate records", () => {
  it("never matches a withdrawn record (marked 0.3.0 is below its fix)", async () => {
    const r = sessionWith(GHSA_FILES).run([await sbomTarget(fixture("sbom-marked.cdx.json"))], []);
    expect(r.matches).toEqual([]);
    expect(r.stats.withdrawn).toBe(1);
  });

  it("keeps the newest copy of a record given twice, and a withdrawn copy wins", () => {
    const record = (modified: string, fixed: string, withdrawn?: string) =>
      JSON.stringify({
        id: "TEST-DUP",
        modified,
        ...(withdrawn ? { withdrawn } : {}),
        affected: [
          {
            package: { ecosystem: "npm", name: "dup-pkg" },
            ranges: [{ type: "ECOSYSTEM", events: [{ introduced: "0" }, { fixed }] }],
          },
        ],
      });
    const component = target([{ purl: "pkg:npm/dup-pkg@1.5.0" }]);
    const newer = sessionWith([]);
    addBytes(newer, "new.json", record("2024-02-01T00:00:00Z", "2.0.0"));
    addBytes(newer, "old.json", record("2024-01-01T00:00:00Z", "1.0.0"));
    expect(newer.run([component], []).matches.map((m) => m.fixed)).toEqual([["2.0.0"]]);
    const withdrawn = sessionWith([]);
    addBytes(withdrawn, "a.json", record("2024-01-01T00:00:00Z", "2.0.0"));
    addBytes(withdrawn, "b.json", record("2024-03-01T00:00:00Z", "2.0.0", "2024-03-01T00:00:00Z"));
    expect(withdrawn.run([component], []).matches).toEqual([]);
  });
});

describe("fixed versions", () => {
  it("names only upgrades: a version on a later branch with no fix gets none, never an older fix", () => {
    const session = new MatchSession();
    addBytes(
      session,
      "branches.json",
      JSON.stringify({
        id: "OSV-BRANCHES-1",
        modified: "2026-01-01T00:00:00Z",
        affected: [
          {
            package: { ecosystem: "npm", name: "evt" },
            ranges: [
              {
                type: "SEMVER",
                events: [{ introduced: "1.0.0" }, { fixed: "1.5.0" }, { introduced: "2.0.0" }],
              },
            ],
          },
        ],
      }),
    );
    const result = session.run(
      [target([{ purl: "pkg:npm/evt@1.2.0" }, { purl: "pkg:npm/evt@2.4.9" }, { purl: "pkg:npm/evt@1.5.0" }])],
      [],
    );
    expect(result.matches.map((m) => [m.version, m.fixed])).toEqual([
      ["1.2.0", ["1.5.0"]],
      ["2.4.9", []],
    ]);
  });
});

describe("distribution packages", () => {
  const osv = (id: string, affected: { ecosystem: string; name: string; fixed: string }[]) =>
    JSON.stringify({
      id,
      modified: "2026-01-01T00:00:00Z",
      affected: affected.map((a) => ({
        package: { ecosystem: a.ecosystem, name: a.name },
        ranges: [{ type: "ECOSYSTEM", events: [{ introduced: "0" }, { fixed: a.fixed }] }],
      })),
    });

  it("applies a Debian:N entry only to packages of that release, and reads the source package from upstream", () => {
    const session = new MatchSession();
    addBytes(
      session,
      "deb.json",
      osv("DSA-TEST-1", [
        { ecosystem: "Debian:11", name: "openssl", fixed: "1.1.1n-0+deb11u5" },
        { ecosystem: "Debian:12", name: "openssl", fixed: "3.0.11-1~deb12u2" },
      ]),
    );
    const result = session.run(
      [
        target([
          {
            purl: "pkg:deb/debian/openssl@1.1.1n-0+deb11u5?arch=amd64&distro=debian-11",
            bomRef: "patched-11",
          },
          { purl: "pkg:deb/debian/openssl@1.1.1n-0+deb11u4?distro=bullseye", bomRef: "old-11" },
          {
            purl: "pkg:deb/debian/libssl3@3.0.9-1?arch=amd64&distro=debian-12&upstream=openssl",
            bomRef: "binary-12",
          },
          {
            purl: "pkg:deb/debian/libssl3@3.0.11-1~deb12u2+b1?distro=debian-12&upstream=openssl%403.0.11-1~deb12u2",
            bomRef: "binary-12-patched",
          },
        ]),
      ],
      [],
    );
    expect(result.matches.map((m) => [m.bomRef, m.fixed])).toEqual([
      ["binary-12", ["3.0.11-1~deb12u2"]],
      ["old-11", ["1.1.1n-0+deb11u5"]],
    ]);
  });

  it("reads an RPM epoch given as a purl qualifier", () => {
    const session = new MatchSession();
    addBytes(
      session,
      "alma.json",
      osv("ALSA-TEST-1", [{ ecosystem: "AlmaLinux:9", name: "openssl", fixed: "1:3.0.7-18.el9_2" }]),
    );
    const result = session.run(
      [
        target([
          { purl: "pkg:rpm/almalinux/openssl@3.0.7-19.el9?arch=x86_64&epoch=1", bomRef: "patched" },
          { purl: "pkg:rpm/almalinux/openssl@3.0.7-17.el9?epoch=1", bomRef: "old" },
        ]),
      ],
      [],
    );
    expect(result.matches.map((m) => [m.bomRef, m.version])).toEqual([["old", "1:3.0.7-17.el9"]]);
  });

  it("matches a component shared by product versions in each of them, and warns in each SBOM", () => {
    const session = new MatchSession();
    addBytes(
      session,
      "npm.json",
      osv("GHSA-test-1", [{ ecosystem: "npm", name: "left-pad", fixed: "1.3.0" }]),
    );
    const shared = [
      { purl: "pkg:npm/left-pad@1.1.0", bomRef: "pad" },
      { purl: "pkg:npm/left-pad", bomRef: "unversioned" },
    ];
    const result = session.run(
      [
        target(shared, { file: "a.cdx.json", product: "app", productVersion: "1.0.0" }),
        target(shared, { file: "b.cdx.json", product: "app", productVersion: "2.0.0" }),
        target([{ purl: "pkg:npm/left-pad@1.3.0" }], { file: "c.cdx.json", productVersion: "3.0.0" }),
      ],
      [],
    );
    expect(brief(result.matches)).toEqual([
      "GHSA-test-1 app 1.0.0 pkg:npm/left-pad@1.1.0",
      "GHSA-test-1 app 2.0.0 pkg:npm/left-pad@1.1.0",
    ]);
    expect(result.matches.map((m) => m.sbom)).toEqual(["a.cdx.json", "b.cdx.json"]);
    expect(result.diagnostics.map((d) => `${d.source} ${d.record}`)).toEqual([
      "a.cdx.json pkg:npm/left-pad",
      "b.cdx.json pkg:npm/left-pad",
    ]);
  });
});
