import { readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { CpeAffected } from "../../../scripts/core/feeds/types.ts";
import {
  type Cpe,
  checkCriteria,
  compareValues,
  cpeMatches,
  evaluateCpeMatch,
  formatCpe,
  parseCpe,
} from "../../../scripts/core/match/cpe.ts";
import { getScheme } from "../../../scripts/core/versions/index.ts";
import { SHARED_DATA } from "../../helpers/repo.ts";

function cpe(text: string): Cpe {
  const r = parseCpe(text);
  if (!r.ok) throw new Error(r.error);
  return r.cpe;
}

describe("parseCpe", () => {
  it("reads a CPE 2.3 formatted string", () => {
    const c = cpe("cpe:2.3:a:apache:log4j:2.14.1:*:*:*:*:*:*:*");
    expect(c.part).toEqual({ kind: "value", literal: "a", before: "", after: "" });
    expect(c.vendor).toEqual({ kind: "value", literal: "apache", before: "", after: "" });
    expect(c.version).toEqual({ kind: "value", literal: "2.14.1", before: "", after: "" });
    expect(c.update).toEqual({ kind: "any" });
  });

  it("unquotes escaped characters and keeps them out of the separators", () => {
    const c = cpe("cpe:2.3:a:foo\\:bar:big\\$money_manager:2\\.0:*:*:*:*:*:*:*");
    expect(c.vendor).toMatchObject({ literal: "foo:bar" });
    expect(c.product).toMatchObject({ literal: "big$money_manager" });
    expect(c.version).toMatchObject({ literal: "2.0" });
    expect(formatCpe(c)).toBe("cpe:2.3:a:foo\\:bar:big\\$money_manager:2.0:*:*:*:*:*:*:*");
  });

  it("reads NA, wildcards and is case-insensitive", () => {
    const c = cpe("CPE:2.3:A:NodeJS:Node.js:18.*:-:*:*:lts:*:*:*");
    expect(c.vendor).toMatchObject({ literal: "nodejs" });
    expect(c.version).toEqual({ kind: "value", literal: "18.", before: "", after: "*" });
    expect(c.update).toEqual({ kind: "na" });
    expect(c.sw_edition).toMatchObject({ literal: "lts" });
    expect(cpe("cpe:2.3:a:x:y:??1:*:*:*:*:*:*:*").version).toEqual({
      kind: "value",
      literal: "1",
      before: "??",
      after: "",
    });
  });

  it("reads CPE 2.2 URIs, including packed editions and percent-encoding", () => {
    expect(formatCpe(cpe("cpe:/a:apache:log4j:2.14.1"))).toBe("cpe:2.3:a:apache:log4j:2.14.1:*:*:*:*:*:*:*");
    expect(formatCpe(cpe("cpe:/o:microsoft:windows_10::-"))).toBe(
      "cpe:2.3:o:microsoft:windows_10:*:-:*:*:*:*:*:*",
    );
    expect(formatCpe(cpe("cpe:/a:hp:insight_diagnostics:7.4.0.1570::~~online~win2003~x64~"))).toBe(
      "cpe:2.3:a:hp:insight_diagnostics:7.4.0.1570:*:*:*:online:win2003:x64:*",
    );
    expect(cpe("cpe:/a:foo%21bar:baz").vendor).toMatchObject({ literal: "foo!bar" });
    expect(cpe("cpe:/a:x:y:1.%02").version).toEqual({ kind: "value", literal: "1.", before: "", after: "*" });
    expect(cpe("cpe:/a").vendor).toEqual({ kind: "any" });
  });

  it.each([
    ["cpe:2.3:a:apache:log4j:2.14.1", "11 components"],
    ["cpe:2.3:a:apache:log4j:2.14.1:*:*:*:*:*:*:*:*", "11 components"],
    ["cpe:2.3:x:apache:log4j:*:*:*:*:*:*:*:*", "part must be a, o, h or *"],
    ["cpe:2.3:-:apache:log4j:*:*:*:*:*:*:*:*", "part must be a, o, h or *"],
    ["cpe:2.3:a:apa*che:log4j:*:*:*:*:*:*:*:*", "only at the start or end"],
    ["cpe:2.3:a:apache:log4j:1.0\\", "lone backslash"],
    ["cpe:2.3:a::log4j:*:*:*:*:*:*:*:*", "empty value"],
    ["pkg:npm/minimist", 'expected "cpe:2.3:…" or "cpe:/…"'],
    ["cpe:/a:foo bar:x", "must be percent-encoded"],
    ["cpe:/a:x:y:1:2:3:4:5", "at most 7 components"],
    ["cpe:/a:x:y:1::~a~b", "packed edition"],
    ["cpe:/a:x%zz:y", "bad percent-encoding"],
  ])("rejects %s (%s)", (text, message) => {
    const r = parseCpe(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toContain(message);
  });
});

describe("name matching (NISTIR 7696)", () => {
  const any = { kind: "any" } as const;
  const na = { kind: "na" } as const;
  const v = (literal: string, before = "", after = "") =>
    ({ kind: "value", literal, before, after }) as const;

  it.each([
    [any, any, "equal"],
    [any, na, "superset"],
    [any, v("x"), "superset"],
    [na, any, "subset"],
    [na, na, "equal"],
    [na, v("x"), "disjoint"],
    [v("x"), any, "subset"],
    [v("x"), na, "disjoint"],
    [v("x"), v("x"), "equal"],
    [v("x"), v("y"), "disjoint"],
    [v("x", "", "*"), v("xyz"), "superset"],
    [v("x", "", "*"), v("ax"), "disjoint"],
    [v("x", "*", ""), v("ax"), "superset"],
    [v("x", "??", ""), v("abx"), "superset"],
    [v("x", "??", ""), v("x"), "superset"],
    [v("x", "??", ""), v("abcx"), "disjoint"],
    [v("x"), v("x", "", "*"), "undefined"],
  ] as const)("%j vs %j: %s", (source, target, relation) => {
    expect(compareValues(source, target)).toBe(relation);
  });

  it("cpeMatches is CPE_SUPERSET", () => {
    const criteria = "cpe:2.3:a:apache:log4j:2.14.1:*:*:*:*:*:*:*";
    expect(cpeMatches(criteria, "cpe:2.3:a:apache:log4j:2.14.1:*:*:*:*:*:*:*")).toBe(true);
    expect(cpeMatches(criteria, "cpe:2.3:a:apache:log4j:2.14.1:-:*:*:*:*:*:*")).toBe(true);
    expect(cpeMatches(criteria, "cpe:2.3:a:apache:log4j:2.15.0:*:*:*:*:*:*:*")).toBe(false);
    expect(cpeMatches(criteria, "cpe:2.3:a:apache:log4j:*:*:*:*:*:*:*:*")).toBe(false);
    expect(cpeMatches("cpe:2.3:a:apache:*:*:*:*:*:*:*:*:*", "cpe:/a:apache:tomcat:9.0.1")).toBe(true);
    expect(cpeMatches(criteria, "not a cpe")).toBe(false);
  });

  it("unspecifiedMatches lets ANY in a candidate's minor attributes match", () => {
    const criteria = "cpe:2.3:a:nodejs:node.js:*:*:*:*:-:*:*:*";
    const candidate = "cpe:2.3:a:nodejs:node.js:18.5.0:*:*:*:*:*:*:*";
    expect(cpeMatches(criteria, candidate)).toBe(false);
    expect(cpeMatches(criteria, candidate, { unspecifiedMatches: true })).toBe(true);
    expect(
      cpeMatches(criteria, "cpe:2.3:a:nodejs:node.js:18.5.0:*:*:*:lts:*:*:*", { unspecifiedMatches: true }),
    ).toBe(false);
  });

  it("flags criteria with wildcards for both vendor and product", () => {
    expect(checkCriteria(cpe("cpe:2.3:a:*:*:*:*:*:*:*:*:*:*"))).toContain("matches every product");
    expect(checkCriteria(cpe("cpe:2.3:a:apache:*:*:*:*:*:*:*:*:*"))).toBeUndefined();
  });
});

describe("evaluateCpeMatch", () => {
  const m = (criteria: string, bounds: Partial<CpeAffected> = {}, vulnerable = true): CpeAffected => ({
    kind: "cpe",
    criteria,
    vulnerable,
    ...bounds,
  });
  const openssl = m("cpe:2.3:a:openssl:openssl:*:*:*:*:*:*:*:*", {
    versionStartIncluding: "3.0.0",
    versionEndExcluding: "3.0.7",
  });

  it.each([
    ["2.9.9", false],
    ["3.0.0", true],
    ["3.0.6", true],
    ["3.0.7", false],
    ["3.1.0", false],
  ])("OpenSSL CVE-2022-3602 bounds, version %s: %s", (version, expected) => {
    expect(evaluateCpeMatch(openssl, "cpe:2.3:a:openssl:openssl:*:*:*:*:*:*:*:*", { version })).toEqual({
      ok: true,
      matches: expected,
      affected: expected,
    });
    expect(evaluateCpeMatch(openssl, `cpe:2.3:a:openssl:openssl:${version}:*:*:*:*:*:*:*`)).toMatchObject({
      matches: expected,
    });
  });

  it.each([
    ["versionStartExcluding", "1.0", "1.0", false],
    ["versionStartExcluding", "1.0", "1.1", true],
    ["versionEndIncluding", "1.0", "1.0", true],
    ["versionEndIncluding", "1.0", "1.0.1", false],
  ])("%s %s, version %s: %s", (field, bound, version, expected) => {
    const r = evaluateCpeMatch(
      m("cpe:2.3:a:v:p:*:*:*:*:*:*:*:*", { [field]: bound }),
      "cpe:2.3:a:v:p:*:*:*:*:*:*:*:*",
      {
        version,
      },
    );
    expect(r).toMatchObject({ ok: true, matches: expected });
  });

  it("checks the other attributes too", () => {
    expect(evaluateCpeMatch(openssl, "cpe:2.3:a:openssl:libssl:3.0.1:*:*:*:*:*:*:*")).toMatchObject({
      matches: false,
    });
    expect(evaluateCpeMatch(openssl, "cpe:2.3:o:openssl:openssl:3.0.1:*:*:*:*:*:*:*")).toMatchObject({
      matches: false,
    });
  });

  it("uses the given comparator (Maven for Spring)", () => {
    const spring = m("cpe:2.3:a:vmware:spring_framework:*:*:*:*:*:*:*:*", { versionEndExcluding: "5.2.20" });
    const candidate = "cpe:2.3:a:vmware:spring_framework:*:*:*:*:*:*:*:*";
    const maven = getScheme("maven");
    expect(evaluateCpeMatch(spring, candidate, { version: "5.2.20.RELEASE", scheme: maven })).toMatchObject({
      matches: false,
    });
    expect(evaluateCpeMatch(spring, candidate, { version: "5.2.19.RELEASE", scheme: maven })).toMatchObject({
      matches: true,
    });
  });

  it("exact-version criteria compare by the scheme's equality", () => {
    const exact = m("cpe:2.3:a:nodejs:node.js:19.0.0:*:*:*:-:*:*:*");
    expect(evaluateCpeMatch(exact, "cpe:2.3:a:nodejs:node.js:19.0.0:*:*:*:*:*:*:*")).toMatchObject({
      matches: true,
    });
    expect(evaluateCpeMatch(exact, "cpe:2.3:a:nodejs:node.js:19.0:*:*:*:*:*:*:*")).toMatchObject({
      matches: true,
    });
    expect(evaluateCpeMatch(exact, "cpe:2.3:a:nodejs:node.js:19.0.1:*:*:*:*:*:*:*")).toMatchObject({
      matches: false,
    });
    expect(
      evaluateCpeMatch(exact, "cpe:2.3:a:nodejs:node.js:19.0.0:*:*:*:*:*:*:*", { unspecifiedMatches: false }),
    ).toMatchObject({ matches: false });
  });

  it("criteria without version or bounds match every version", () => {
    expect(
      evaluateCpeMatch(m("cpe:2.3:a:v:p:*:*:*:*:*:*:*:*"), "cpe:2.3:a:v:p:*:*:*:*:*:*:*:*"),
    ).toMatchObject({
      matches: true,
    });
  });

  it("vulnerable: false entries match but never affect", () => {
    const jdk = m("cpe:2.3:a:oracle:jdk:*:*:*:*:*:*:*:*", { versionStartIncluding: "9" }, false);
    expect(evaluateCpeMatch(jdk, "cpe:2.3:a:oracle:jdk:11:*:*:*:*:*:*:*")).toEqual({
      ok: true,
      matches: true,
      affected: false,
    });
  });

  it.each([
    [m("cpe:2.3:a:*:*:*:*:*:*:*:*:*:*"), "cpe:2.3:a:v:p:1:*:*:*:*:*:*:*", {}, "matches every product"],
    [m("cpe:2.3:a:v:p"), "cpe:2.3:a:v:p:1:*:*:*:*:*:*:*", {}, "invalid CPE"],
    [openssl, "cpe:2.3:a:openssl", {}, "invalid CPE"],
    [openssl, "cpe:2.3:a:openssl:openssl:*:*:*:*:*:*:*:*", {}, "no concrete version"],
    [
      openssl,
      "cpe:2.3:a:openssl:openssl:*:*:*:*:*:*:*:*",
      { version: "3.0.0 beta" },
      "unparsable generic version",
    ],
    [
      m("cpe:2.3:a:v:p:1.0:*:*:*:*:*:*:*", { versionEndExcluding: "2.0" }),
      "cpe:2.3:a:v:p:1.5:*:*:*:*:*:*:*",
      {},
      "both a version and version bounds",
    ],
  ])("reports %j vs %s as an error", (match, candidate, options, message) => {
    const r = evaluateCpeMatch(match, candidate, options);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toContain(message);
  });

  it("every cpeMatch of the real NVD records parses and none is too broad", () => {
    for (const id of ["CVE-2022-22965", "CVE-2022-3602"]) {
      const record = JSON.parse(readFileSync(join(NVD, `${id}.json`), "utf8")) as {
        configurations: { nodes: { cpeMatch: CpeAffected[] }[] }[];
      };
      const matches = record.configurations.flatMap((c) => c.nodes.flatMap((n) => n.cpeMatch));
      expect(matches.length).toBeGreaterThan(0);
      for (const match of matches) {
        const parsed = parseCpe(match.criteria);
        expect(parsed.ok, match.criteria).toBe(true);
        if (parsed.ok) {
          expect(checkCriteria(parsed.cpe)).toBeUndefined();
          expect(formatCpe(parsed.cpe)).toBe(match.criteria);
        }
      }
    }
  });
});

/** Shared reference data (test/fixtures/shared; its README names sources and licenses), as the feed tests read it. */
const NVD = join(SHARED_DATA, "feeds/nvd");

describe("parseCpe: names without quoting read like quoted ones", () => {
  // Names without `\` take a fast path; one quoted character elsewhere in the name sends it
  // through the general reader. Both must read the other ten values the same way.
  const value = fc
    .array(fc.constantFrom("a", "B", "*", "?", "-", "1", ".", "_", "~"), { maxLength: 5 })
    .map((chars) => chars.join(""));
  it("for values with wildcards anywhere, NA, ANY and empty values", () => {
    fc.assert(
      fc.property(
        fc.array(value, { minLength: 9, maxLength: 9 }),
        fc.constantFrom("a", "o", "h", "*"),
        (rest, part) => {
          const plain = parseCpe(`cpe:2.3:${part}:${rest.join(":")}:x`);
          const quoted = parseCpe(`cpe:2.3:${part}:${rest.join(":")}:\\!`);
          if (!plain.ok || !quoted.ok) {
            expect(plain.ok).toBe(quoted.ok);
            const why = (error: string) => error.slice(error.indexOf('": '));
            if (!plain.ok && !quoted.ok) expect(why(plain.error)).toBe(why(quoted.error));
            return;
          }
          const { other: _a, ...p } = plain.cpe;
          const { other: _b, ...q } = quoted.cpe;
          expect(p).toEqual(q);
        },
      ),
      { numRuns: 3000 },
    );
  });
});
