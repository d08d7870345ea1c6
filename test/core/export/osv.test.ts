/** OSV export: range events, packages, Markdown details, and the example's records (valid, public only). */
import { unzipSync } from "fflate";
import { beforeAll, describe, expect, it } from "vitest";
import { Product } from "../../../schemas/product.ts";
import { type OsvRecord, osvExports } from "../../../scripts/core/export/osv.ts";
import { checkOsv } from "../../../scripts/core/export/osv-check.ts";
import { osvPackage } from "../../../scripts/core/export/osv-package.ts";
import { osvRanges, type VersionStatus } from "../../../scripts/core/export/osv-ranges.ts";
import type { Model } from "../../../scripts/core/load/repository.ts";
import { bodyMarkdown } from "../../../scripts/core/mdx/markdown.ts";
import { publishedAdvisories } from "../../../scripts/core/publish/select.ts";
import { EXAMPLE, validateDir } from "../../helpers/repo.ts";
import { FORBIDDEN, textOf } from "./helpers.ts";

const NOW = new Date("2026-11-23T00:00:00Z");
let model: Model;
let files: Map<string, string | Uint8Array>;
const record = (id: string) => JSON.parse(files.get(`osv/${id}.json`) as string) as OsvRecord;

beforeAll(async () => {
  ({ model } = await validateDir(EXAMPLE, NOW));
  files = osvExports(model, publishedAdvisories(model, NOW), NOW);
});

describe("osvRanges", () => {
  const s = (spec: string) =>
    spec.split(" ").map((t) => {
      const [version, code] = t.split(":") as [string, string];
      const status: VersionStatus = ({ A: "affected", F: "fixed", N: "not_affected", U: "unknown" } as const)[
        code as "A" | "F" | "N" | "U"
      ];
      return { version, status };
    });
  const cases: [string, string, unknown[]][] = [
    ["one affected, then fixed", "1:A 2:F", [[{ introduced: "1" }, { fixed: "2" }]]],
    ["affected up to the newest: open", "1:N 2:A 3:A", [[{ introduced: "2" }]]],
    ["a run ended by a not-affected version", "1:N 2:A 3:A 4:N", [[{ introduced: "2" }, { fixed: "4" }]]],
    ["two runs", "1:A 2:F 3:A 4:A", [[{ introduced: "1" }, { fixed: "2" }, { introduced: "3" }]]],
    [
      "a run ended by an unknown version: last_affected",
      "1:A 2:U 3:F",
      [[{ introduced: "1" }, { last_affected: "1" }]],
    ],
    [
      "fixed and last_affected runs go into separate ranges",
      "1:A 2:F 3:A 4:U",
      [
        [{ introduced: "1" }, { fixed: "2" }],
        [{ introduced: "3" }, { last_affected: "3" }],
      ],
    ],
    ["nothing affected", "1:N 2:F 3:U", []],
    ["no versions", "", []],
  ];
  it.each(cases)("%s", (_name, spec, expected) => {
    const ranges = osvRanges(spec === "" ? [] : s(spec));
    expect(ranges.map((r) => r.events)).toEqual(expected);
    expect(ranges.every((r) => r.type === "ECOSYSTEM")).toBe(true);
  });
});

describe("osvPackage", () => {
  const product = (purl?: string) =>
    Product.parse({
      id: "gizmo",
      name: "Gizmo",
      exposure: "internal",
      identifiers: purl ? { purl } : {},
      versions: [{ version: "1.0.0", released: "2026-01-01" }],
    });
  it.each([
    ["pkg:maven/com.example/gizmo", { ecosystem: "Maven", name: "com.example:gizmo" }],
    ["pkg:npm/%40example/gizmo", { ecosystem: "npm", name: "@example/gizmo" }],
    ["pkg:npm/gizmo", { ecosystem: "npm", name: "gizmo" }],
    ["pkg:pypi/Gizmo_Tool", { ecosystem: "PyPI", name: "gizmo-tool" }],
    ["pkg:golang/example.com/gizmo", { ecosystem: "Go", name: "example.com/gizmo" }],
    ["pkg:cargo/gizmo", { ecosystem: "crates.io", name: "gizmo" }],
    ["pkg:nuget/Gizmo", { ecosystem: "NuGet", name: "Gizmo" }],
    ["pkg:composer/example/gizmo", { ecosystem: "Packagist", name: "example/gizmo" }],
    ["pkg:generic/example/gizmo", { ecosystem: "EXC", name: "gizmo" }],
  ])("%s → %j", (purl, expected) => {
    expect(osvPackage(product(purl), "EXC")).toEqual({ ...expected, purl });
  });
  it("uses the vendor ecosystem and the product id without a purl", () => {
    expect(osvPackage(product(), "EXC")).toEqual({ ecosystem: "EXC", name: "gizmo" });
  });
});

