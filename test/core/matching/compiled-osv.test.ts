/**
 * The prepared OSV evaluation decides exactly what evaluateOsv decides, on random ranges (all event
 * kinds, limits, explicit versions, SEMVER ranges) and random versions of every ecosystem scheme;
 * where evaluateOsv reports a problem, the prepared one defers (undefined).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { OsvEvent, OsvRange } from "../../../scripts/core/feeds/types.ts";
import { evaluateOsv } from "../../../scripts/core/match/osv-range.ts";
import { compileAffected } from "../../../scripts/core/matching/compiled-osv.ts";
import { memoScheme } from "../../../scripts/core/matching/memo-scheme.ts";
import { getScheme, type SchemeName } from "../../../scripts/core/versions/index.ts";

const VERSIONS: Record<string, string[]> = {
  semver: ["0.0.1", "1.0.0-alpha", "1.0.0", "1.2.3", "1.2.4-rc.1", "2.0.0", "10.0.0", "bad..", "v1.0.0"],
  go: ["0.0.0-20210405180319-a5a99cb37ef4", "v0.17.0", "0.16.0", "1.0.0", "v1", "x"],
  maven: ["1.0-alpha", "1.0", "1.0-sp1", "1.0.1", "5.2.20.RELEASE", "5.3.17", "2.0-beta9", "abc"],
  pep440: ["1.0.dev1", "1.0a1", "1.0", "1.0.post1", "1!0.5", "2.0", "not a version"],
  dpkg: ["1:1.0-1", "1.0~rc1-1", "1.0-1", "1.0-2", "2.0", "0:1.0-1", "!bad"],
  generic: ["1.0", "1.0alpha", "1.1.1k", "1.1.1t", "2", ""],
};

const event = (values: string[]): fc.Arbitrary<OsvEvent> =>
  fc.oneof(
    fc.constantFrom(...values).map((v) => ({ introduced: v })),
    fc.constant({ introduced: "0" }),
    fc.constantFrom(...values).map((v) => ({ fixed: v })),
    fc.constantFrom(...values).map((v) => ({ last_affected: v })),
    fc.constantFrom(...values, "*").map((v) => ({ limit: v })),
  );

const range = (values: string[]): fc.Arbitrary<OsvRange> =>
  fc.record({
    type: fc.constantFrom("ECOSYSTEM", "ECOSYSTEM", "SEMVER", "GIT") as fc.Arbitrary<OsvRange["type"]>,
    events: fc.array(event(values), { minLength: 1, maxLength: 5 }),
  });

describe("compileAffected", () => {
  for (const name of Object.keys(VERSIONS) as SchemeName[]) {
    it(`agrees with evaluateOsv for ${name}`, () => {
      const values = [...VERSIONS[name]!, ...VERSIONS.semver!.slice(0, 3)];
      const scheme = memoScheme(getScheme(name));
      let decided = 0;
      let hits = 0;
      fc.assert(
        fc.property(
          fc.array(range(values), { maxLength: 3 }),
          fc.array(fc.constantFrom(...values), { maxLength: 2 }),
          fc.constantFrom(...values),
          (ranges, versions, version) => {
            const affected = { ranges, versions };
            const reference = evaluateOsv(version, affected, scheme);
            const compiled = compileAffected(affected, scheme);
            const answer = compiled?.(version);
            if (answer === undefined) return;
            decided++;
            if (answer) hits++;
            expect(reference.problems).toEqual([]);
            expect(answer).toBe(reference.affected);
          },
        ),
        { numRuns: 2000 },
      );
      // The comparison is not vacuous: many cases are decided, both ways.
      expect(decided).toBeGreaterThan(300);
      expect(hits).toBeGreaterThan(50);
      expect(decided - hits).toBeGreaterThan(50);
    });
  }

  it("prepares the common cases and defers on unparsable input", () => {
    const semver = memoScheme(getScheme("semver"));
    const minimist = compileAffected(
      {
        ranges: [
          { type: "ECOSYSTEM", events: [{ introduced: "1.0.0" }, { fixed: "1.2.6" }] },
          { type: "ECOSYSTEM", events: [{ introduced: "0" }, { fixed: "0.2.4" }] },
        ],
        versions: [],
      },
      semver,
    )!;
    expect(["0.0.8", "0.2.4", "1.2.5", "1.2.6"].map(minimist)).toEqual([true, false, true, false]);
    expect(minimist("latest")).toBeUndefined();
    expect(
      compileAffected({ ranges: [{ type: "ECOSYSTEM", events: [{ fixed: "x.y" }] }], versions: [] }, semver),
    ).toBeUndefined();
  });
});
