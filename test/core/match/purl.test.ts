import { describe, expect, it } from "vitest";
import {
  normalizePurl,
  osvEcosystemBase,
  osvEcosystemOfPurlType,
  osvPackageToPurl,
  pep503,
  purlToOsvPackage,
} from "../../../scripts/core/match/purl.ts";

describe("normalizePurl", () => {
  it.each([
    ["pkg:npm/minimist@0.0.8", "pkg:npm/minimist", "0.0.8"],
    ["pkg:npm/%40Angular/Core@1.0.0", "pkg:npm/%40angular/core", "1.0.0"],
    ["pkg:npm/@angular/core@1.0.0", "pkg:npm/%40angular/core", "1.0.0"],
    ["pkg:NPM/Minimist", "pkg:npm/minimist", undefined],
    ["pkg:pypi/Django_Foo.Bar@1.0", "pkg:pypi/django-foo-bar", "1.0"],
    ["pkg:pypi/zope.interface@5.0", "pkg:pypi/zope-interface", "5.0"],
    ["pkg:pypi/my--weird__name@1", "pkg:pypi/my-weird-name", "1"],
    [
      "pkg:maven/org.springframework/spring-beans@5.0.9.RELEASE?type=jar",
      "pkg:maven/org.springframework/spring-beans",
      "5.0.9.RELEASE",
    ],
    ["pkg:maven/org.Example/Artifact@1", "pkg:maven/org.Example/Artifact", "1"],
    [
      "pkg:golang/golang.org/x/net@v0.0.0-20210405180319-a5a99cb37ef4",
      "pkg:golang/golang.org/x/net",
      "v0.0.0-20210405180319-a5a99cb37ef4",
    ],
    ["pkg:golang/github.com/Sirupsen/Logrus@v1.0.0", "pkg:golang/github.com/sirupsen/logrus", "v1.0.0"],
    ["pkg:deb/debian/curl@7.50.3-1?arch=i386&distro=jessie", "pkg:deb/debian/curl", "7.50.3-1"],
    ["pkg:cargo/tokio@1.18.4", "pkg:cargo/tokio", "1.18.4"],
    ["pkg:maven/g/a@1#sub/path", "pkg:maven/g/a", "1"],
  ])("%s → %s @ %s", (input, purl, version) => {
    const r = normalizePurl(input);
    expect(r).toMatchObject({ ok: true, purl });
    if (r.ok) expect(r.version).toBe(version);
  });

  it("keeps the parts", () => {
    expect(normalizePurl("pkg:deb/debian/curl@7.50.3-1?arch=i386&distro=jessie#x")).toEqual({
      ok: true,
      purl: "pkg:deb/debian/curl",
      type: "deb",
      namespace: "debian",
      name: "curl",
      version: "7.50.3-1",
      qualifiers: { arch: "i386", distro: "jessie" },
      subpath: "x",
    });
    expect(normalizePurl("pkg:npm/minimist")).toEqual({
      ok: true,
      purl: "pkg:npm/minimist",
      type: "npm",
      name: "minimist",
    });
  });

  it.each(["npm/minimist", "pkg:npm", "", "pkg:maven/artifact-without-group@1", "not a purl"])(
    "rejects %j with a reason",
    (input) => {
      const r = normalizePurl(input);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error).toContain("invalid purl");
    },
  );
});