describe("bodyMarkdown", () => {
  it("keeps Markdown as written and turns components into block quotes (a one-line Callout too)", () => {
    const body = [
      "## Summary",
      "",
      "Use `x` and **y**: &lt;tag&gt; \\{z\\}.",
      "",
      '<Callout type="warning">',
      "Update now.",
      "",
      "- one",
      "- two",
      "</Callout>",
      "",
      '<Callout type="note" title="Heads up">Inline callout.</Callout>',
      "",
      "| a | b |",
      "| --- | --- |",
      "| 1 | 2 |",
    ].join("\n");
    expect(bodyMarkdown(body)).toBe(
      [
        "## Summary",
        "",
        "Use `x` and **y**: &lt;tag&gt; \\{z\\}.",
        "",
        "> **Warning:** Update now.",
        ">",
        "> - one",
        "> - two",
        "",
        "> **Heads up:** Inline callout.",
        "",
        "| a | b |",
        "| --- | --- |",
        "| 1 | 2 |",
      ].join("\n"),
    );
  });
});

describe("checkOsv", () => {
  const base = { schema_version: "1.6.2", id: "X-1", modified: "2026-01-01T00:00:00Z" };
  const pkg = { ecosystem: "npm", name: "x" };
  it("accepts a minimal record and rejects broken ones", () => {
    expect(checkOsv(base)).toEqual([]);
    expect(checkOsv({ ...base, modified: "2026-01-01" })).toEqual(["modified: not an RFC 3339 date-time"]);
    expect(checkOsv({ id: "X-1", schema_version: "1.6.2" })[0]).toMatch(/^modified: /);
    const bad = (events: unknown[]) =>
      checkOsv({ ...base, affected: [{ package: pkg, ranges: [{ type: "ECOSYSTEM", events }] }] });
    expect(bad([{ introduced: "1" }, { fixed: "2" }])).toEqual([]);
    expect(bad([{ fixed: "2" }])).toEqual([
      "affected/0/ranges/0: a range needs at least one introduced event",
    ]);
    expect(bad([{ introduced: "1" }, { fixed: "2" }, { introduced: "3" }, { last_affected: "3" }])).toEqual([
      "affected/0/ranges/0: a range may not hold both fixed and last_affected events",
    ]);
    expect(bad([{ introduced: "1", fixed: "2" }]).length).toBeGreaterThan(0);
    expect(checkOsv({ ...base, affected: [{ package: pkg }] })).toEqual([
      "affected/0: an affected entry without SEMVER or ECOSYSTEM ranges must enumerate versions",
    ]);
    expect(checkOsv({ ...base, severity: [{ type: "CVSS_V3", score: "CVSS:4.0/AV:N" }] }).length).toBe(1);
    expect(checkOsv({ ...base, unknown_field: 1 }).length).toBe(1);
  });
});

