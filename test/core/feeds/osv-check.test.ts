/**
 * The fast OSV record check is never more lenient than the zod schema: whatever it accepts, the
 * schema accepts. Checked on the real GHSA records, the bad fixtures, and many random mutations.
 */
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { osvRecordSchema } from "../../../scripts/core/feeds/schema/osv.ts";
import { isOsvRecord } from "../../../scripts/core/feeds/schema/osv-check.ts";
import { bytes, FEEDS, FIXTURES, fixture, jsonFiles } from "./helpers.ts";

const json = (b: Uint8Array): unknown => JSON.parse(new TextDecoder().decode(b));
const real = jsonFiles(join(FEEDS, "ghsa")).map((f) => json(bytes(f)));

describe("isOsvRecord", () => {
  it("accepts every real GHSA record (the fast path is the common path)", () => {
    for (const record of real) expect(isOsvRecord(record)).toBe(true);
  });

  it("rejects the invalid records of the fixtures, as zod does, and accepts the valid ones", () => {
    for (const value of [
      json(fixture("osv-missing-id.json")),
      json(bytes(join(FIXTURES, "../matching/osv-bad-input.json"))),
    ]) {
      for (const record of Array.isArray(value) ? value : [value]) {
        expect(isOsvRecord(record)).toBe(osvRecordSchema.safeParse(record).success);
      }
    }
  });

  it("is never more lenient than the schema, on random mutations of real records", () => {
    const values = fc.oneof(
      fc.constant(undefined),
      fc.constant(null),
      fc.string(),
      fc.integer(),
      fc.boolean(),
      fc.constant([]),
      fc.constant({}),
      fc.array(fc.string(), { maxLength: 2 }),
      fc.constant("ECOSYSTEM"),
      fc.constant({ introduced: "1", fixed: "2" }),
      fc.constant(Object.create(Array.prototype)),
    );
    /** Paths to every node of a JSON value. */
    const paths = (v: unknown, prefix: (string | number)[] = []): (string | number)[][] => {
      const out: (string | number)[][] = [prefix];
      if (Array.isArray(v)) {
        for (const [i, x] of v.entries()) out.push(...paths(x, [...prefix, i]));
      } else if (v && typeof v === "object")
        for (const [k, x] of Object.entries(v)) out.push(...paths(x, [...prefix, k]));
      return out;
    };
    fc.assert(
      fc.property(fc.nat(real.length - 1), fc.nat(), values, fc.boolean(), (r, p, value, remove) => {
        const record = structuredClone(real[r]) as Record<string, unknown>;
        const all = paths(record).filter((x) => x.length > 0);
        const path = all[p % all.length]!;
        let node = record as Record<string | number, unknown>;
        for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
        const last = path.at(-1)!;
        if (remove && !Array.isArray(node)) delete node[last];
        else node[last] = value;
        if (isOsvRecord(record)) expect(osvRecordSchema.safeParse(record).success).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });
});
