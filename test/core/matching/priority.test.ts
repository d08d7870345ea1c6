/** The documented priority rule (scripts/docs/matching.md) and the CVSS/KEV/EPSS choice per vulnerability. */
import { describe, expect, it } from "vitest";
import type { IndexedRecord } from "../../../scripts/core/matching/feed-index.ts";
import { groupIntel } from "../../../scripts/core/matching/intel.ts";
import { type PriorityInput, priorityOf, priorityPoints } from "../../../scripts/core/matching/priority.ts";

describe("priority", () => {
  const p = (input: Partial<PriorityInput>) => priorityOf({ kev: false, ...input });
  it.each([
    [{ cvssScore: 9.8, kev: true, exposure: "internet" as const }, "P1", 6],
    [{ cvssScore: 9.8, exposure: "internet" as const }, "P2", 4],
    [{ cvssScore: 9.8, exposure: "internet" as const, epss: { score: 0.2, percentile: 0.9 } }, "P1", 5],
    [{ cvssScore: 9.8, exposure: "internet" as const, epss: { score: 0.01, percentile: 0.96 } }, "P1", 5],
    [{ cvssScore: 9.8, exposure: "internal" as const }, "P2", 3],
    [{ cvssScore: 9.8, exposure: "local" as const }, "P3", 2],
    [{ cvssScore: 7.5, exposure: "internal" as const }, "P3", 2],
    [{ cvssScore: 7.5, exposure: "local" as const }, "P4", 1],
    [{ cvssScore: 7.5, kev: true, exposure: "local" as const }, "P2", 3],
    [{ cvssScore: 5.9, exposure: "internet" as const }, "P3", 2],
    [{ cvssScore: 3.1 }, "P4", 0],
    [{ exposure: "internet" as const }, "P3", 2],
    [{ cvssScore: 9.0 }, "P2", 3],
    [{ cvssScore: 8.9 }, "P3", 2],
  ])("%o → %s (%d points)", (input, priority, points) => {
    expect(priorityPoints({ kev: false, ...input })).toBe(points);
    expect(p(input)).toBe(priority);
  });
});

describe("groupIntel", () => {
  const record = (over: Partial<IndexedRecord>): IndexedRecord => ({
    id: "X",
    aliases: [],
    source: "osv",
    file: "f",
    severity: [],
    packages: [],
    cpes: [],
    root: "X",
    ...over,
  });
  const group = { id: "CVE-2021-44228", aliases: ["GHSA-jfh8-c2jp-5v3q"] };

  it("scores every vector itself and keeps the highest per version; reports v3 before v4 and v2", () => {
    const intel = groupIntel(
      group,
      [
        record({
          id: "CVE-2021-44228",
          source: "nvd",
          severity: [
            { type: "CVSS_V3", vector: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", baseScore: 1.0 },
            { type: "CVSS_V2", vector: "AV:N/AC:M/Au:N/C:C/I:C/A:C", baseScore: 9.3 },
          ],
          summary: "NVD sentence.",
        }),
        record({
          id: "GHSA-jfh8-c2jp-5v3q",
          severity: [
            { type: "CVSS_V3", vector: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H" },
            { type: "CVSS_V4", vector: "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H" },
            { type: "CVSS_V3", vector: "not a vector" },
          ],
          summary: "GHSA summary",
        }),
      ],
      new Map(),
      undefined,
    );
    expect(intel.summary).toBe("GHSA summary");
    expect(intel.cvss).toEqual({
      version: "3.1",
      vector: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H",
      score: 10,
      severity: "CRITICAL",
      from: "GHSA-jfh8-c2jp-5v3q",
    });
    expect(intel.v4).toMatchObject({ version: "4.0", score: 10 });
  });

  it("takes KEV from the catalog (else the NVD record's fields) and the highest EPSS of the CVE ids", () => {
    const kev = new Map([
      [
        "CVE-2021-44228",
        {
          cve: "CVE-2021-44228",
          vendorProject: "Apache",
          product: "Log4j2",
          vulnerabilityName: "Log4Shell",
          dateAdded: "2021-12-10",
          dueDate: "2021-12-24",
          requiredAction: "Apply updates",
          knownRansomwareCampaignUse: "Known",
          cwes: [],
        },
      ],
    ]);
    const epss = {
      scores: new Map([["CVE-2021-44228", { cve: "CVE-2021-44228", epss: 0.97, percentile: 0.999 }]]),
    };
    expect(groupIntel(group, [], kev, epss)).toMatchObject({
      kev: { dateAdded: "2021-12-10", dueDate: "2021-12-24" },
      epss: { score: 0.97, percentile: 0.999 },
    });
    const fromNvd = groupIntel(
      group,
      [record({ source: "nvd", kev: { dateAdded: "2021-12-10" } })],
      new Map(),
      undefined,
    );
    expect(fromNvd.kev).toEqual({ dateAdded: "2021-12-10" });
    expect(fromNvd.epss).toBeUndefined();
  });
});
