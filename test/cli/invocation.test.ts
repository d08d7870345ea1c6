/**
 * `npm run psirt` typed in a sub-folder of the repository: npm runs the script in the package
 * folder and names the user's folder in INIT_CWD. Paths on the command line are relative to the
 * user's folder; the repository stays the default root.
 */
import { readdirSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { EXAMPLE, psirt, SHARED_DATA } from "../helpers/repo.ts";

/**
 * The environment npm gives `npm run psirt` started in `dir` of the example repository (npm runs
 * scripts in the package folder, which psirt() makes the example's: only that folder is compared).
 */
const npmFrom = (dir: string) => ({
  INIT_CWD: dir,
  npm_package_json: join(EXAMPLE, "package.json"),
  npm_lifecycle_event: "psirt",
});

describe("npm run psirt from a sub-folder", () => {
  it("validate takes paths relative to the folder it was typed in", () => {
    const dir = join(EXAMPLE, "advisories");
    const file = `2026/${readdirSync(join(dir, "2026")).sort()[0]}`;
    const r = psirt(["validate", file, "--summary", "--now", "2026-11-23"], { env: npmFrom(dir) });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/^validate: 1 advisories, /m);
  });

  it("match reads --sbom and --feed relative to that folder and the inventory of the repository", () => {
    const dir = join(EXAMPLE, "inventory");
    const feed = relative(dir, join(SHARED_DATA, "feeds/ghsa/GHSA-xvch-5gv4-984h.json"));
    const r = psirt(["match", "--feed", feed, "--format", "json"], { env: npmFrom(dir) });
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).summary.sboms).toBe(15);
    const sbom = psirt(["match", "--sbom", "sbom/desktop-studio/2.4.0.cdx.json", "--feed", feed], {
      env: npmFrom(dir),
    });
    expect(sbom.code, sbom.stderr).toBe(0);
    expect(sbom.stderr).toMatch(/^match: 1 SBOMs /m);
  });

  it("a process started with a folder of its own (not an npm script of this package) keeps it", () => {
    const feed = join(SHARED_DATA, "feeds/ghsa/GHSA-xvch-5gv4-984h.json");
    const r = psirt(["match", "--sbom", "inventory/sbom/desktop-studio/2.4.0.cdx.json", "--feed", feed], {
      env: { ...npmFrom(join(EXAMPLE, "inventory")), npm_lifecycle_event: "test" },
    });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/^match: 1 SBOMs /m);
  });
});
