/**
 * The real GHSA and NVD records of the shared data (test/fixtures/shared/feeds) against the
 * real-world SBOMs give exactly the findings documented in its README ("Matching facts in these
 * SBOMs"), and nothing else.
 */
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { SessionResult } from "../../../scripts/core/matching/session.ts";
import type { Match } from "../../../scripts/core/matching/types.ts";
import { brief, GHSA_FILES, NVD_FILES, REAL_WORLD, sbomTarget, sessionWith } from "./helpers.ts";

let result: SessionResult;
const of = (product: string) => result.matches.filter((m) => m.product === product);

beforeAll(async () => {
  const session = sessionWith([...GHSA_FILES, ...NVD_FILES]);
  const targets = await Promise.all(
    [
      "cern-lhc-vdm-editor-e564943.npm.cdx-1.2.json",
      "juice-shop-v11.1.2.npm.cdx-1.2.json",
      "juice-shop-14.1.1.npm.cdx-1.6.flat.json",
      "keycloak-10.0.2.maven.cdx-1.2.json",
      "proton-bridge-v1.8.0.golang.cdx-1.2.json",
      "demo-dev-dependencies.npm.cdx-1.5.flat.json",
      "demo-package-integrity.npm.cdx-1.6.flat.json",
    ].map((f) => sbomTarget(join(REAL_WORLD, f))),
  );
  result = session.run(targets, []);
});

describe("real GHSA + NVD records against real SBOMs", () => {
  it("CERN vdm-editor: minimist 0.0.8 is affected by GHSA-xvch-5gv4-984h (< 0.2.4)", () => {
    expect(brief(of("lhc-vdm-editor"))).toEqual([
      "CVE-2021-44906 lhc-vdm-editor 0.0.1 pkg:npm/minimist@0.0.8",
    ]);
    expect(of("lhc-vdm-editor")[0]).toMatchObject({
      aliases: ["GHSA-xvch-5gv4-984h"],
      affected: "< 0.2.4",
      fixed: ["0.2.4"],
      matchedBy: "purl",
      confidence: "high",
    });
  });

  it("Juice Shop v11.1.2: minimist 0.2.1 and 1.2.5, each against its own range", () => {
    const found = of("juice-shop").filter((m) => m.productVersion === "11.1.2");
    expect(brief(found)).toEqual([
      "CVE-2021-44906 juice-shop 11.1.2 pkg:npm/minimist@0.2.1",
      "CVE-2021-44906 juice-shop 11.1.2 pkg:npm/minimist@1.2.5",
    ]);
    expect(found.map((m) => [m.version, m.affected, m.fixed])).toEqual([
      ["0.2.1", "< 0.2.4", ["0.2.4"]],
      ["1.2.5", ">= 1.0.0, < 1.2.6", ["1.2.6"]],
    ]);
  });

  it("Juice Shop 14.1.1: minimist 0.2.4 (= the fix) and 1.2.8 are not affected", () => {
    expect(of("juice-shop").filter((m) => m.productVersion === "14.1.1")).toEqual([]);
  });

  it("Keycloak 10.0.2: Spring4Shell in spring-beans, spring-webmvc and spring-boot-starter-web; no log4j-core", () => {
    const keycloak = of("org.keycloak/keycloak-parent");
    expect(
      keycloak.every((m) => m.id === "CVE-2022-22965" && m.aliases.includes("GHSA-36p3-wjmg-h94x")),
    ).toBe(true);
    expect(brief(keycloak).map((l) => l.split(" ")[3])).toEqual([
      "pkg:maven/org.springframework.boot/spring-boot-starter-web@1.5.16.RELEASE?type=jar",
      "pkg:maven/org.springframework.boot/spring-boot-starter-web@1.5.20.RELEASE?type=jar",
      "pkg:maven/org.springframework.boot/spring-boot-starter-web@2.0.5.RELEASE?type=jar",
      "pkg:maven/org.springframework/spring-beans@3.2.13.RELEASE?type=jar",
      "pkg:maven/org.springframework/spring-beans@4.3.18.RELEASE?type=jar",
      "pkg:maven/org.springframework/spring-beans@4.3.19.RELEASE?type=jar",
      "pkg:maven/org.springframework/spring-beans@4.3.23.RELEASE?type=jar",
      "pkg:maven/org.springframework/spring-beans@5.0.5.RELEASE?type=jar",
      "pkg:maven/org.springframework/spring-beans@5.0.9.RELEASE?type=jar",
      "pkg:maven/org.springframework/spring-webmvc@4.3.19.RELEASE?type=jar",
      "pkg:maven/org.springframework/spring-webmvc@4.3.23.RELEASE?type=jar",
      "pkg:maven/org.springframework/spring-webmvc@5.0.9.RELEASE?type=jar",
    ]);
    expect(keycloak.some((m) => m.purl?.includes("log4j"))).toBe(false);
    // Maven ordering: 5.0.9.RELEASE < 5.2.20.RELEASE (the first range's fix).
    expect(keycloak.find((m) => m.version === "5.0.9.RELEASE")).toMatchObject({
      affected: "< 5.2.20.RELEASE",
      fixed: ["5.2.20.RELEASE"],
    });
  });

  it("Proton Bridge: the x/net pseudo-version (v-prefixed purl) is below 0.17.0 (GHSA without v)", () => {
    expect(brief(of("github.com/ProtonMail/proton-bridge"))).toEqual([
      "CVE-2023-39325 github.com/ProtonMail/proton-bridge v1.8.0 pkg:golang/golang.org/x/net@v0.0.0-20210405180319-a5a99cb37ef4",
    ]);
  });

  it("finds nothing else: the demos and every other record stay silent", () => {
    expect(result.matches).toHaveLength(1 + 2 + 12 + 1);
    expect(new Set(result.matches.map((m: Match) => m.id))).toEqual(
      new Set(["CVE-2021-44906", "CVE-2022-22965", "CVE-2023-39325"]),
    );
  });

  it("skips the withdrawn record and reports no errors", () => {
    expect(result.stats.withdrawn).toBe(1);
    expect(result.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  });
});
