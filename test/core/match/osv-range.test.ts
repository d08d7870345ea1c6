import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readOsv } from "../../../scripts/core/feeds/osv.ts";
import type { OsvRange, PackageAffected } from "../../../scripts/core/feeds/types.ts";
import {
  describeOsvRanges,
  evaluateOsv,
  fixedVersionsOf,
  isAffectedOsv,
  type OsvAffected,
} from "../../../scripts/core/match/osv-range.ts";
import { getScheme, schemeFor } from "../../../scripts/core/versions/index.ts";
import { SHARED_DATA } from "../../helpers/repo.ts";

/** Shared reference data (test/fixtures/shared; its README names sources and licenses), as the feed tests read it. */
const GHSA = join(SHARED_DATA, "feeds/ghsa");

/** The package entries of a real GHSA record, read by the project's OSV reader. */
function load(id: string): PackageAffected[] {
  const read = readOsv(new Uint8Array(readFileSync(join(GHSA, `${id}.json`))), id);
  expect(read.diagnostics).toEqual([]);
  return read.items.flatMap((r) => r.affected).filter((a): a is PackageAffected => a.kind === "package");
}

/** Is `version` of package `name` affected by record `id`, over all its affected entries? */
function affects(id: string, name: string, version: string): boolean {
  const entries = load(id).filter((a) => a.name === name);
  expect(entries.length).toBeGreaterThan(0);
  return entries.some((a) => isAffectedOsv(version, a, schemeFor(a.ecosystem)!));
}

describe("real GHSA records", () => {
  it.each([
    // minimist: two ranges, [0, 0.2.4) and [1.0.0, 1.2.6); SBOM facts from the data README
    ["0.0.8", true],
    ["0.2.1", true],
    ["0.2.4", false],
    ["0.9.0", false],
    ["1.0.0", true],
    ["1.2.5", true],
    ["1.2.6", false],
    ["1.2.8", false],
  ])("minimist %s affected: %s", (version, expected) => {
    expect(affects("GHSA-xvch-5gv4-984h", "minimist", version)).toBe(expected);
  });

  it.each([
    ["org.springframework:spring-beans", "5.0.9.RELEASE", true],
    ["org.springframework:spring-beans", "3.2.18.RELEASE", true],
    ["org.springframework:spring-beans", "5.2.19.RELEASE", true],
    ["org.springframework:spring-beans", "5.2.20.RELEASE", false],
    ["org.springframework:spring-beans", "5.2.20", false],
    ["org.springframework:spring-beans", "5.2.21.RELEASE", false],
    ["org.springframework:spring-beans", "5.3.0-RC1", false],
    ["org.springframework:spring-beans", "5.3.0", true],
    ["org.springframework:spring-beans", "5.3.17", true],
    ["org.springframework:spring-beans", "5.3.18", false],
    ["org.springframework:spring-webmvc", "5.3.1", true],
    ["org.springframework.boot:spring-boot-starter-web", "2.5.11", true],
    ["org.springframework.boot:spring-boot-starter-web", "2.5.12", false],
    ["org.springframework.boot:spring-boot-starter-web", "2.6.5", true],
    ["org.springframework.boot:spring-boot-starter-web", "2.6.6", false],
  ])("Spring4Shell %s %s affected: %s", (name, version, expected) => {
    expect(affects("GHSA-36p3-wjmg-h94x", name, version)).toBe(expected);
  });

  it.each([
    ["0.13", true],
    ["0.18.0b1", true],
    ["0.18.0", true],
    ["0.18.0.post1", false],
    ["0.18.1", false],
    ["0.19.0", false],
  ])("ecdsa (last_affected 0.18.0) %s affected: %s", (version, expected) => {
    expect(affects("GHSA-wj6h-64fc-37mp", "ecdsa", version)).toBe(expected);
  });

  it.each([
    ["1.6.9", false],
    ["1.7.0", true],
    ["1.18.3", true],
    ["1.18.4", false],
    ["1.18.5", false],
    ["1.19.0", true],
    ["1.20.2", true],
    ["1.20.3", false],
    ["1.20.5", false],
    ["1.21.0", true],
    ["1.23.0", true],
    ["1.23.1", false],
    ["1.24.0", false],
  ])("tokio (three ranges) %s affected: %s", (version, expected) => {
    expect(affects("GHSA-7rrj-xr53-82p7", "tokio", version)).toBe(expected);
  });

  it.each([
    // purl versions carry a v, GHSA's do not (data README)
    ["v0.0.0-20210405180319-a5a99cb37ef4", true],
    ["v0.16.0", true],
    ["0.16.0", true],
    ["v0.17.0", false],
    ["v0.18.0", false],
  ])("golang.org/x/net %s affected: %s", (version, expected) => {
    expect(affects("GHSA-4374-p667-p6c8", "golang.org/x/net", version)).toBe(expected);
  });

  it("Terrapin: one record, three ecosystems, each with its own ordering", () => {
    expect(affects("GHSA-45x7-px36-x8w8", "russh", "0.40.1")).toBe(true);
    expect(affects("GHSA-45x7-px36-x8w8", "russh", "0.40.2")).toBe(false);
    expect(affects("GHSA-45x7-px36-x8w8", "golang.org/x/crypto", "v0.16.0")).toBe(true);
    expect(affects("GHSA-45x7-px36-x8w8", "golang.org/x/crypto", "v0.17.0")).toBe(false);
    expect(affects("GHSA-45x7-px36-x8w8", "paramiko", "3.4.0rc1")).toBe(true);
    expect(affects("GHSA-45x7-px36-x8w8", "paramiko", "3.4.0")).toBe(false);
  });

  it("fixedVersionsOf and describeOsvRanges on real records", () => {
    const npm = getScheme("semver");
    const minimist = load("GHSA-xvch-5gv4-984h");
    const merged: OsvAffected = { ranges: minimist.flatMap((a) => a.ranges), versions: [] };
    expect(fixedVersionsOf(merged)).toEqual(["1.2.6", "0.2.4"]);
    expect(fixedVersionsOf(merged, npm)).toEqual(["0.2.4", "1.2.6"]);
    expect(describeOsvRanges(merged, npm)).toBe("< 0.2.4; >= 1.0.0, < 1.2.6");
    expect(describeOsvRanges(merged)).toBe(">= 1.0.0, < 1.2.6; < 0.2.4");

    const ecdsa = load("GHSA-wj6h-64fc-37mp")[0]!;
    expect(fixedVersionsOf(ecdsa)).toEqual([]);
    expect(describeOsvRanges(ecdsa, getScheme("pep440"))).toBe("<= 0.18.0");

    const tokio = load("GHSA-7rrj-xr53-82p7");
    expect(describeOsvRanges({ ranges: tokio.flatMap((a) => a.ranges), versions: [] })).toBe(
      ">= 1.7.0, < 1.18.4; >= 1.19.0, < 1.20.3; >= 1.21.0, < 1.23.1",
    );
  });
});

