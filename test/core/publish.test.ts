/**
 * The publication rule's dates (the build's data date moves to an embargo that has lifted) and the
 * model the build hands the site.
 */
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { dataDate, publishedAdvisories } from "../../scripts/core/publish/select.ts";
import { siteModel } from "../../scripts/core/publish/site-model.ts";
import { readSiteModel, writeSiteModel } from "../../scripts/io/site-model.ts";
import { deriveSiteData } from "../../site/src/lib/site-data.ts";
import { EXAMPLE, validateDir } from "../helpers/repo.ts";

describe("dataDate", () => {
  it("keeps the commit date until an embargo lifts, then moves to the embargo date", async () => {
    const { model } = await validateDir(EXAMPLE);
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

describe("site model", () => {
  it("hands the site the published advisories only, no incident, and survives the file round trip", async () => {
    const { model } = await validateDir(EXAMPLE);
    const now = new Date("2026-11-23T10:00:00Z");
    const published = publishedAdvisories(model, now);
    const file = join(mkdtempSync(join(tmpdir(), "psirt-site-model-")), "site-model.bin");
    writeSiteModel(file, siteModel(model, published));
    const bytes = readFileSync(file).toString("latin1");
    for (const canary of [
      "CANARY-EMBARGO-91c2",
      "CANARY-AMBER-4d8e",
      "CANARY-DRAFT-7f3a",
      "NLS-IR-2026-0001",
    ])
      expect(bytes).not.toContain(canary);

    const read = readSiteModel(file);
    expect(read.advisories.map((a) => a.data.id)).toEqual(published.map((a) => a.data.id));
    expect(read.incidents).toEqual([]);
    expect(read.vendor?.data).toEqual(model.vendor?.data);
    expect([...read.products.keys()]).toEqual([...model.products.keys()]);
    // Dates and bodies come back as they were; the site derives the same pages from either model.
    expect(read.advisories[0]!.data).toEqual(published[0]!.data);
    expect(read.advisories[0]!.body).toBe(published[0]!.body);
    expect(read.advisories[0]!.positions.at("/title")).toEqual({ line: 1, column: 1 });
    const pages = (m: typeof model) =>
      deriveSiteData(m, now).advisories.map(({ doc: _, view: { advisory: __, ...view }, ...rest }) => ({
        ...rest,
        view,
      }));
    expect(pages(read)).toEqual(pages(model));
  });
});
