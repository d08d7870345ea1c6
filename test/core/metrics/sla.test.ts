/** SLA breaches, severities, filters and age buckets over synthetic incidents. */
import { describe, expect, it } from "vitest";
import { bucketOf, computeMetrics } from "../../../scripts/core/metrics/compute.ts";
import {
  daysBetween,
  incidentFacts,
  incidentSeverity,
} from "../../../scripts/core/metrics/incident-facts.ts";
import { breachesOf, targetDays } from "../../../scripts/core/metrics/sla.ts";
import { incident, modelOf, VENDOR } from "./helpers.ts";

const NOW = new Date("2026-03-01T00:00:00Z"); // 59 days after 2026-01-01
const targets = VENDOR.response_targets!;

describe("SLA breaches", () => {
  it("a measured time over the target is late; at the target is not a breach", () => {
    const inc = incident({
      state: "closed",
      resolution: "fixed",
      severity: "critical",
      timeline: [
        { date: "2026-01-01", event: "received" },
        { date: "2026-01-03", event: "triaged" }, // 2 days = target 2: ok
        { date: "2026-01-16", event: "fix_available" }, // 15 days > 14: late
        { date: "2026-01-31", event: "advisory_published" }, // 30 days = 30: ok
      ],
    });
    expect(breachesOf(incidentFacts(inc, NOW), targets)).toEqual([
      { incident: inc.id, severity: "critical", kind: "fix", targetDays: 14, days: 15, status: "late" },
    ]);
  });

  it("an open incident is overdue once its age exceeds a target whose event has not happened", () => {
    const inc = incident({
      state: "remediation",
      severity: "high",
      timeline: [
        { date: "2026-01-01", event: "received" },
        { date: "2026-01-02", event: "triaged" },
      ],
    });
    // age 59 days: triage measured (1 ≤ 3), fix overdue (59 > 30), disclosure not yet (59 ≤ 60)
    expect(breachesOf(incidentFacts(inc, NOW), targets)).toEqual([
      { incident: inc.id, severity: "high", kind: "fix", targetDays: 30, days: 59, status: "overdue" },
    ]);
    const later = new Date("2026-03-03T00:00:00Z"); // age 61 > 60
    expect(breachesOf(incidentFacts(inc, later), targets).map((b) => b.kind)).toEqual(["fix", "disclose"]);
  });

  it("a closed incident without the event never breaches (not affected, rejected, duplicate)", () => {
    const inc = incident({
      state: "closed",
      resolution: "not_affected",
      severity: "critical",
      timeline: [
        { date: "2026-01-01", event: "received" },
        { date: "2026-01-02", event: "triaged" },
        { date: "2026-02-20", event: "closed" },
      ],
    });
    expect(breachesOf(incidentFacts(inc, NOW), targets)).toEqual([]);
  });

  it("a measured time counts for an open incident too", () => {
    const inc = incident({
      state: "disclosure",
      severity: "medium",
      timeline: [
        { date: "2026-01-01", event: "received" },
        { date: "2026-01-10", event: "triaged" }, // 9 > 5
      ],
    });
    expect(breachesOf(incidentFacts(inc, NOW), targets)).toEqual([
      { incident: inc.id, severity: "medium", kind: "triage", targetDays: 5, days: 9, status: "late" },
    ]);
  });

  it("an untriaged incident is held to the strictest triage target and to no other", () => {
    expect(targetDays(targets, "unknown", "triage")).toBe(2);
    expect(targetDays(targets, "unknown", "fix")).toBeUndefined();
    expect(targetDays(targets, "none", "triage")).toBeUndefined();
    const inc = incident({ state: "triage", timeline: [{ date: "2026-01-01", event: "received" }] });
    expect(breachesOf(incidentFacts(inc, NOW), targets)).toEqual([
      { incident: inc.id, severity: "unknown", kind: "triage", targetDays: 2, days: 59, status: "overdue" },
    ]);
  });

  it("a vendor without response targets has no breaches", () => {
    const { response_targets: _, ...noTargets } = VENDOR;
    const inc = incident({ state: "new", severity: "critical" });
    const m = computeMetrics(modelOf([inc], noTargets), { now: NOW });
    expect(m.breaches).toEqual([]);
    expect(m.targets.critical).toEqual({});
  });
});

describe("incident facts", () => {
  it("takes the severity from the triage field, else from CVSS (v4 before v3), else unknown", () => {
    expect(incidentSeverity(incident({ severity: "low" }))).toEqual({ severity: "low", from: "severity" });
    const v3 = { vector: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H" }; // 9.8 critical
    const v4 = { vector: "CVSS:4.0/AV:L/AC:L/AT:N/PR:N/UI:A/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N" }; // 8.4 high
    expect(incidentSeverity(incident({ cvss: { v3 } }))).toEqual({ severity: "critical", from: "cvss" });
    expect(incidentSeverity(incident({ cvss: { v3, v4 } }))).toEqual({ severity: "high", from: "cvss" });
    expect(incidentSeverity(incident({}))).toEqual({ severity: "unknown", from: "none" });
  });

  it("measures from `received` to the FIRST ending event, in days (hundredths for date-times)", () => {
    const inc = incident({
      received: "2026-01-01",
      timeline: [
        { date: "2026-01-05", event: "fix_available" },
        { date: "2026-01-03", event: "fix_available" },
        { date: "2026-01-02T12:00:00Z", event: "triaged" },
      ],
    });
    expect(incidentFacts(inc, NOW).days).toEqual({ triage: 1.5, fix: 2 });
    expect(daysBetween("2026-01-01", "2026-01-01T08:00:00Z")).toBe(0.33);
  });
});

describe("metrics over synthetic incidents", () => {
  it("uses CVSS severity in the counts, filters by --since and buckets open incidents by age", () => {
    const a = incident({ received: "2025-12-01", state: "new" }); // age 90 → over 90 days bucket
    const b = incident({ received: "2026-02-22", state: "triage", severity: "low" }); // age 7 → 7–30
    const c = incident({ received: "2026-02-23", state: "analysis", severity: "low" }); // age 6 → < 7
    const d = incident({
      received: "2026-01-31",
      state: "closed",
      resolution: "rejected",
      cvss: { v3: { vector: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H" } }, // 7.5 high
    });
    const m = computeMetrics(modelOf([a, b, c, d]), { now: NOW });
    expect(m.bySeverity).toEqual({ critical: 0, high: 1, medium: 0, low: 2, none: 0, unknown: 1 });
    expect(m.openByAge).toEqual({ under_7d: 1, "7_to_30d": 1, "30_to_90d": 0, over_90d: 1 });
    expect(m.incidents.map((f) => f.id)).toEqual([a.id, d.id, b.id, c.id]);

    const since = computeMetrics(modelOf([a, b, c, d]), { now: NOW, since: "2026-02-22" });
    expect(since.total).toBe(2);
    expect(since.since).toBe("2026-02-22");
    expect(since.incidents.map((f) => f.id)).toEqual([b.id, c.id]);
  });

  it("puts bucket boundaries in the upper bucket", () => {
    expect([0, 6.99, 7, 29.99, 30, 89.99, 90, 400].map(bucketOf)).toEqual([
      "under_7d",
      "under_7d",
      "7_to_30d",
      "7_to_30d",
      "30_to_90d",
      "30_to_90d",
      "over_90d",
      "over_90d",
    ]);
  });
});
