/** The search index's records: what a published advisory page says, and nothing else. */
import { describe, expect, it } from "vitest";
import { searchRecords } from "../../scripts/core/build/search.ts";
import { publishedAdvisories } from "../../scripts/core/publish/select.ts";
import { EXAMPLE, validateDir } from "../helpers/repo.ts";

const NOW = new Date("2026-11-23T10:00:00Z");

describe("searchRecords", () => {
  it("has one record per published advisory with its ids, products, versions and body text", async () => {
    const { model } = await validateDir(EXAMPLE, NOW);
    const published = publishedAdvisories(model, NOW);
    const records = searchRecords(model, published);
    expect(records.map((r) => r.meta.id)).toEqual(published.map((a) => a.data.id).sort());

    const log4shell = records.find((r) => r.meta.id === "NLS-SA-2021-0001")!;
    expect(log4shell.url).toBe("/advisories/NLS-SA-2021-0001/");
    expect(log4shell.meta.title).toBe(published.find((a) => a.data.id === "NLS-SA-2021-0001")!.data.title);
    expect(log4shell.content).toContain("CVE-2021-44228");
    expect(log4shell.content).toContain("CWE-917");
    expect(log4shell.content).toContain("Affected: Northlight License Server 7.1.0");
    expect(log4shell.content).toContain("Not affected: Northlight Embedded Runtime 4.2.0");
    // The body, as text (no Markdown or MDX syntax), and the acknowledgments.
    expect(log4shell.content).toContain("Stop the License Server service.");
    expect(log4shell.content).not.toMatch(/<Callout|^## /m);
    expect(log4shell.content).toContain("CERT Coordination Center");
  });

  it("holds no incident id and none of the unpublished advisories' canaries", async () => {
    const { model } = await validateDir(EXAMPLE, NOW);
    const text = JSON.stringify(searchRecords(model, publishedAdvisories(model, NOW)));
    for (const canary of ["CANARY-EMBARGO-91c2", "CANARY-AMBER-4d8e", "CANARY-DRAFT-7f3a", "NLS-IR-"])
      expect(text).not.toContain(canary);
  });
});
