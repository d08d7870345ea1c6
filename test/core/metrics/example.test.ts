/**
 * Metrics of the repository's own example data, counted by hand from incidents/*.yaml at
 * 2026-11-23 (targets from inventory/vendor.yaml: critical 2/14/30, high 3/30/60, medium 5/90/120,
 * low 10/180/180 days for triage/fix/disclose). Days = received → first triaged / fix_available /
 * advisory_published event.
 *
 * | incident | state (resolution)   | source          | sev      | triage | fix | disclose | age |
 * | 2021-0001 | closed (fixed)       | cert            | critical | 0      | 19  | 3        |     |
 * | 2021-0002 | closed (duplicate)   | customer        | critical | –      | –   | –        |     |
 * | 2022-0001 | closed (fixed)       | feed_match      | critical | 0      | 12  | 5        |     |
 * | 2022-0002 | closed (fixed)       | internal        | low      | 3      | 92  | 92       |     |
 * | 2022-0003 | closed (fixed)       | customer        | high     | 1      | 35  | 9        |     |
 * | 2023-0001 | closed (rejected)    | external_report | none     | 3      | –   | –        |     |
 * | 2023-0002 | closed (fixed)       | feed_match      | medium   | 1      | 63  | 21       |     |
 * | 2023-0003 | closed (not_affected)| feed_match      | high     | 1      | –   | –        |     |
 * | 2025-0001 | closed (fixed)       | external_report | medium   | 3      | 71  | 71       |     |
 * | 2025-0002 | closed (fixed)       | external_report | medium   | 3      | 84  | 84       |     |
 * | 2026-0001 | disclosure           | cert            | high     | 2      | 53  | –        | 140 |
 * | 2026-0002 | remediation          | internal        | high     | 1      | –   | 7        | 41  |
 * | 2026-0003 | remediation          | customer        | high     | 1      | –   | –        | 32  |
 * | 2026-0004 | analysis             | external_report | high     | 2      | –   | –        | 26  |
 * | 2026-0005 | triage               | external_report | (none)   | –      | –   | –        | 11  |
 * | 2026-0006 | new                  | external_report | (none)   | –      | –   | –        | 3   |
 *
 * e.g. 2022-0002: 2022-03-21 → 2022-06-21 = 10 (rest of March) + 30 + 31 + 21 = 92 days;
 * 2026-0001 age: 2026-07-06 → 2026-11-23 = 25 + 31 + 30 + 31 + 23 = 140 days.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { computeMetrics, type PsirtMetrics } from "../../../scripts/core/metrics/compute.ts";
import { EXAMPLE, validateDir } from "../../helpers/repo.ts";

const NOW = new Date("2026-11-23T00:00:00Z");
let m: PsirtMetrics;

beforeAll(async () => {
  const { model, findings } = await validateDir(EXAMPLE, NOW);
  expect(findings.filter((f) => f.severity === "error")).toEqual([]);
  m = computeMetrics(model, { now: NOW });
});

describe("metrics of the example data (hand count)", () => {
  it("counts incidents by state: 10 closed (2021–2025), one in each of new/triage/analysis/disclosure, 2 in remediation", () => {
    expect(m.total).toBe(16);
    expect(m.open).toBe(6); // 2026-0001 … 2026-0006
    expect(m.byState).toEqual({ new: 1, triage: 1, analysis: 1, remediation: 2, disclosure: 1, closed: 10 });
  });

  it("counts incidents by source", () => {
    // cert: 2021-0001, 2026-0001; customer: 2021-0002, 2022-0003, 2026-0003;
    // feed_match: 2022-0001, 2023-0002, 2023-0003; internal: 2022-0002, 2026-0002;
    // external_report: 2023-0001, 2025-0001, 2025-0002, 2026-0004, 2026-0005, 2026-0006
    expect(m.bySource).toEqual({ external_report: 6, internal: 2, feed_match: 3, customer: 3, cert: 2 });
  });

  it("counts incidents by severity (no incident needs the CVSS fallback; 2026-0005/0006 are not triaged)", () => {
    // critical: 2021-0001, 2021-0002, 2022-0001; high: 2022-0003, 2023-0003, 2026-0001…0004;
    // medium: 2023-0002, 2025-0001, 2025-0002; low: 2022-0002; none: 2023-0001
    expect(m.bySeverity).toEqual({ critical: 3, high: 6, medium: 3, low: 1, none: 1, unknown: 2 });
    expect(m.incidents.filter((f) => f.severityFrom === "cvss")).toEqual([]);
  });

  it("gives median and p90 time to triage per severity", () => {
    // critical [0, 0] → 0 / 0
    expect(m.times.critical.triage).toEqual({ count: 2, median: 0, p90: 0 });
    // high [1, 1, 1, 1, 2, 2] → median (1 + 1) / 2 = 1, p90 rank ⌈5.4⌉ = 6 → 2
    expect(m.times.high.triage).toEqual({ count: 6, median: 1, p90: 2 });
    // medium [1, 3, 3] → 3 / 3; low [3]; none [3] (2023-0001)
    expect(m.times.medium.triage).toEqual({ count: 3, median: 3, p90: 3 });
    expect(m.times.low.triage).toEqual({ count: 1, median: 3, p90: 3 });
    expect(m.times.none.triage).toEqual({ count: 1, median: 3, p90: 3 });
    expect(m.times.unknown.triage).toEqual({ count: 0 });
    // all 13: [0,0,1,1,1,1,1,2,2,3,3,3,3] → median 7th = 1, p90 rank ⌈11.7⌉ = 12 → 3
    expect(m.times.all.triage).toEqual({ count: 13, median: 1, p90: 3 });
  });

  it("gives median and p90 time to fix per severity", () => {
    // critical [12, 19] → median 15.5, p90 rank 2 → 19
    expect(m.times.critical.fix).toEqual({ count: 2, median: 15.5, p90: 19 });
    // high [35 (2022-0003), 53 (2026-0001)] → 44 / 53
    expect(m.times.high.fix).toEqual({ count: 2, median: 44, p90: 53 });
    // medium [63, 71, 84] → 71 / 84; low [92]
    expect(m.times.medium.fix).toEqual({ count: 3, median: 71, p90: 84 });
    expect(m.times.low.fix).toEqual({ count: 1, median: 92, p90: 92 });
    // all [12, 19, 35, 53, 63, 71, 84, 92] → median (53 + 63) / 2 = 58, p90 rank ⌈7.2⌉ = 8 → 92
    expect(m.times.all.fix).toEqual({ count: 8, median: 58, p90: 92 });
  });

  it("gives median and p90 time to disclose per severity", () => {
    // critical [3, 5] → 4 / 5; high [7 (2026-0002), 9 (2022-0003)] → 8 / 9
    expect(m.times.critical.disclose).toEqual({ count: 2, median: 4, p90: 5 });
    expect(m.times.high.disclose).toEqual({ count: 2, median: 8, p90: 9 });
    // medium [21, 71, 84] → 71 / 84; low [92]
    expect(m.times.medium.disclose).toEqual({ count: 3, median: 71, p90: 84 });
    expect(m.times.low.disclose).toEqual({ count: 1, median: 92, p90: 92 });
    // all [3, 5, 7, 9, 21, 71, 84, 92] → median (9 + 21) / 2 = 15, p90 → 92
    expect(m.times.all.disclose).toEqual({ count: 8, median: 15, p90: 92 });
  });

  it("finds the 8 SLA breaches of 7 incidents", () => {
    // triage: 2026-0005 (11 d) and 2026-0006 (3 d) untriaged, strictest target 2 d → overdue.
    // fix: 2021-0001 19 > 14, 2022-0003 35 > 30, 2026-0001 53 > 30 (late); 2026-0002 age 41 > 30,
    //   2026-0003 age 32 > 30 (overdue); 2026-0004 age 26 ≤ 30 is not yet a breach.
    // disclose: 2026-0001 age 140 > 60 (overdue; embargo agreed until 2027); every other ≤ target.
    expect(m.breaches.map((b) => [b.incident, b.kind, b.days, b.targetDays, b.status])).toEqual([
      ["NLS-IR-2021-0001", "fix", 19, 14, "late"],
      ["NLS-IR-2022-0003", "fix", 35, 30, "late"],
      ["NLS-IR-2026-0001", "fix", 53, 30, "late"],
      ["NLS-IR-2026-0001", "disclose", 140, 60, "overdue"],
      ["NLS-IR-2026-0002", "fix", 41, 30, "overdue"],
      ["NLS-IR-2026-0003", "fix", 32, 30, "overdue"],
      ["NLS-IR-2026-0005", "triage", 11, 2, "overdue"],
      ["NLS-IR-2026-0006", "triage", 3, 2, "overdue"],
    ]);
    expect(m.breachCounts.all).toEqual({ triage: 2, fix: 5, disclose: 1 });
    expect(m.breachCounts.critical).toEqual({ triage: 0, fix: 1, disclose: 0 });
    expect(m.breachCounts.high).toEqual({ triage: 0, fix: 4, disclose: 1 });
    expect(m.breachCounts.unknown).toEqual({ triage: 2, fix: 0, disclose: 0 });
  });

  it("buckets the 6 open incidents by age", () => {
    // 3 d (0006) | 11 d (0005), 26 d (0004) | 32 d (0003), 41 d (0002) | 140 d (0001)
    expect(m.openByAge).toEqual({ under_7d: 1, "7_to_30d": 2, "30_to_90d": 2, over_90d: 1 });
    expect(m.incidents.filter((f) => f.open).map((f) => f.ageDays)).toEqual([140, 41, 32, 26, 11, 3]);
  });

  it("filters by --since (received on or after): 2025-0001 onwards = 8 incidents", async () => {
    const { model } = await validateDir(EXAMPLE, NOW);
    const since = computeMetrics(model, { now: NOW, since: "2025-01-01" });
    expect(since.total).toBe(8);
    expect(since.byState.closed).toBe(2);
  });
});
