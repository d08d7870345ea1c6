import { describe, expect, it } from "vitest";
import {
  describeRange,
  formatRange,
  inRange,
  parseRange,
  testRange,
  type VersionRange,
} from "../../../scripts/core/versions/range.ts";

function range(text: string, scheme = "semver"): VersionRange {
  const r = parseRange(text, scheme);
  if (!r.ok) throw new Error(r.error);
  return r.range;
}

describe("parseRange accepts", () => {
  it.each([
    [">=2.0.0|<2.17.1", "semver", [">=", "2.0.0"], ["<", "2.17.1"]],
    ["vers:npm/>=2.0.0|<2.17.1", "semver", [">=", "2.0.0"], ["<", "2.17.1"]],
    ["vers:maven/>=5.3.0|<5.3.18", "Maven", [">=", "5.3.0"], ["<", "5.3.18"]],
    [" >= 1.0 | < 2.0 ", "pep440", [">=", "1.0"], ["<", "2.0"]],
    ["1.2.3", "npm", ["=", "1.2.3"]],
    ["=1.2.3", "npm", ["=", "1.2.3"]],
    ["|>=1.0.0||<2.0.0|", "npm", [">=", "1.0.0"], ["<", "2.0.0"]],
    ["1.0.0-rc.1%2Bbuild", "npm", ["=", "1.0.0-rc.1+build"]],
  ])("%s (%s)", (text, scheme, ...expected) => {
    const r = parseRange(text, scheme);
    expect(r).toEqual({
      ok: true,
      range: expect.objectContaining({
        all: false,
        constraints: expected.map(([comparator, version]) => ({ comparator, version })),
      }),
    });
  });

  it("* as all versions, with or without prefix", () => {
    expect(parseRange("*", "deb")).toEqual({
      ok: true,
      range: { scheme: "dpkg", all: true, constraints: [] },
    });
    expect(parseRange("vers:deb/*", "Debian:12")).toEqual({
      ok: true,
      range: { scheme: "dpkg", all: true, constraints: [] },
    });
  });

  it("the spec's TomEE example", () => {
    const r = range(
      "vers:maven/>=1.0.0-beta1|<=1.7.5|>=7.0.0-M1|<=7.0.7|>=7.1.0|<=7.1.2|>=8.0.0-M1|<=8.0.1",
      "maven",
    );
    expect(r.constraints).toHaveLength(8);
  });

  it.each([
    "!=1.0.0|!=2.0.0",
    "<1.0.0|>2.0.0",
    "1.0.0|2.0.0|>=3.0.0",
    ">=1.0.0|!=1.5.0|<2.0.0",
    "<1.0.0|1.5.0|>=2.0.0",
  ])("valid pairs: %s", (text) => {
    expect(parseRange(text, "semver").ok).toBe(true);
  });
});

describe("parseRange rejects", () => {
  it.each([
    ["", "semver", "empty range"],
    ["   ", "semver", "empty range"],
    ["vers:npm/", "semver", "empty range"],
    ["|", "semver", "only pipes"],
    ["=>1.0.0", "semver", 'unknown comparator "=>"'],
    ["==1.0.0", "semver", 'unknown comparator "=="'],
    ["~1.0.0", "semver", 'unknown comparator "~"'],
    ["^1.0.0", "semver", 'unknown comparator "^"'],
    ["<<1.0.0", "semver", 'unknown comparator "<<"'],
    [">=", "semver", 'missing version after ">="'],
    [">=1.0", "semver", 'unparsable SemVer version "1.0"'],
    [">=1.0.0|<latest", "semver", 'unparsable SemVer version "latest"'],
    ["<1.0.0|*", "semver", '"*" must stand alone'],
    ["<2.0.0|>=1.0.0", "semver", "constraints must be sorted by version"],
    [">=1.0.0|<1.0.0", "semver", "appears twice"],
    ["1.0.0|!=1.0.0", "semver", "appears twice"],
    ["1.0|1.0.0", "maven", "appears twice"],
    [">=1.0.0|>=2.0.0", "semver", "two lower bounds in a row"],
    ["<1.0.0|<=2.0.0", "semver", "two upper bounds in a row"],
    [">=1.0.0|!=1.5.0|>2.0.0", "semver", "two lower bounds in a row"],
    ["1.0.0|<2.0.0", "semver", "cannot follow"],
    ["vers:pypi/>=1.0", "semver", "PEP 440 ordering"],
    ["vers:NPM/1.0.0", "semver", "must be lowercase"],
    ["vers:nosuch/1.0.0", "semver", 'unknown versioning scheme "nosuch"'],
    ["vers:npm", "semver", "expected"],
    ["1.0.0", "no-such-ecosystem", "unknown versioning scheme"],
    ["1.0.0%zz", "semver", "bad percent-encoding"],
  ])("%j for %s: %s", (text, scheme, message) => {
    const r = parseRange(text, scheme);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toContain(message);
  });

  it("suggests the sorted order", () => {
    const r = parseRange("<1.2.6|>=1.0.0|<0.2.4", "npm");
    expect(r).toEqual({ ok: false, error: expect.stringContaining("expected <0.2.4|>=1.0.0|<1.2.6") });
  });
});

