/** Synthetic incidents and models for the metrics tests. */
import { Incident } from "../../../schemas/incident.ts";
import { Vendor } from "../../../schemas/vendor.ts";
import type { Model } from "../../../scripts/core/load/repository.ts";

export const VENDOR = Vendor.parse({
  name: "Test Vendor",
  namespace: "https://vendor.example",
  id_prefix: "TST",
  contact: { email: "psirt@vendor.example" },
  site: { url: "https://psirt.vendor.example/", title: "Test PSIRT" },
  response_targets: {
    critical: { triage_days: 2, fix_days: 14, disclose_days: 30 },
    high: { triage_days: 3, fix_days: 30, disclose_days: 60 },
    medium: { triage_days: 5, fix_days: 90, disclose_days: 120 },
    low: { triage_days: 10, fix_days: 180, disclose_days: 180 },
  },
});

let counter = 0;

/** An incident with defaults: received 2026-01-01, state new, external report. */
export function incident(
  fields: Partial<Record<string, unknown>> & { timeline?: { date: string; event: string }[] },
) {
  counter++;
  return Incident.parse({
    id: `TST-IR-2026-${String(counter).padStart(4, "0")}`,
    title: `Synthetic incident ${counter}`,
    state: "new",
    source: { type: "external_report" },
    received: "2026-01-01",
    ...fields,
  });
}

export function modelOf(incidents: Incident[], vendor = VENDOR): Model {
  return {
    vendor: { file: "inventory/vendor.yaml", data: vendor, positions: {} as never },
    products: new Map(),
    advisories: [],
    incidents: incidents.map((data) => ({
      file: `incidents/2026/${data.id}.yaml`,
      data,
      positions: {} as never,
    })),
    sboms: new Map(),
    paths: new Set(),
    brokenIds: new Set(),
  };
}
