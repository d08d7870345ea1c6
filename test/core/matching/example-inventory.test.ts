/**
 * The example vendor's inventory against the shared feed samples (+ a synthetic Log4Shell record):
 * findings that the example incidents partly cover, KEV/EPSS enrichment, priorities, the affected
 * report and the incidents `--create-incidents` would write (which must validate).
 */
import { beforeAll, describe, expect, it } from "vitest";
import { loadInventory } from "../../../scripts/commands/match.ts";
import { affectedReport, formatAffectedText } from "../../../scripts/core/matching/affected.ts";
import { planIncidents } from "../../../scripts/core/matching/plan-incidents.ts";
import type { MatchSession, SessionResult } from "../../../scripts/core/matching/session.ts";
import { incidentRefs, inventoryTargets } from "../../../scripts/core/matching/targets.ts";
import { plannedErrors } from "../../../scripts/core/scaffold/check.ts";
import { listContentFiles, readFiles } from "../../../scripts/io/repo-files.ts";
import { statusText } from "../../../scripts/report/match-text.ts";
import { EXAMPLE } from "../../helpers/repo.ts";
import { EPSS_FILE, fixture, GHSA_FILES, KEV_FILE, NVD_FILES, sessionWith } from "./helpers.ts";

const NOW = new Date("2026-11-23T00:00:00Z");
let session: MatchSession;
let result: SessionResult;
let inventory: Awaited<ReturnType<typeof loadInventory>>;

const line = (m: SessionResult["matches"][number]) =>
  `${m.priority} ${m.new ? "new" : `known ${m.known!.incident} ${m.known!.analysis}`} ${m.id} ${m.product} ${m.productVersion} ${m.purl}`;

beforeAll(async () => {
  session = sessionWith([
    ...GHSA_FILES,
    ...NVD_FILES,
    KEV_FILE,
    EPSS_FILE,
    fixture("osv-log4shell-synthetic.json"),
  ]);
  inventory = await loadInventory(EXAMPLE, session);
  const targets = inventoryTargets(inventory.model, inventory.sboms, session.log);
  result = session.run(targets, incidentRefs(inventory.model));
});

