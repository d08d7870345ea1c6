/** `psirt affected <id>`: the Log4Shell day-one question, by CVE or alias, as text and JSON. */
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { FIXTURES, psirt, SHARED_DATA } from "../helpers/repo.ts";

const F = join(SHARED_DATA, "feeds");
const feedArgs = [
  ...readdirSync(join(F, "ghsa")).map((f) => join(F, "ghsa", f)),
  join(F, "nvd/CVE-2022-22965.json"),
  join(F, "kev/known_exploited_vulnerabilities.excerpt.json"),
  join(FIXTURES, "matching/osv-log4shell-synthetic.json"),
].flatMap((f) => ["--feed", f]);

describe("psirt affected", () => {
  it("lists the product versions shipping Spring4Shell and what the incident says, found by GHSA id", () => {
    const r = psirt(["affected", "GHSA-36p3-wjmg-h94x", ...feedArgs]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(
      /^CVE-2022-22965 \(GHSA-36p3-wjmg-h94x\): Remote Code Execution in Spring Framework\n/,
    );
    expect(r.stdout).toContain("  CVSS 9.8 CRITICAL · KEV since 2022-04-04\n");
    expect(r.stdout).toContain("  license-server 7.1.0  [NLS-IR-2022-0001: exploitable]\n");
    expect(r.stdout).toContain("  license-server 7.2.0  [NLS-IR-2022-0001: exploitable]\n");
    expect(r.stdout).toContain(
      "    pkg:maven/org.springframework/spring-beans@5.3.14?type=jar: affected >= 5.3.0, < 5.3.18; fixed in 5.3.18\n",
    );
    expect(r.stdout).toContain(
      "  NLS-IR-2022-0001 (closed) license-server 7.3.0: resolved: Ships Spring Framework 5.3.18",
    );
    expect(r.stdout).not.toContain("license-server 7.3.0  [");
  });

  it("answers in JSON for Log4Shell", () => {
    const r = psirt(["affected", "CVE-2021-44228", ...feedArgs, "--format", "json"]);
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report).toMatchObject({
      query: "CVE-2021-44228",
      id: "CVE-2021-44228",
      aliases: ["TEST-LOG4SHELL"],
      kev: { dateAdded: "2021-12-10" },
      versions: [
        {
          product: "license-server",
          productVersion: "7.1.0",
          new: false,
          known: { incident: "NLS-IR-2021-0001", analysis: "exploitable" },
          components: [
            { purl: "pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1?type=jar", fixed: ["2.15.0"] },
          ],
        },
      ],
    });
    expect(
      report.statements.map((s: { product: string; state: string }) => `${s.product} ${s.state}`),
    ).toContain("iot-gateway not_affected");
  });

  it("without a feed record, still gives KEV, EPSS and what the incidents say", () => {
    const r = psirt([
      "affected",
      "CVE-2021-44228",
      "--feed",
      join(F, "kev/known_exploited_vulnerabilities.excerpt.json"),
      "--feed",
      join(F, "epss/epss_scores.excerpt.csv"),
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(
      /^CVE-2021-44228: no feed record names this id \(pull feeds or pass --feed\), so no SBOM was matched\n {2}KEV since 2021-12-10 · EPSS 0\.99999 \(percentile 1\)\n/,
    );
    expect(r.stdout).toContain(
      "  NLS-IR-2021-0001 (closed) license-server 7.1.0: exploitable: Ships log4j-core 2.14.1",
    );
  });

  it("says when the only record of the id is withdrawn", () => {
    const r = psirt(["affected", "GHSA-32vw-r77c-gm67", ...feedArgs]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(
      /^GHSA-32vw-r77c-gm67: its feed record is withdrawn, so nothing is matched against it\n/,
    );
  });

  it("says when no record names the id; usage errors exit 2", () => {
    const r = psirt(["affected", "CVE-2000-0001", ...feedArgs]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      "CVE-2000-0001: no feed record names this id (pull feeds or pass --feed), so no SBOM was matched\n\n" +
        "No incident lists this vulnerability.\n",
    );
    expect(psirt(["affected"]).code).toBe(2);
    expect(psirt(["affected", "a", "b"]).code).toBe(2);
    expect(psirt(["affected", "CVE-2021-44228", "--format", "sarif"]).code).toBe(2);
  });
});
