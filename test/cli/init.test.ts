/**
 * `psirt init`: a clone of the repository becomes a vendor's own PSIRT. The example moves to
 * test/fixtures/example (where the tool's tests find it), the new vendor's files validate, and a
 * repository that is not the shipped example, or values that would not validate, change nothing.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { EXAMPLE, psirt, writeIn } from "../helpers/repo.ts";

const FLAGS = [
  "init",
  "--name",
  "Acme Corp",
  "--prefix",
  "ACME",
  "--site-url",
  "https://psirt.acme.example/",
  "--email",
  "psirt@acme.example",
];

/** A copy of the example repository's content folders. */
function exampleCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), "psirt-init-"));
  for (const top of ["advisories", "incidents", "inventory"])
    cpSync(join(EXAMPLE, top), join(dir, top), { recursive: true });
  return dir;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)))
    .sort();
}

describe("psirt init", () => {
  it("moves the example to test/fixtures/example and writes a new vendor that validates", () => {
    const root = exampleCopy();
    const before = filesUnder(root);
    // A development key cached by an earlier build of the example names Northlight Systems.
    writeIn(root, ".psirt/dev-signing-key.asc", "-----BEGIN PGP PRIVATE KEY BLOCK-----\n");
    writeIn(root, ".psirt/feeds/state.json", "{}");
    const r = psirt([...FLAGS, "--title", "Acme Security", "--languages", "en,fr", "--root", root]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain("moved the example vendor (Northlight Systems) to test/fixtures/example/");

    // Every example file, unchanged, under the fixture folder.
    const moved = join(root, "test/fixtures/example");
    expect(filesUnder(moved)).toEqual(before);
    for (const file of before)
      expect(readFileSync(join(moved, file)).equals(readFileSync(join(EXAMPLE, file))), file).toBe(true);

    expect(existsSync(join(root, ".psirt/dev-signing-key.asc"))).toBe(false);
    expect(existsSync(join(root, ".psirt/feeds/state.json"))).toBe(true);
    expect(filesUnder(root).filter((f) => !f.startsWith("test/") && !f.startsWith(".psirt/"))).toEqual([
      "advisories/.gitkeep",
      "incidents/.gitkeep",
      "inventory/feeds.yaml",
      "inventory/keys/.gitkeep",
      "inventory/products/.gitkeep",
      "inventory/recipients.yaml",
      "inventory/sbom/.gitkeep",
      "inventory/vendor.yaml",
    ]);
    const vendor = parse(readFileSync(join(root, "inventory/vendor.yaml"), "utf8"));
    expect(vendor).toMatchObject({
      name: "Acme Corp",
      namespace: "https://psirt.acme.example",
      id_prefix: "ACME",
      contact: { email: "psirt@acme.example" },
      site: { url: "https://psirt.acme.example/", title: "Acme Security", languages: ["en", "fr"] },
    });
    const v = psirt(["validate", "--summary", "--root", root]);
    expect(v.code, v.stdout + v.stderr).toBe(0);
    expect(v.stderr).toContain("validate: 0 advisories, 0 incidents, 0 products (0 versions)");
    expect(v.stderr).toContain("0 errors, 0 warnings");

    // With no product yet, naming one says how to add the first.
    const early = psirt([
      "incident",
      "new",
      "--title",
      "t",
      "--source",
      "internal",
      "--product",
      "x",
      "--root",
      root,
    ]);
    expect(early.code).toBe(2);
    expect(early.stderr).toContain(
      'unknown product "x": no product is defined yet: add inventory/products/<id>.yaml first',
    );
    // The next incident gets the new prefix.
    const incident = psirt([
      "incident",
      "new",
      "--title",
      "First report",
      "--source",
      "internal",
      "--root",
      root,
    ]);
    expect(incident.code, incident.stderr).toBe(0);
    expect(incident.stdout).toMatch(/created incidents\/\d{4}\/ACME-IR-\d{4}-0001\.yaml/);
  });

  it("runs only on the shipped example: a second init changes nothing", () => {
    const root = exampleCopy();
    expect(psirt([...FLAGS, "--root", root]).code).toBe(0);
    const before = filesUnder(root);
    const again = psirt([...FLAGS, "--name", "Other", "--root", root]);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain(
      "this repository's vendor is Acme Corp (ACME), not the example Northlight Systems",
    );
    expect(filesUnder(root)).toEqual(before);
  });

  it("refuses values that would not validate, and an existing fixture folder, before moving anything", () => {
    const root = exampleCopy();
    const before = filesUnder(root);
    const bad = psirt([
      ...FLAGS.slice(0, 3),
      "--prefix",
      "acme",
      "--site-url",
      "http://psirt.acme.example/",
      "--email",
      "x",
      "--root",
      root,
    ]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("inventory/vendor.yaml");
    expect(bad.stderr).toContain("id_prefix must be 2–10 uppercase letters or digits");
    expect(bad.stderr).toContain("nothing was changed");
    expect(filesUnder(root)).toEqual(before);

    mkdirSync(join(root, "test/fixtures/example"), { recursive: true });
    const taken = psirt([...FLAGS, "--root", root]);
    expect(taken.code).toBe(2);
    expect(taken.stderr).toContain("test/fixtures/example/ already exists");
    expect(existsSync(join(root, "advisories"))).toBe(true);
  });

  it("without a terminal, names the missing values (exit 2)", () => {
    const root = exampleCopy();
    const r = psirt(["init", "--name", "Acme Corp", "--root", root]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--prefix, --site-url, --email are required");
    expect(r.stderr).toContain("usage: npm run psirt -- init");
  });
});