describe("the OSV evaluation algorithm", () => {
  const semver = getScheme("semver");
  const ev = (...events: OsvRange["events"]): OsvAffected => ({
    ranges: [{ type: "ECOSYSTEM", events }],
    versions: [],
  });

  it.each([
    // [events, version, expected]
    [[{ introduced: "0" }], "0.0.1", true],
    [[{ introduced: "0" }, { fixed: "1.0.2" }], "1.0.1", true],
    [[{ introduced: "0" }, { fixed: "1.0.2" }], "1.0.2", false],
    // the schema's multiple-range example, in one events list
    [
      [{ introduced: "1.0.0" }, { fixed: "1.0.2" }, { introduced: "3.0.0" }, { fixed: "3.2.5" }],
      "0.9.0",
      false,
    ],
    [
      [{ introduced: "1.0.0" }, { fixed: "1.0.2" }, { introduced: "3.0.0" }, { fixed: "3.2.5" }],
      "1.0.1",
      true,
    ],
    [
      [{ introduced: "1.0.0" }, { fixed: "1.0.2" }, { introduced: "3.0.0" }, { fixed: "3.2.5" }],
      "2.0.0",
      false,
    ],
    [
      [{ introduced: "1.0.0" }, { fixed: "1.0.2" }, { introduced: "3.0.0" }, { fixed: "3.2.5" }],
      "3.2.4",
      true,
    ],
    [
      [{ introduced: "1.0.0" }, { fixed: "1.0.2" }, { introduced: "3.0.0" }, { fixed: "3.2.5" }],
      "3.2.5",
      false,
    ],
    // events out of order are sorted first
    [
      [{ fixed: "3.2.5" }, { introduced: "3.0.0" }, { fixed: "1.0.2" }, { introduced: "1.0.0" }],
      "2.0.0",
      false,
    ],
    [
      [{ fixed: "3.2.5" }, { introduced: "3.0.0" }, { fixed: "1.0.2" }, { introduced: "1.0.0" }],
      "3.1.0",
      true,
    ],
    // last_affected is inclusive
    [[{ introduced: "0" }, { last_affected: "2.1.214" }], "2.1.214", true],
    [[{ introduced: "0" }, { last_affected: "2.1.214" }], "2.1.215", false],
    // limits
    [[{ introduced: "1.0.0" }, { limit: "2.0.0" }], "1.5.0", true],
    [[{ introduced: "1.0.0" }, { limit: "2.0.0" }], "2.0.0", false],
    [[{ introduced: "1.0.0" }, { limit: "2.0.0" }], "3.0.0", false],
    [[{ introduced: "1.0.0" }, { limit: "*" }], "9.0.0", true],
    [[{ introduced: "1.0.0" }, { limit: "1.5.0" }, { limit: "2.0.0" }], "1.7.0", true],
    // pre-releases sort before their release
    [[{ introduced: "1.0.0" }, { fixed: "2.0.0" }], "2.0.0-rc.1", true],
    [[{ introduced: "1.0.0" }, { fixed: "2.0.0" }], "1.0.0-rc.1", false],
    // no introduced event: never affected
    [[{ fixed: "2.0.0" }], "1.0.0", false],
  ] as [OsvRange["events"], string, boolean][])("%j, %s: %s", (events, version, expected) => {
    expect(isAffectedOsv(version, ev(...events), semver)).toBe(expected);
  });

  it("explicit versions count, compared with the scheme's equality", () => {
    const a: OsvAffected = { ranges: [], versions: ["1.0", "2.0.1"] };
    expect(isAffectedOsv("1.0", a, getScheme("pep440"))).toBe(true);
    expect(isAffectedOsv("1.0.0", a, getScheme("pep440"))).toBe(true);
    expect(isAffectedOsv("2.0.2", a, getScheme("pep440"))).toBe(false);
    expect(isAffectedOsv("not-a-version", { ranges: [], versions: ["not-a-version"] }, semver)).toBe(true);
  });

  it("SEMVER ranges use SemVer 2.0 whatever the ecosystem comparator", () => {
    const a: OsvAffected = {
      ranges: [{ type: "SEMVER", events: [{ introduced: "0" }, { fixed: "1.10.0" }] }],
      versions: [],
    };
    expect(isAffectedOsv("v1.9.0", a, getScheme("go"))).toBe(true);
    expect(isAffectedOsv("1.10.0", a, getScheme("generic"))).toBe(false);
  });

  it("GIT ranges are ignored for package versions", () => {
    const a: OsvAffected = {
      ranges: [{ type: "GIT", repo: "https://example.com/r.git", events: [{ introduced: "0" }] }],
      versions: [],
    };
    expect(evaluateOsv("1.0.0", a, semver)).toEqual({ affected: false, problems: [] });
    expect(describeOsvRanges(a)).toBe("git commit ranges only");
  });

  it("reports unparsable versions instead of guessing", () => {
    const r = evaluateOsv("latest", ev({ introduced: "0" }, { fixed: "1.0.0" }), semver);
    expect(r.affected).toBe(false);
    expect(r.problems).toEqual([expect.stringContaining('unparsable SemVer version "latest"')]);

    const bad = evaluateOsv("1.0.0", ev({ introduced: "0" }, { fixed: "1.2" }), semver);
    expect(bad).toEqual({ affected: false, problems: [expect.stringContaining('"1.2" in "fixed"')] });
  });

  it("describes open-ended and explicit-version entries", () => {
    expect(describeOsvRanges(ev({ introduced: "0" }))).toBe("all versions");
    expect(describeOsvRanges(ev({ introduced: "2.0.0" }))).toBe(">= 2.0.0");
    expect(describeOsvRanges(ev({ introduced: "1.0.0" }, { limit: "2.0.0" }))).toBe(
      ">= 1.0.0, (limit < 2.0.0)",
    );
    expect(describeOsvRanges({ ranges: [], versions: ["1.0.0", "1.0.1"] })).toBe("= 1.0.0, = 1.0.1");
    expect(describeOsvRanges({ ranges: [], versions: [] })).toBe("no versions");
  });
});
