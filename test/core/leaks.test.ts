/** The build's last-line leak scan: finds needles in plain and gzip-compressed files. */
import { gzipSync } from "node:zlib";
import { strToU8, zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { findLeaks, unpublishedNeedles } from "../../scripts/core/build/leaks.ts";
import { canonicalPagefindEntry } from "../../scripts/core/build/search.ts";
import { ROOT, validateDir } from "../helpers/repo.ts";

describe("leak scan", () => {
  const needles = [
    { needle: "NLS-IR-2026-0001", why: "incident" },
    { needle: "Größe geheim", why: "title" },
  ];
  it("finds a needle in plain text and inside gzip members, and nothing in clean files", () => {
    const files: [string, Uint8Array][] = [
      ["a.html", Buffer.from("<p>see NLS-IR-2026-0001</p>")],
      ["pagefind/x.pf_fragment", gzipSync(Buffer.from('{"content":"Größe geheim"}'))],
      ["clean.html", Buffer.from("<p>nothing here NLS-IR-2026-000</p>")],
      ["osv/all.zip", zipSync({ "x.json": strToU8('{"id":"NLS-IR-2026-0001"}') })],
    ];
    expect(findLeaks(files, needles).map((l) => [l.path, l.needle])).toEqual([
      ["a.html", "NLS-IR-2026-0001"],
      ["pagefind/x.pf_fragment", "Größe geheim"],
      ["osv/all.zip", "NLS-IR-2026-0001"],
    ]);
  });

  it("lists every incident id and the unpublished advisories of the example", async () => {
    const { model } = await validateDir(ROOT, new Date("2026-11-23T00:00:00Z"));
    const list = unpublishedNeedles(model, new Date("2026-11-23T00:00:00Z")).map((n) => n.needle);
    expect(list).toContain("NLS-IR-2021-0001");
    expect(list).toContain("NLS-SA-2026-0005");
    expect(list).not.toContain("NLS-SA-2021-0001");
  });
});

describe("canonicalPagefindEntry", () => {
  it("sorts include_characters so that the entry file does not depend on hash-set order", () => {
    const a = canonicalPagefindEntry('{"version":"1.5.2","include_characters":["_","‿","⁀"]}');
    const b = canonicalPagefindEntry('{"version":"1.5.2","include_characters":["⁀","_","‿"]}');
    expect(a).toBe(b);
    expect(JSON.parse(a).version).toBe("1.5.2");
  });
});