describe("OSV export of the example data", () => {
  it("has one record per published advisory, plus all.zip", () => {
    expect([...files.keys()]).toEqual([
      "osv/NLS-SA-2021-0001.json",
      "osv/NLS-SA-2022-0001.json",
      "osv/NLS-SA-2022-0002.json",
      "osv/NLS-SA-2022-0003.json",
      "osv/NLS-SA-2024-0001.json",
      "osv/NLS-SA-2025-0001.json",
      "osv/NLS-SA-2026-0001.json",
      "osv/NLS-SA-2026-0003.json",
      "osv/all.zip",
    ]);
  });

  it("every record satisfies the OSV schema rules", () => {
    for (const [path, content] of files) {
      if (typeof content !== "string") continue;
      expect(checkOsv(JSON.parse(content)), path).toEqual([]);
    }
  });

  it("never contains unpublished advisories, canaries or incident ids (also inside the zip)", () => {
    for (const [path, content] of files) {
      const text = textOf(content);
      for (const needle of FORBIDDEN) expect(text.includes(needle), `${path}: ${needle}`).toBe(false);
    }
  });

  it("maps the Log4Shell advisory: dates from revisions, CVEs as aliases, Maven package and range", () => {
    const r = record("NLS-SA-2021-0001");
    expect(r.schema_version).toBe("1.6.2");
    expect(r.published).toBe("2021-12-13T00:00:00Z"); // first revision
    expect(r.modified).toBe("2022-08-30T00:00:00Z"); // last revision
    expect(r.aliases).toEqual(["CVE-2021-44228", "CVE-2021-45046"]);
    expect(r.summary).toBe(
      "Remote code execution in Northlight License Server through Apache Log4j2 (Log4Shell)",
    );
    expect(r.details.startsWith("Northlight License Server 7.1.0 ships Apache Log4j2 2.14.1")).toBe(true);
    expect(r.details).toContain("> **Warning:** License Server is often reachable from the internet");
    expect(r.details).toContain("| License Server | 7.1.0 | 7.2.0 |");
    expect(r.severity).toEqual([{ type: "CVSS_V3", score: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H" }]);
    // not-affected products (Embedded Runtime, Studio, IoT Gateway) are not listed as affected
    expect(r.affected).toEqual([
      {
        package: {
          ecosystem: "Maven",
          name: "example.northlight:license-server",
          purl: "pkg:maven/example.northlight/license-server",
        },
        ranges: [{ type: "ECOSYSTEM", events: [{ introduced: "7.1.0" }, { fixed: "7.2.0" }] }],
        versions: ["7.1.0"],
        database_specific: { product: "license-server", product_name: "Northlight License Server" },
      },
    ]);
    expect(r.references.slice(0, 2)).toEqual([
      { type: "ADVISORY", url: "https://psirt.northlight.example/advisories/NLS-SA-2021-0001/" },
      {
        type: "ADVISORY",
        url: "https://psirt.northlight.example/.well-known/csaf/white/2021/nls-sa-2021-0001.json",
      },
    ]);
    expect(r.database_specific).toEqual({
      tlp: "WHITE",
      status: "final",
      url: "https://psirt.northlight.example/advisories/NLS-SA-2021-0001/",
      csaf: "https://psirt.northlight.example/.well-known/csaf/white/2021/nls-sa-2021-0001.json",
      revision: "1.3.0",
      severity: "CRITICAL",
      cwe_ids: ["CWE-917"],
    });
  });

  it("gives every affected product its ranges and concrete versions", () => {
    const summary = [...files.keys()]
      .filter((p) => p.endsWith(".json"))
      .flatMap((p) => {
        const r = JSON.parse(files.get(p) as string) as OsvRecord;
        return r.affected.map((a) => [
          r.id,
          a.package.ecosystem,
          a.package.name,
          a.ranges.map((x) => x.events),
          a.versions,
        ]);
      });
    expect(summary).toEqual([
      [
        "NLS-SA-2021-0001",
        "Maven",
        "example.northlight:license-server",
        [[{ introduced: "7.1.0" }, { fixed: "7.2.0" }]],
        ["7.1.0"],
      ],
      [
        "NLS-SA-2022-0001",
        "Maven",
        "example.northlight:license-server",
        [[{ introduced: "7.1.0" }, { fixed: "7.3.0" }]],
        ["7.1.0", "7.2.0"],
      ],
      [
        "NLS-SA-2022-0002",
        "npm",
        "@northlight/studio",
        [[{ introduced: "2.4.0" }, { fixed: "2.5.0" }]],
        ["2.4.0"],
      ],
      // generic purl: the vendor's own ecosystem (its id prefix), product id as name
      [
        "NLS-SA-2022-0003",
        "NLS",
        "embedded-runtime",
        [[{ introduced: "4.2.0" }, { fixed: "4.3.0" }]],
        ["4.2.0"],
      ],
      [
        "NLS-SA-2024-0001",
        "NLS",
        "iot-gateway",
        [[{ introduced: "1.6.0" }, { fixed: "1.9.0" }]],
        ["1.6.0", "1.8.0"],
      ],
      [
        "NLS-SA-2025-0001",
        "npm",
        "@northlight/studio",
        [[{ introduced: "2.5.0" }, { fixed: "3.1.0" }]],
        ["2.5.0", "3.0.0"],
      ],
      [
        "NLS-SA-2026-0001",
        "Maven",
        "example.northlight:license-server",
        [[{ introduced: "7.2.0" }, { fixed: "8.0.0" }]],
        ["7.2.0", "7.3.0"],
      ],
      // interim advisory, no fixed release yet: open range
      ["NLS-SA-2026-0003", "NLS", "iot-gateway", [[{ introduced: "1.9.0" }]], ["1.9.0", "2.0.0"]],
    ]);
    expect(record("NLS-SA-2026-0001").severity?.map((s) => s.type)).toEqual(["CVSS_V3", "CVSS_V4"]);
  });

  it("puts every record into all.zip, byte for byte, and builds identical bytes twice", () => {
    const zip = unzipSync(files.get("osv/all.zip") as Uint8Array);
    expect(Object.keys(zip).sort()).toEqual(
      [...files.keys()].filter((p) => p.endsWith(".json")).map((p) => p.slice(4)),
    );
    for (const [name, bytes] of Object.entries(zip))
      expect(new TextDecoder().decode(bytes)).toBe(files.get(`osv/${name}`));
    const again = osvExports(model, publishedAdvisories(model, NOW), NOW);
    expect(
      Buffer.from(again.get("osv/all.zip") as Uint8Array).equals(
        Buffer.from(files.get("osv/all.zip") as Uint8Array),
      ),
    ).toBe(true);
    expect([...again.entries()].filter(([, c]) => typeof c === "string")).toEqual(
      [...files.entries()].filter(([, c]) => typeof c === "string"),
    );
  });

  it("drops an unpublished advisory even when the caller passes it", () => {
    const all = osvExports(model, model.advisories, NOW);
    expect([...all.keys()]).toEqual([...files.keys()]);
  });
});
