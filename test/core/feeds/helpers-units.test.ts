import { describe, expect, it } from "vitest";
import { purlPackage, toCpe23, versToEvents } from "../../../scripts/core/feeds/csaf-identity.ts";
import { parseCsv } from "../../../scripts/core/feeds/csv.ts";

describe("toCpe23", () => {
  it.each([
    ["cpe:/a:redhat:openshift:4.6::el8", "cpe:2.3:a:redhat:openshift:4.6:*:el8:*:*:*:*:*"],
    ["cpe:/o:redhat:rhel_aus:7.6::server", "cpe:2.3:o:redhat:rhel_aus:7.6:*:server:*:*:*:*:*"],
    [
      "cpe:/a:csaf-tools:cvrf-csaf-converter:1.0.0-alpha",
      "cpe:2.3:a:csaf-tools:cvrf-csaf-converter:1.0.0-alpha:*:*:*:*:*:*:*",
    ],
    ["cpe:/a:example:gateway", "cpe:2.3:a:example:gateway:*:*:*:*:*:*:*:*"],
    [
      "cpe:/a:hp:insight_diagnostics:7.4.0.1570:-:~~online~win2003~x64~",
      "cpe:2.3:a:hp:insight_diagnostics:7.4.0.1570:-:*:*:online:win2003:x64:*",
    ],
    ["cpe:/a:foo%21bar:baz:1.%02", "cpe:2.3:a:foo\\!bar:baz:1.*:*:*:*:*:*:*:*"],
    ["cpe:/a:Vendor:Product:1.0:::en-us", "cpe:2.3:a:vendor:product:1.0:*:*:en-us:*:*:*:*"],
    ["cpe:2.3:a:openssl:openssl:3.0.0:*:*:*:*:*:*:*", "cpe:2.3:a:openssl:openssl:3.0.0:*:*:*:*:*:*:*"],
  ])("%s → %s", (input, expected) => {
    expect(toCpe23(input)).toBe(expected);
  });

  it.each(["not a cpe", "cpe:/a:x:y:1:2:3:4:5", "cpe:/a:x%zz:y", "cpe:/a:x:y:1::~a~b"])(
    "rejects %s",
    (input) => {
      expect(toCpe23(input)).toBeUndefined();
    },
  );
});

describe("versToEvents", () => {
  it.each([
    ["vers:npm/>=2.2.0|<2.3.0", [{ introduced: "2.2.0" }, { fixed: "2.3.0" }], []],
    ["vers:generic/>=1.0|<=2.3", [{ introduced: "1.0" }, { last_affected: "2.3" }], []],
    ["vers:npm/<1.2.6", [{ introduced: "0" }, { fixed: "1.2.6" }], []],
    ["vers:pypi/>=1.0", [{ introduced: "1.0" }], []],
    ["vers:all/*", [{ introduced: "0" }], []],
    [
      "vers:npm/>=1.0.0|<1.2.6|>=2.0.0|<2.0.3",
      [{ introduced: "1.0.0" }, { fixed: "1.2.6" }, { introduced: "2.0.0" }, { fixed: "2.0.3" }],
      [],
    ],
    ["vers:maven/1.0|=1.1", [], ["1.0", "1.1"]],
    ["vers:npm/1.0.0%2Bbuild", [], ["1.0.0+build"]],
  ])("%s", (vers, events, versions) => {
    expect(versToEvents(vers)).toMatchObject({ events, versions });
  });

  it.each([
    "vers:generic/>4.2",
    "vers:npm/!=1.0",
    "vers:npm/>=1|>=2",
    "vers:npm/>=1|<2|<3",
    "1.0",
    "vers:npm/",
  ])("leaves %s to the caller", (vers) => {
    expect(versToEvents(vers)).toBeUndefined();
  });
});

describe("purlPackage", () => {
  it.each([
    [
      "pkg:maven/org.springframework/spring-beans@5.3.1?type=jar",
      "Maven",
      "org.springframework:spring-beans",
      "5.3.1",
    ],
    ["pkg:npm/%40babel/core@7.0.0", "npm", "@babel/core", "7.0.0"],
    ["pkg:npm/minimist", "npm", "minimist", undefined],
    ["pkg:golang/golang.org/x/net@v0.17.0", "Go", "golang.org/x/net", "0.17.0"],
    ["pkg:pypi/ecdsa@0.18.0", "PyPI", "ecdsa", "0.18.0"],
    ["pkg:cargo/tokio@1.20.0", "crates.io", "tokio", "1.20.0"],
    ["pkg:deb/debian/openssl@3.0.11-1?distro=bookworm", "Debian", "openssl", "3.0.11-1"],
    ["pkg:generic/example/thing@1", "generic", "example/thing", "1"],
  ])("%s", (purl, ecosystem, name, version) => {
    const pkg = purlPackage(purl);
    expect(pkg).toMatchObject({ ecosystem, name });
    expect(pkg?.version).toBe(version);
    expect(pkg?.purl).not.toMatch(/[@?]/);
  });

  it("rejects a malformed purl", () => {
    expect(purlPackage("pkg:maven/@1.3.4")).toBeUndefined();
    expect(purlPackage("not-a-purl")).toBeUndefined();
  });
});

describe("parseCsv", () => {
  it("handles quotes, doubled quotes, CRLF and newlines in fields", () => {
    const { rows, unterminatedQuoteAt } = parseCsv('a,"b,c","d ""e"""\r\n\r\n"x\ny",,z\n');
    expect(unterminatedQuoteAt).toBeUndefined();
    expect(rows).toEqual([
      { line: 1, fields: ["a", "b,c", 'd "e"'] },
      { line: 3, fields: ["x\ny", "", "z"] },
    ]);
  });

  it("notes an unterminated quote", () => {
    expect(parseCsv('a,b\n"c,d\n').unterminatedQuoteAt).toBe(2);
  });
});