describe("inRange", () => {
  // [range, scheme, version, expected]
  it.each([
    [">=2.0.0|<2.17.1", "semver", "2.0.0", true],
    [">=2.0.0|<2.17.1", "semver", "2.10.0", true],
    [">=2.0.0|<2.17.1", "semver", "2.17.1", false],
    [">=2.0.0|<2.17.1", "semver", "2.0.0-rc.1", false],
    [">=2.0.0|<2.17.1", "semver", "1.9.9", false],
    [">2.0.0|<=2.17.1", "semver", "2.0.0", false],
    [">2.0.0|<=2.17.1", "semver", "2.17.1", true],
    // minimist: two intervals
    ["<0.2.4|>=1.0.0|<1.2.6", "npm", "0.0.8", true],
    ["<0.2.4|>=1.0.0|<1.2.6", "npm", "0.2.4", false],
    ["<0.2.4|>=1.0.0|<1.2.6", "npm", "0.9.0", false],
    ["<0.2.4|>=1.0.0|<1.2.6", "npm", "1.2.5", true],
    ["<0.2.4|>=1.0.0|<1.2.6", "npm", "1.2.8", false],
    // single bounds
    ["<1.0.0", "semver", "0.9.0", true],
    ["<1.0.0", "semver", "1.0.0", false],
    ["<=1.0.0", "semver", "1.0.0", true],
    [">=1.0.0", "semver", "5.0.0", true],
    [">1.0.0", "semver", "1.0.0", false],
    // equalities and exclusions
    ["1.2.3", "semver", "1.2.3", true],
    ["1.2.3", "semver", "1.2.4", false],
    ["1.2.3|2.0.0", "semver", "2.0.0", true],
    ["1.0.0|2.0.0|>=3.0.0", "semver", "4.0.0", true],
    ["1.0.0|2.0.0|>=3.0.0", "semver", "2.5.0", false],
    ["!=1.5.0", "semver", "1.5.0", false],
    ["!=1.5.0", "semver", "1.6.0", true],
    [">=1.0.0|!=1.5.0|<2.0.0", "semver", "1.5.0", false],
    [">=1.0.0|!=1.5.0|<2.0.0", "semver", "1.6.0", true],
    ["<1.0.0|>2.0.0", "semver", "1.5.0", false],
    ["<1.0.0|>2.0.0", "semver", "2.5.0", true],
    ["*", "semver", "0.0.1", true],
    // the TomEE example
    [">=1.0.0-beta1|<=1.7.5|>=7.0.0-M1|<=7.0.7|>=7.1.0|<=7.1.2|>=8.0.0-M1|<=8.0.1", "maven", "7.0.5", true],
    [">=1.0.0-beta1|<=1.7.5|>=7.0.0-M1|<=7.0.7|>=7.1.0|<=7.1.2|>=8.0.0-M1|<=8.0.1", "maven", "7.0.8", false],
    [">=1.0.0-beta1|<=1.7.5|>=7.0.0-M1|<=7.0.7|>=7.1.0|<=7.1.2|>=8.0.0-M1|<=8.0.1", "maven", "8.0.1", true],
    [
      ">=1.0.0-beta1|<=1.7.5|>=7.0.0-M1|<=7.0.7|>=7.1.0|<=7.1.2|>=8.0.0-M1|<=8.0.1",
      "maven",
      "1.0.0-alpha",
      false,
    ],
    // equality is the scheme's
    ["<5.2.20", "maven", "5.2.20.RELEASE", false],
    ["<=5.2.20", "maven", "5.2.20.RELEASE", true],
    ["1.0", "pep440", "1.0.0", true],
    ["<1:0", "dpkg", "2.0-1", true],
    ["<0.17.0", "Go", "v0.0.0-20210405180319-a5a99cb37ef4", true],
  ])("%s (%s) contains %s: %s", (text, scheme, version, expected) => {
    expect(inRange(version, range(text, scheme))).toBe(expected);
  });

  it("reports an unparsable version instead of guessing", () => {
    expect(testRange("latest", range(">=1.0.0"))).toEqual({
      ok: false,
      error: expect.stringContaining('unparsable SemVer version "latest"'),
    });
    expect(inRange("latest", range(">=1.0.0"))).toBe(false);
    expect(testRange("latest", range("*"))).toMatchObject({ ok: false });
  });
});

describe("describeRange and formatRange", () => {
  it.each([
    [">=2.0.0|<2.17.1", ">= 2.0.0, < 2.17.1"],
    ["<0.2.4|>=1.0.0|<1.2.6", "< 0.2.4; >= 1.0.0, < 1.2.6"],
    [">=1.0.0", ">= 1.0.0"],
    ["1.2.3|2.0.0", "= 1.2.3; = 2.0.0"],
    [">=1.0.0|!=1.5.0|<2.0.0", ">= 1.0.0, != 1.5.0, < 2.0.0"],
    ["*", "all versions"],
  ])("%s → %s", (text, human) => {
    expect(describeRange(range(text))).toBe(human);
  });

  it("formats the canonical text", () => {
    expect(formatRange(range(" >= 2.0.0 | < 2.17.1 "))).toBe(">=2.0.0|<2.17.1");
    expect(formatRange(range("=1.2.3"), "npm")).toBe("vers:npm/1.2.3");
    expect(formatRange(range("*"), "npm")).toBe("vers:npm/*");
  });
});