describe("osvPackageToPurl", () => {
  it.each([
    ["npm", "minimist", "pkg:npm/minimist"],
    ["npm", "@babel/core", "pkg:npm/%40babel/core"],
    ["Maven", "org.springframework:spring-beans", "pkg:maven/org.springframework/spring-beans"],
    ["Go", "golang.org/x/net", "pkg:golang/golang.org/x/net"],
    ["Go", "github.com/Masterminds/goutils", "pkg:golang/github.com/masterminds/goutils"],
    ["PyPI", "Django_REST.framework", "pkg:pypi/django-rest-framework"],
    ["PyPI", "ecdsa", "pkg:pypi/ecdsa"],
    ["crates.io", "tokio", "pkg:cargo/tokio"],
    ["RubyGems", "rails", "pkg:gem/rails"],
    ["Packagist", "symfony/http-kernel", "pkg:composer/symfony/http-kernel"],
    ["NuGet", "Newtonsoft.Json", "pkg:nuget/Newtonsoft.Json"],
    ["Debian", "openssl", "pkg:deb/debian/openssl"],
    ["Debian:12", "openssl", "pkg:deb/debian/openssl"],
    ["Ubuntu:22.04:LTS", "openssl", "pkg:deb/ubuntu/openssl"],
    ["Alpine:v3.18", "openssl", "pkg:apk/alpine/openssl"],
    ["Red Hat:enterprise_linux:8::appstream", "openssl", "pkg:rpm/redhat/openssl"],
  ])("%s %s → %s", (ecosystem, name, purl) => {
    expect(osvPackageToPurl(ecosystem, name)).toEqual({ ok: true, purl });
  });

  it("matches the SBOM purls of the reference data", () => {
    const sbom = (p: string) => (normalizePurl(p) as { purl: string }).purl;
    expect(osvPackageToPurl("npm", "minimist")).toEqual({ ok: true, purl: sbom("pkg:npm/minimist@0.0.8") });
    expect(osvPackageToPurl("Go", "golang.org/x/net")).toEqual({
      ok: true,
      purl: sbom("pkg:golang/golang.org/x/net@v0.0.0-20210405180319-a5a99cb37ef4"),
    });
    expect(osvPackageToPurl("Maven", "org.springframework:spring-beans")).toEqual({
      ok: true,
      purl: sbom("pkg:maven/org.springframework/spring-beans@5.0.9.RELEASE?type=jar"),
    });
  });

  it.each([
    ["Maven", "spring-beans", 'must be "groupId:artifactId"'],
    ["Maven", "a:b:c", 'must be "groupId:artifactId"'],
    ["npm", "@scope", 'must be "@scope/name"'],
    ["Bitnami", "x", "no purl type is known"],
    ["npm", " ", "empty npm package name"],
  ])("%s %j is rejected: %s", (ecosystem, name, message) => {
    const r = osvPackageToPurl(ecosystem, name);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toContain(message);
  });
});

describe("ecosystems of purl types", () => {
  it.each([
    ["npm", undefined, "npm"],
    ["pypi", undefined, "PyPI"],
    ["maven", "org.example", "Maven"],
    ["golang", "golang.org/x", "Go"],
    ["cargo", undefined, "crates.io"],
    ["gem", undefined, "RubyGems"],
    ["deb", "debian", "Debian"],
    ["deb", "Ubuntu", "Ubuntu"],
    ["apk", "alpine", "Alpine"],
    ["rpm", "redhat", "Red Hat"],
    ["deb", "mint", undefined],
    ["generic", undefined, undefined],
  ])("%s (%s) → %s", (type, namespace, ecosystem) => {
    expect(osvEcosystemOfPurlType(type, namespace)).toBe(ecosystem);
  });

  it("osvEcosystemBase drops release suffixes", () => {
    expect(osvEcosystemBase("Debian:12")).toBe("Debian");
    expect(osvEcosystemBase("Ubuntu:Pro:18.04:LTS")).toBe("Ubuntu");
    expect(osvEcosystemBase("npm")).toBe("npm");
  });

  it.each([
    ["pkg:maven/org.springframework/spring-beans@5.0.9.RELEASE", "Maven", "org.springframework:spring-beans"],
    ["pkg:npm/%40babel/core@7.0.0", "npm", "@babel/core"],
    ["pkg:golang/golang.org/x/net@v0.1.0", "Go", "golang.org/x/net"],
    ["pkg:deb/debian/openssl@3.0.11-1", "Debian", "openssl"],
    ["pkg:pypi/Django@4.0", "PyPI", "django"],
  ])("purlToOsvPackage(%s) → %s %s", (purl, ecosystem, name) => {
    expect(purlToOsvPackage(purl)).toEqual({ ok: true, ecosystem, name });
  });

  it("purlToOsvPackage explains what it cannot map", () => {
    expect(purlToOsvPackage("pkg:generic/openssl@1.1.1")).toEqual({
      ok: false,
      error: "no OSV ecosystem is known for pkg:generic/openssl",
    });
  });

  it("pep503", () => {
    expect(pep503("Friendly-Bard")).toBe("friendly-bard");
    expect(pep503("FRIENDLY._-bard")).toBe("friendly-bard");
  });
});
