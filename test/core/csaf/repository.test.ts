/**
 * Invariant over the repository's own data: every advisory the site would publish (at any date
 * from now on) converts to a valid CSAF security advisory, and to a valid VEX document where it
 * has not-affected statements.
 */
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { toCsaf } from "../../../scripts/core/csaf/document.ts";
import { csafFileName } from "../../../scripts/core/csaf/filename.ts";
import { stableStringify } from "../../../scripts/core/csaf/json.ts";
import { formatCsafProblems, validateCsaf } from "../../../scripts/core/csaf/validate.ts";
import { toCsafVex } from "../../../scripts/core/csaf/vex.ts";
import { publishedAdvisories } from "../../../scripts/core/publish/select.ts";
import { EXAMPLE, validateDir } from "../../helpers/repo.ts";

/** Far enough ahead that every embargo has passed: the set published now or later. */
const FUTURE = new Date("2100-01-01T00:00:00Z");

const hasAdvisories =
  existsSync(join(EXAMPLE, "advisories")) && readdirSync(join(EXAMPLE, "advisories")).length > 0;

describe.skipIf(!hasAdvisories)("the repository's published advisories as CSAF", async () => {
  const { model } = await validateDir(EXAMPLE, FUTURE);
  const published = publishedAdvisories(model, FUTURE);

  it("has published advisories to convert", () => {
    expect(published.length).toBeGreaterThan(0);
  });

  it.each(published.map((a) => [a.data.id, a] as const))(
    "%s converts to a valid CSAF document (and VEX)",
    async (_id, adv) => {
      const docs = [toCsaf(model, adv), toCsafVex(model, adv)].filter((d) => d !== undefined);
      for (const doc of docs) {
        const result = await validateCsaf(doc);
        expect(formatCsafProblems(result.errors), doc.document.tracking.id).toBe("");
        expect(result.valid).toBe(true);
        const avoidable = result.warnings.filter((w) => /_6_2_(1|11|12|13|17)$/.test(w.test));
        expect(formatCsafProblems(avoidable), doc.document.tracking.id).toBe("");
        expect(stableStringify(doc)).not.toContain("CVSS:4.0");
      }
    },
  );

  it("gives every document its own file name", () => {
    const names = published.flatMap((a) =>
      [toCsaf(model, a), toCsafVex(model, a)]
        .filter((d) => d !== undefined)
        .map((d) => csafFileName(d.document.tracking.id)),
    );
    expect(new Set(names).size).toBe(names.length);
  });
});
