/** The publication rule's dates: the build's data date moves to an embargo that has lifted. */
import { describe, expect, it } from "vitest";
import { dataDate, publishedAdvisories } from "../../scripts/core/publish/select.ts";
import { ROOT, validateDir } from "../helpers/repo.ts";

describe("dataDate", () => {
  it("keeps the commit date until an embargo lifts, then moves to the embargo date", async () => {
    const { model } = await validateDir(ROOT);
    const commit = new Date("2026-11-23T10:00:00Z");
    // NLS-SA-2026-0002 is under embargo until 2027-10-15.
    expect(dataDate(model, commit, new Date("2027-10-14T00:00:00Z"))).toEqual({ date: commit });
    const after = dataDate(model, commit, new Date("2027-10-16T08:00:00Z"));
    expect(after.date.toISOString()).toBe("2027-10-15T00:00:00.000Z");
    expect(after.embargo).toMatch(/NLS-SA-2026-0002/);
    // Any later build of the same commit gets the same date, and publishes the advisory.
    expect(dataDate(model, commit, new Date("2028-01-01T00:00:00Z")).date).toEqual(after.date);
    expect(publishedAdvisories(model, after.date).map((a) => a.data.id)).toContain("NLS-SA-2026-0002");
    expect(publishedAdvisories(model, commit).map((a) => a.data.id)).not.toContain("NLS-SA-2026-0002");
  });
});
