/** The treatment urgency rule: one row of the documented table per case, and its inputs. */
import { describe, expect, it } from "vitest";
import { Incident } from "../../../schemas/incident.ts";
import { recommendTreatment, type UrgencyInput, urgencyInput } from "../../../scripts/core/check/urgency.ts";

const base: UrgencyInput = { exposure: "internal", exposureAssumed: false };

describe("recommendTreatment", () => {
  it.each<[string, Partial<UrgencyInput>, string, number]>([
    [
      "nothing affected, even if KEV-listed",
      { exposure: "none", kevDateAdded: "2026-01-01", cvss: 10 },
      "planned_release",
      1,
    ],
    ["KEV-listed, local product", { exposure: "local", kevDateAdded: "2026-01-01" }, "immediate_fix", 2],
    ["CVSS 9.8 internal", { cvss: 9.8 }, "immediate_fix", 3],
    ["CVSS 9.8 local", { cvss: 9.8, exposure: "local" }, "planned_release", 6],
    ["CVSS 7.5 internet", { cvss: 7.5, exposure: "internet" }, "immediate_fix", 4],
    ["CVSS 7.5 internal", { cvss: 7.5 }, "planned_release", 6],
    ["CVSS 6.9 internet", { cvss: 6.9, exposure: "internet" }, "planned_release", 6],
    ["EPSS 0.1 internal", { cvss: 5, epss: 0.1 }, "immediate_fix", 5],
    ["EPSS percentile 0.95 internet", { epssPercentile: 0.95, exposure: "internet" }, "immediate_fix", 5],
    ["EPSS 0.09, percentile 0.94", { cvss: 5, epss: 0.09, epssPercentile: 0.94 }, "planned_release", 6],
    ["EPSS high on a local product", { epss: 0.5, exposure: "local" }, "planned_release", 6],
    ["no score, no intel", {}, "planned_release", 6],
  ])("%s → %s (row %i)", (_, input, decision, row) => {
    const u = recommendTreatment({ ...base, ...input });
    expect([u.decision, u.row]).toEqual([decision, row]);
    expect(u.reason.length).toBeGreaterThan(10);
  });
});

describe("urgencyInput", () => {
  const products = new Map([
    ["server", { exposure: "internet" as const }],
    ["agent", { exposure: "local" as const }],
  ]);
  const incident = (extra: object) =>
    Incident.parse({
      id: "EXC-IR-2026-0001",
      title: "t",
      state: "analysis",
      source: { type: "internal" },
      received: "2026-01-01",
      ...extra,
    });

  it("takes the highest CVSS of the incident and its analyses, and the widest affected exposure", () => {
    const input = urgencyInput(
      incident({
        cvss: { v3: { vector: "CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H" } },
        analysis: [
          { product: "agent", versions: "*", state: "exploitable" },
          {
            product: "server",
            versions: "*",
            state: "in_triage",
            cvss: { v3: { vector: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H" } },
          },
          { product: "server", versions: "<1", state: "not_affected", justification: "code_not_present" },
        ],
        intel: { kev_date_added: "2026-02-01", epss: 0.3 },
      }),
      products,
    );
    expect(input).toEqual({
      cvss: 9.8,
      kevDateAdded: "2026-02-01",
      epss: 0.3,
      epssPercentile: undefined,
      exposure: "internet",
      exposureAssumed: false,
    });
  });

  it("counts only exploitable and in_triage analyses; none affected → exposure none", () => {
    const input = urgencyInput(
      incident({ analysis: [{ product: "server", versions: "*", state: "resolved" }] }),
      products,
    );
    expect(input.exposure).toBe("none");
    const local = urgencyInput(
      incident({ analysis: [{ product: "agent", versions: "*", state: "exploitable" }] }),
      products,
    );
    expect(local.exposure).toBe("local");
  });

  it("assumes internet exposure before any analysis", () => {
    const input = urgencyInput(incident({}), products);
    expect([input.exposure, input.exposureAssumed]).toEqual(["internet", true]);
    expect(recommendTreatment({ ...input, cvss: 7 }).reason).toMatch(/exposure assumed/);
  });
});
