/** The pure planners behind the scaffolding commands (also used by `match --create-incidents`). */
import { describe, expect, it } from "vitest";
import { CliError } from "../../scripts/core/exit-codes.ts";
import { planAdvisory } from "../../scripts/core/scaffold/advisory.ts";
import { nextId } from "../../scripts/core/scaffold/ids.ts";
import { planIncident } from "../../scripts/core/scaffold/incident.ts";
import { tempRepo, validateDir } from "../helpers/repo.ts";

const NOW = new Date("2026-11-20T10:00:00Z");

describe("nextId", () => {
  it("continues after the highest number of that prefix, kind and year", () => {
    const taken = [
      "EXC-IR-2026-0001",
      "EXC-IR-2026-0009",
      "EXC-IR-2025-0042",
      "OTH-IR-2026-0050",
      "EXC-SA-2026-0030",
    ];
    expect(nextId("EXC", "IR", 2026, taken)).toBe("EXC-IR-2026-0010");
    expect(nextId("EXC", "IR", 2024, taken)).toBe("EXC-IR-2024-0001");
    expect(nextId("EXC", "IR", 2026, ["EXC-IR-2026-9999"])).toBe("EXC-IR-2026-10000");
  });
});

describe("planIncident", () => {
  it("plans several incidents in one run when the caller reserves the ids it planned", async () => {
    const { model } = await validateDir(tempRepo(), NOW);
    const input = {
      title: "log4j-core 2.14.1 in widget 1.0.0 (GHSA-jfh8-c2jp-5v3q)",
      source: { type: "feed_match" as const, reference: "GHSA-jfh8-c2jp-5v3q" },
      vulnerabilities: ["CVE-2021-44228", "GHSA-jfh8-c2jp-5v3q"],
      products: [{ product: "widget", versions: "1.0.0" }],
      intel: { kev_date_added: "2021-12-10", epss: 0.97 },
      note: "Opened by match from the OSV feed.",
    };
    const first = planIncident(model, input, NOW);
    const second = planIncident(model, { ...input, received: "2026-11-19" }, NOW, { taken: [first.id] });
    expect([first.id, second.id]).toEqual(["EXC-IR-2026-0002", "EXC-IR-2026-0003"]);
    expect(first.path).toBe("incidents/2026/EXC-IR-2026-0002.yaml");
    expect(first.data).toMatchObject({
      state: "new",
      received: "2026-11-20",
      intel: { kev_date_added: "2021-12-10", epss: 0.97 },
      timeline: [{ date: "2026-11-20", event: "received", note: "Opened by match from the OSV feed." }],
    });
    expect(first.text).toContain("vulnerabilities: [CVE-2021-44228, GHSA-jfh8-c2jp-5v3q]\n");
  });

  it("throws usage errors (exit 2) for input that cannot validate", async () => {
    const { model } = await validateDir(tempRepo(), NOW);
    const plan = (extra: object) => () =>
      planIncident(model, { title: "t", source: { type: "internal" }, ...extra }, NOW);
    expect(plan({ received: "2026-12-01" })).toThrow(/in the future/);
    expect(plan({ id: "OTH-IR-2026-0005" })).toThrow(/must look like EXC-IR-2026-NNNN/);
    expect(plan({ products: [{ product: "widget", versions: "<<1" }] })).toThrow(/does not parse/);
    try {
      plan({ title: "" })();
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(CliError);
      expect((error as CliError).exitCode).toBe(2);
    }
  });
});

describe("planAdvisory", () => {
  it("warns instead of listing a fixed version the inventory does not ship yet", async () => {
    const root = tempRepo();
    const { model } = await validateDir(root, NOW);
    const incident = model.incidents[0]!;
    const data = {
      ...incident.data,
      advisory: undefined,
      analysis: [
        { product: "widget", versions: ">=1.0.0", state: "exploitable" as const, fixed_in: "2.0.0" },
      ],
    };
    const planned = planAdvisory(model, { ...incident, data }, "id: x\n", {}, NOW);
    expect(planned.warnings.join("\n")).toContain(
      "fixed_in 2.0.0 of widget is not in inventory/products/widget.yaml",
    );
    expect(planned.text).toContain("details: Update Example Widget to 2.0.0 or later.");
    expect(planned.text).not.toMatch(/fixed:/);
    expect(planned.incident.text).toBe("id: x\nadvisory: EXC-SA-2026-0002\n");
  });
});
