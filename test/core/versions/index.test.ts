import { describe, expect, it } from "vitest";
import { getScheme, SCHEME_NAMES, schemeFor } from "../../../scripts/core/versions/index.ts";
import { canonical } from "../../../scripts/core/versions/maven.ts";
import { normalize } from "../../../scripts/core/versions/pep440.ts";

describe("schemeFor", () => {
  it.each([
    // OSV ecosystems
    ["npm", "semver"],
    ["crates.io", "semver"],
    ["Go", "go"],
    ["PyPI", "pep440"],
    ["Maven", "maven"],
    ["Debian", "dpkg"],
    ["Debian:12", "dpkg"],
    ["Ubuntu:22.04:LTS", "dpkg"],
    ["Ubuntu:Pro:18.04:LTS", "dpkg"],
    ["Alpine:v3.18", "apk"],
    ["Red Hat:enterprise_linux:8::appstream", "rpm"],
    ["Rocky Linux:8", "rpm"],
    ["AlmaLinux", "rpm"],
    ["SUSE:Linux Enterprise Server 15 SP5", "rpm"],
    ["RubyGems", "generic"],
    ["NuGet", "generic"],
    ["Packagist", "generic"],
    ["Hex", "semver"],
    // purl types
    ["cargo", "semver"],
    ["golang", "go"],
    ["pypi", "pep440"],
    ["maven", "maven"],
    ["deb", "dpkg"],
    ["rpm", "rpm"],
    ["apk", "apk"],
    ["gem", "generic"],
    ["generic", "generic"],
    // declared scheme names
    ["semver", "semver"],
    ["pep440", "pep440"],
    ["dpkg", "dpkg"],
  ])("%s → %s", (input, name) => {
    expect(schemeFor(input)?.name).toBe(name);
  });

  it("every scheme name maps to itself", () => {
    for (const name of SCHEME_NAMES) expect(schemeFor(name)).toBe(getScheme(name));
  });

  it("unknown ecosystems map to nothing, so callers choose the fallback explicitly", () => {
    expect(schemeFor("Bitnami")).toBeUndefined();
    expect(schemeFor("")).toBeUndefined();
    expect(schemeFor("toString")).toBeUndefined();
    expect(schemeFor("constructor")).toBeUndefined();
    expect(schemeFor("__proto__")).toBeUndefined();
  });
});

describe("PEP 440 normalization", () => {
  it.each([
    ["1.0-ALPHA.1", "1.0a1"],
    ["1.0.0", "1.0.0"],
    ["v1.0", "1.0"],
    ["01.002", "1.2"],
    ["1.0c1", "1.0rc1"],
    ["1.0-1", "1.0.post1"],
    ["1.0.rev", "1.0.post0"],
    ["1.0-dev", "1.0.dev0"],
    ["0!1.0", "1.0"],
    ["2!1.0", "2!1.0"],
    ["1.0+Ubuntu-01", "1.0+ubuntu.1"],
    [" 1.0 ", "1.0"],
  ])("%j → %s", (input, expected) => {
    expect(normalize(input)).toBe(expected);
  });

  it("is undefined for invalid versions", () => {
    expect(normalize("latest")).toBeUndefined();
  });
});

describe("Maven canonical form", () => {
  it.each([
    ["1.0.0", "1"],
    ["1.0-GA", "1"],
    ["5.2.20.RELEASE", "5.2.20"],
    ["1.0-alpha-1", "1-alpha-1"],
    ["1a1", "1-alpha-1"],
    ["1.0-SNAPSHOT", "1-snapshot"],
  ])("%s → %s", (input, expected) => {
    expect(canonical(input)).toBe(expected);
  });
});