describe("the example inventory against the shared feeds", () => {
  it("matches all 15 product versions and reports nothing it could not read", () => {
    expect(result.stats.sboms).toBe(15);
    expect(result.diagnostics).toEqual([]);
  });

  it("finds what the incidents cover (known, with their analysis state) and what they do not (new)", () => {
    expect(result.matches.map(line)).toEqual([
      "P1 known NLS-IR-2021-0001 exploitable CVE-2021-44228 license-server 7.1.0 pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1?type=jar",
      "P1 known NLS-IR-2022-0001 exploitable CVE-2022-22965 license-server 7.1.0 pkg:maven/org.springframework.boot/spring-boot-starter-web@2.5.1?type=jar",
      "P1 known NLS-IR-2022-0001 exploitable CVE-2022-22965 license-server 7.1.0 pkg:maven/org.springframework/spring-beans@5.3.8?type=jar",
      "P1 known NLS-IR-2022-0001 exploitable CVE-2022-22965 license-server 7.1.0 pkg:maven/org.springframework/spring-webmvc@5.3.8?type=jar",
      "P1 known NLS-IR-2022-0001 exploitable CVE-2022-22965 license-server 7.2.0 pkg:maven/org.springframework.boot/spring-boot-starter-web@2.6.2?type=jar",
      "P1 known NLS-IR-2022-0001 exploitable CVE-2022-22965 license-server 7.2.0 pkg:maven/org.springframework/spring-beans@5.3.14?type=jar",
      "P1 known NLS-IR-2022-0001 exploitable CVE-2022-22965 license-server 7.2.0 pkg:maven/org.springframework/spring-webmvc@5.3.14?type=jar",
      "P2 new CVE-2023-39325 iot-gateway 1.6.0 pkg:golang/golang.org/x/net@v0.0.0-20210805182204-aaa1db679c0d",
      "P2 new CVE-2023-39325 iot-gateway 1.8.0 pkg:golang/golang.org/x/net@v0.10.0",
      "P2 new CVE-2024-23342 iot-gateway 1.6.0 pkg:pypi/ecdsa@0.17.0",
      "P2 new CVE-2024-23342 iot-gateway 1.8.0 pkg:pypi/ecdsa@0.18.0",
      "P2 new CVE-2024-23342 iot-gateway 1.9.0 pkg:pypi/ecdsa@0.18.0",
      "P3 known NLS-IR-2022-0002 exploitable CVE-2021-44906 desktop-studio 2.4.0 pkg:npm/minimist@1.2.5",
      "P3 known NLS-IR-2022-0003 exploitable CVE-2022-3602 embedded-runtime 4.2.0 pkg:generic/openssl@3.0.5",
      "P3 known NLS-IR-2023-0002 exploitable CVE-2023-48795 iot-gateway 1.6.0 pkg:golang/golang.org/x/crypto@v0.0.0-20210711020723-a769d52b0f97",
      "P3 known NLS-IR-2023-0002 exploitable CVE-2023-48795 iot-gateway 1.6.0 pkg:pypi/paramiko@2.7.2",
      "P3 known NLS-IR-2023-0002 exploitable CVE-2023-48795 iot-gateway 1.8.0 pkg:golang/golang.org/x/crypto@v0.9.0",
      "P3 known NLS-IR-2023-0002 exploitable CVE-2023-48795 iot-gateway 1.8.0 pkg:pypi/paramiko@3.1.0",
    ]);
  });

  it("enriches from the KEV catalog and EPSS (Log4Shell: KEV 2021-12-10, EPSS 0.99999)", () => {
    const log4shell = result.matches.find((m) => m.id === "CVE-2021-44228")!;
    expect(log4shell).toMatchObject({
      aliases: ["TEST-LOG4SHELL"],
      kev: { dateAdded: "2021-12-10", dueDate: "2021-12-24" },
      epss: { score: 0.99999, percentile: 1 },
      cvss: { version: "3.1", score: 10, severity: "CRITICAL" },
      exposure: "internet",
      priority: "P1",
      affected: ">= 2.0-beta9, < 2.3.1; >= 2.4, < 2.12.2; >= 2.13.0, < 2.15.0",
      fixed: ["2.15.0"],
    });
  });

  it("takes the exposure into account: minimist in the local desktop tool is P3 despite CVSS 9.8", () => {
    const minimist = result.matches.find((m) => m.id === "CVE-2021-44906")!;
    expect(minimist).toMatchObject({ exposure: "local", cvss: { score: 9.8 }, priority: "P3" });
    expect(minimist.kev).toBeUndefined();
  });

  it("flags the CPE-only OpenSSL match as low confidence", () => {
    expect(result.matches.find((m) => m.id === "CVE-2022-3602")).toMatchObject({
      matchedBy: "cpe",
      confidence: "low",
      cpe: "cpe:2.3:a:openssl:openssl:3.0.5:*:*:*:*:*:*:*",
    });
  });
});

describe("affected <id>", () => {
  it("lists the shipping versions and every incident statement for Log4Shell, by CVE or alias", () => {
    for (const query of ["CVE-2021-44228", "test-log4shell"]) {
      const report = affectedReport(query, session.groupOf(query), result);
      expect(report.id).toBe("CVE-2021-44228");
      expect(report.versions.map((v) => `${v.product} ${v.productVersion} ${v.known?.analysis}`)).toEqual([
        "license-server 7.1.0 exploitable",
      ]);
      expect(report.statements.map((s) => `${s.incident} ${s.product} ${s.versions} ${s.state}`)).toEqual([
        "NLS-IR-2021-0001 license-server 7.1.0 exploitable",
        "NLS-IR-2021-0001 license-server 7.2.0 resolved",
        "NLS-IR-2021-0001 embedded-runtime * not_affected",
        "NLS-IR-2021-0001 desktop-studio * not_affected",
        "NLS-IR-2021-0001 iot-gateway * not_affected",
      ]);
    }
    const text = formatAffectedText(
      affectedReport("CVE-2021-44228", session.groupOf("CVE-2021-44228"), result),
    );
    expect(text).toMatch(/^CVE-2021-44228 \(TEST-LOG4SHELL\): Remote code execution/);
    expect(text).toContain("  license-server 7.1.0  [NLS-IR-2021-0001: exploitable]");
    expect(text).toContain("iot-gateway *: not_affected (code_not_present)");
  });

  it("says so for an id no record names", () => {
    const report = affectedReport("CVE-2000-0001", session.groupOf("CVE-2000-0001"), result);
    expect(report).toEqual({ query: "CVE-2000-0001", aliases: [], versions: [], statements: [] });
    expect(formatAffectedText(report)).toMatch(/no feed record names this id/);
  });
});

