/** The build's last-line leak scan: finds needles in plain and gzip-compressed files. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { strToU8, zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { findLeaks, unpublishedNeedles } from "../../scripts/core/build/leaks.ts";
import { canonicalPagefindEntry } from "../../scripts/core/build/search.ts";
import { idsIn } from "../../scripts/core/rules/E083-no-confidential-ids.ts";
import { EXAMPLE, tempRepo, validateDir, writeIn } from "../helpers/repo.ts";

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

  it("finds ids in any case and with look-alike hyphens (a lowercase CSAF file name, U+2011)", () => {
    const files: [string, Uint8Array][] = [
      ["link.html", Buffer.from('<a href="/.well-known/csaf/white/2026/nls-ir-2026-0001.json">x</a>')],
      ["nbsp.html", Buffer.from("NLS\u2011IR\u20112026\u20110001", "utf8")],
      ["other.html", Buffer.from("nls-ir-2026-0002 and NLS-SA-2026-0001")],
    ];
    expect(findLeaks(files, needles).map((l) => [l.path, l.needle])).toEqual([
      ["link.html", "NLS-IR-2026-0001"],
      ["nbsp.html", "NLS-IR-2026-0001"],
    ]);
  });

  it("lists every incident id and the unpublished advisories of the example", async () => {
    const { model } = await validateDir(EXAMPLE, new Date("2026-11-23T00:00:00Z"));
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

describe("PSIRT-E083: confidential ids as a reader sees them", () => {
  it("recognizes ids in any case, with look-alike, escaped or entity hyphens and emphasis inside", () => {
    const text = [
      "see nls-sa-2026-0002.json",
      "NLS\u2011SA\u20112026\u20110003",
      "NLS\\-SA-2026-0005",
      "NLS&#x2D;SA-2026-0004",
      "NLS-IR-2026-000**6**",
      "XNLS-SA-2026-0001",
    ].join("\n");
    expect([...idsIn(text)].sort()).toEqual([
      "NLS-IR-2026-0006",
      "NLS-SA-2026-0002",
      "NLS-SA-2026-0003",
      "NLS-SA-2026-0004",
      "NLS-SA-2026-0005",
      "XNLS-SA-2026-0001",
    ]);
  });

  it("reports a published advisory naming its incident in lowercase, on the body's line", async () => {
    const root = tempRepo();
    const file = "advisories/2026/EXC-SA-2026-0001.mdx";
    const text = readFileSync(join(root, file), "utf8").replace(
      /\n---\n/,
      "\n---\n\nTracked as exc-ir-2026-0001.\n",
    );
    writeIn(root, file, text);
    const found = (await validateDir(root)).findings.filter((f) => f.code === "PSIRT-E083");
    expect(found.map((f) => [f.file, f.line, f.message])).toEqual([
      [
        file,
        text.split("\n").indexOf("Tracked as exc-ir-2026-0001.") + 1,
        "this published advisory mentions EXC-IR-2026-0001, an incident (incidents are never published)",
      ],
    ]);
  });
});
