/**
 * `psirt release`: a shipped version enters its product's file in version order (the rest of the
 * file as written) with its SBOM copied beside the others; a new product gets its own file; every
 * refusal leaves the repository as it was.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { psirt, tempRepo, validateDir } from "../helpers/repo.ts";

const PRODUCT = "inventory/products/widget.yaml";
const NOW = { PSIRT_NOW: "2026-11-23" };

const snapshot = (root: string) =>
  readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => `${join(e.parentPath, e.name)}:${readFileSync(join(e.parentPath, e.name), "utf8").length}`)
    .sort();

describe("psirt release", () => {
  it("adds a version in version order with its SBOM, keeping the file as written", async () => {
    const root = tempRepo();
    const path = join(root, PRODUCT);
    writeFileSync(
      path,
      readFileSync(path, "utf8").replace("versions:\n", "# Shipped versions.\nversions:\n"),
    );
    const before = readFileSync(path, "utf8");
    const sbom = join(root, "inventory/sbom/widget/1.1.0.cdx.json");
    const r = psirt([
      "release",
      "widget",
      "1.2.0",
      "--sbom",
      sbom,
      "--released",
      "2026-04-01",
      "--root",
      root,
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain("added widget 1.2.0 (released 2026-04-01) in inventory/products/widget.yaml");
    expect(r.stdout).toContain("SBOM inventory/sbom/widget/1.2.0.cdx.json");
    const after = readFileSync(path, "utf8");
    expect(after.startsWith(before)).toBe(true); // appended; the comment and the rest unchanged
    expect(readFileSync(join(root, "inventory/sbom/widget/1.2.0.cdx.json"))).toEqual(readFileSync(sbom));
    // 1.1.0's SBOM stands in for 1.2.0's here: both the command and validate say so.
    expect(r.stderr).toContain("warning PSIRT-W026");
    expect(r.stderr).toContain("describes version 1.1.0 (metadata.component), not 1.2.0");

    // An older patch goes between the versions it orders between; --released defaults to today.
    const patch = psirt(["release", "widget", "1.0.1", "--root", root], { env: NOW });
    expect(patch.code, patch.stderr).toBe(0);
    const versions = parse(readFileSync(path, "utf8")).versions;
    expect(versions.map((v: { version: string }) => v.version)).toEqual(["1.0.0", "1.0.1", "1.1.0", "1.2.0"]);
    expect(versions[1]).toEqual({ version: "1.0.1", released: "2026-11-23" });
    expect(versions[3].sbom).toBe("inventory/sbom/widget/1.2.0.cdx.json");
    const { findings } = await validateDir(root);
    expect(findings.filter((f) => f.severity === "error")).toEqual([]);
    expect(
      findings.filter((f) => f.code === "PSIRT-W026").map((f) => `${f.file}:${f.line} ${f.message}`),
    ).toEqual([
      `${PRODUCT}:${readFileSync(path, "utf8").split("\n").indexOf("    sbom: inventory/sbom/widget/1.2.0.cdx.json") + 1} SBOM inventory/sbom/widget/1.2.0.cdx.json describes version 1.1.0 (metadata.component), not 1.2.0`,
    ]);
  });

  it("creates a product that does not exist yet, with --name and --exposure", async () => {
    const root = tempRepo();
    const r = psirt(
      ["release", "gateway", "2.0.0", "--name", "Example Gateway", "--exposure", "internal", "--root", root],
      { env: NOW },
    );
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain("created gateway 2.0.0");
    const product = parse(readFileSync(join(root, "inventory/products/gateway.yaml"), "utf8"));
    expect(product).toEqual({
      id: "gateway",
      name: "Example Gateway",
      exposure: "internal",
      version_scheme: "semver",
      versions: [{ version: "2.0.0", released: "2026-11-23" }],
    });
    const { findings } = await validateDir(root);
    expect(findings.filter((f) => f.severity === "error")).toEqual([]);
  });

  it("refuses, changing nothing: a listed version, an invalid SBOM, an unknown product, a bad date", () => {
    const root = tempRepo();
    const before = snapshot(root);
    const cases: [string[], number, string][] = [
      [["widget", "1.1.0"], 2, "widget already lists version 1.1.0"],
      [["gateway", "1.0.0"], 2, 'no product "gateway" in inventory/products/: give --name and --exposure'],
      [["gateway", "1.0.0", "--name", "G"], 2, "a new product needs --exposure"],
      [
        ["widget", "2.0.0", "--name", "Other"],
        2,
        "--name, --exposure and --scheme are only for a new product",
      ],
      [["widget", "2.0.0", "--released", "2026-02-30"], 1, "would not validate; nothing written"],
      [
        ["widget", "2.0.0", "--sbom", join(root, PRODUCT)],
        1,
        "is not a valid CycloneDX SBOM: nothing written",
      ],
      [["widget"], 2, "give the product id and the version"],
    ];
    for (const [args, code, message] of cases) {
      const r = psirt(["release", ...args, "--root", root], { env: NOW });
      expect(r.code, args.join(" ")).toBe(code);
      expect(r.stderr, args.join(" ")).toContain(message);
    }
    expect(snapshot(root)).toEqual(before);
    expect(existsSync(join(root, "inventory/sbom/widget/2.0.0.cdx.json"))).toBe(false);
  });
});