describe("a product version the incident does not analyse", () => {
  it("stays new, names the incident, and is left to that incident by --create-incidents", () => {
    // NLS-IR-2021-0001 as if written before license-server 7.1.0 shipped.
    const incidents = incidentRefs(inventory.model).map((ref) =>
      ref.id === "NLS-IR-2021-0001"
        ? {
            ...ref,
            data: {
              ...ref.data,
              analysis: ref.data.analysis.filter(
                (a) => !(a.product === "license-server" && a.versions === "7.1.0"),
              ),
            },
          }
        : ref,
    );
    const targets = inventoryTargets(inventory.model, inventory.sboms, session.log);
    const rerun = session.run(targets, incidents);
    const log4shell = rerun.matches.filter((m) => m.id === "CVE-2021-44228");
    expect(log4shell.map((m) => [m.productVersion, m.new, m.known])).toEqual([
      ["7.1.0", true, { incident: "NLS-IR-2021-0001", incidentState: "closed", analysis: null }],
    ]);
    expect(statusText(log4shell[0]!)).toBe(
      "NEW: NLS-IR-2021-0001 (closed) lists it but does not analyse this version",
    );
    const plan = planIncidents(inventory.model, rerun.matches, rerun.vulnerabilities, NOW);
    expect(plan.planned.flatMap((p) => p.data.vulnerabilities)).not.toContain("CVE-2021-44228");
    expect(plan.skipped).toEqual([
      "CVE-2021-44228 in license-server 7.1.0: NLS-IR-2021-0001 lists it but does not analyse this product version; add an analysis entry there",
    ]);
  });
});

describe("match --create-incidents (plan)", () => {
  it("plans one valid draft incident per new vulnerability", async () => {
    const plan = planIncidents(inventory.model, result.matches, result.vulnerabilities, NOW);
    expect(plan.skipped).toEqual([]);
    expect(plan.planned.map((p) => p.path)).toEqual([
      "incidents/2026/NLS-IR-2026-0007.yaml",
      "incidents/2026/NLS-IR-2026-0008.yaml",
    ]);
    const [xnet, ecdsa] = plan.planned.map((p) => p.data);
    expect(xnet).toMatchObject({
      state: "new",
      source: { type: "feed_match", reference: "GHSA-4374-p667-p6c8" },
      received: "2026-11-23",
      vulnerabilities: ["CVE-2023-39325", "GHSA-4374-p667-p6c8"],
      cvss: { v3: { vector: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H", score: 7.5, severity: "HIGH" } },
      analysis: [
        { product: "iot-gateway", versions: "1.6.0", state: "in_triage" },
        { product: "iot-gateway", versions: "1.8.0", state: "in_triage" },
      ],
    });
    expect(xnet!.title).toBe("CVE-2023-39325: HTTP/2 rapid reset can cause excessive work in net/http");
    expect(ecdsa!.analysis.map((a) => a.versions)).toEqual(["1.6.0", "1.8.0", "1.9.0"]);
    const files = await readFiles(EXAMPLE, await listContentFiles(EXAMPLE));
    expect(await plannedErrors(files, plan.planned, NOW)).toEqual([]);
  });

  it("copies KEV and EPSS intel and only valid v3/v4 CVSS vectors", async () => {
    // As if no incident listed it yet.
    const known = result.matches
      .filter((m) => m.id === "CVE-2021-44228")
      .map(({ known: _known, ...m }) => ({ ...m, new: true }));
    const plan = planIncidents(inventory.model, known, result.vulnerabilities, NOW);
    expect(plan.planned[0]!.data).toMatchObject({
      intel: { kev_date_added: "2021-12-10", epss: 0.99999, epss_percentile: 1 },
      cvss: { v3: { score: 10, severity: "CRITICAL" } },
    });
    const files = await readFiles(EXAMPLE, await listContentFiles(EXAMPLE));
    expect(await plannedErrors(files, plan.planned, NOW)).toEqual([]);
  });
});
