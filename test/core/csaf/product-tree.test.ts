import { describe, expect, it } from "vitest";
import { Product } from "../../../schemas/product.ts";
import {
  cpeComponent,
  cpeForVersion,
  csafProductId,
  fullProductName,
  productTree,
  purlForVersion,
} from "../../../scripts/core/csaf/product-tree.ts";
import { loadFixture } from "./helpers.ts";

describe("product ids", () => {
  it("are CSAFPID-<product>@<version>", () => {
    expect(csafProductId("widget", "1.0.0")).toBe("CSAFPID-widget@1.0.0");
  });

  it("keep products with hyphens apart from versions with hyphens", () => {
    expect(csafProductId("foo", "2-1")).not.toBe(csafProductId("foo-2", "1"));
  });
});

describe("CPE 2.3 version component", () => {
  it.each([
    ["1.0.0", "1.0.0"],
    ["2.0.0-rc.1", "2.0.0-rc.1"],
    ["1.0.0_beta", "1.0.0_beta"],
    ["2.0.0+build.7", "2.0.0\\+build.7"],
    ["1:2.3-1", "1\\:2.3-1"],
    ["2021 R2", "2021_R2"],
    ["7.*", "7.\\*"],
    ["a?b", "a\\?b"],
    ["x/y\\z", "x\\/y\\\\z"],
  ])("%s → %s", (version, value) => {
    expect(cpeComponent(version)).toBe(value);
  });

  it("gives up on characters CPE cannot express", () => {
    expect(cpeComponent("1.0-ß")).toBeUndefined();
    expect(cpeForVersion("cpe:2.3:a:example:widget:*:*:*:*:*:*:*:*", "1.0-ß")).toBeUndefined();
  });

  it("fills in only the version component", () => {
    expect(cpeForVersion("cpe:2.3:a:example:widget:*:*:*:*:*:*:*:*", "7.3.2")).toBe(
      "cpe:2.3:a:example:widget:7.3.2:*:*:*:*:*:*:*",
    );
    expect(cpeForVersion("cpe:2.3:o:example:fw:-:*:*:*:*:arm:*:*", "2+b")).toBe(
      "cpe:2.3:o:example:fw:2\\+b:*:*:*:*:arm:*:*",
    );
  });
});

describe("purl with version", () => {
  it.each([
    ["pkg:generic/example/widget", "1.0.0", "pkg:generic/example/widget@1.0.0"],
    [
      "pkg:maven/org.apache.logging.log4j/log4j-core",
      "2.14.1",
      "pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1",
    ],
    ["pkg:npm/%40example/cli", "3.0.0", "pkg:npm/%40example/cli@3.0.0"],
    ["pkg:generic/example/tool", "1.0 beta", "pkg:generic/example/tool@1.0%20beta"],
  ])("%s + %s → %s", (purl, version, expected) => {
    expect(purlForVersion(purl, version)).toBe(expected);
  });
});

describe("full product names", () => {
  const product = Product.parse({
    id: "bare",
    name: "Bare Product",
    exposure: "local",
    versions: [{ version: "1.0", released: "2026-01-01" }],
  });

  it("have no helper when the product has no identifiers", () => {
    expect(fullProductName(product, "1.0")).toEqual({
      name: "Bare Product 1.0",
      product_id: "CSAFPID-bare@1.0",
    });
  });
});

describe("productTree", () => {
  it("nests vendor → product name → version for the repo-min widget", async () => {
    const model = await loadFixture("repo-min");
    expect(productTree(model, ["widget"])).toEqual({
      branches: [
        {
          branches: [
            {
              branches: ["1.0.0", "1.1.0"].map((v) => ({
                category: "product_version",
                name: v,
                product: {
                  name: `Example Widget ${v}`,
                  product_id: `CSAFPID-widget@${v}`,
                  product_identification_helper: {
                    cpe: `cpe:2.3:a:example:widget:${v}:*:*:*:*:*:*:*`,
                    purl: `pkg:generic/example/widget@${v}`,
                  },
                },
              })),
              category: "product_name",
              name: "Example Widget",
            },
          ],
          category: "vendor",
          name: "Example Corp",
        },
      ],
    });
  });

  it("groups products under their own vendor and filters versions", async () => {
    const model = await loadFixture("csaf/repo-edge");
    const tree = productTree(
      model,
      ["cloud-console", "gateway", "unknown", "widget"],
      (p, v) => p !== "widget" || v === "1.0.0",
    );
    expect(
      tree.branches?.map((b) => [b.name, b.branches?.map((p) => [p.name, p.branches?.map((v) => v.name)])]),
    ).toEqual([
      ["Example Cloud GmbH", [["Cloud Console", ["5.2.0"]]]],
      [
        "Example Corp",
        [
          ["Example Gateway", ["3.0", "3.1"]],
          ["Example Widget", ["1.0.0"]],
        ],
      ],
    ]);
  });

  it("is empty when no product version is included", async () => {
    const model = await loadFixture("repo-min");
    expect(productTree(model, ["widget"], () => false)).toEqual({});
  });
});
