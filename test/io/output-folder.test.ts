/** Where build outputs may go, and the symbolic links the build refuses in the site's sources. */
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { repositoryPart, symbolicLinks, within } from "../../scripts/io/output-folder.ts";

describe("output folders", () => {
  it("within: a folder and what lies below it, not a sibling sharing its prefix", () => {
    expect(within("/a/b", "/a")).toBe(true);
    expect(within("/a", "/a")).toBe(true);
    expect(within("/ab", "/a")).toBe(false);
    expect(within("/a", "/")).toBe(true);
    expect(within("/", "/a")).toBe(false);
  });

  it("repositoryPart: the repository's folders and existing entries, not its output folders", () => {
    const root = mkdtempSync(join(tmpdir(), "psirt-repo-"));
    writeFileSync(join(root, "README.md"), "");
    expect(repositoryPart(root, join(root, "site/public/x"), ["dist"])).toBe("site");
    expect(repositoryPart(root, join(root, "README.md"), ["dist"])).toBe("README.md");
    expect(repositoryPart(root, join(root, "dist/sub"), ["dist"])).toBeUndefined();
    expect(repositoryPart(root, join(root, "new-folder"), ["dist"])).toBeUndefined();
    expect(repositoryPart(root, "/elsewhere", ["dist"])).toBeUndefined();
  });

  it("symbolicLinks lists links (to files, folders or nothing) without following them", () => {
    const site = mkdtempSync(join(tmpdir(), "psirt-site-"));
    mkdirSync(join(site, "public/img"), { recursive: true });
    writeFileSync(join(site, "public/robots.txt"), "");
    symlinkSync("/etc/passwd", join(site, "public/passwd.txt"));
    symlinkSync("/etc", join(site, "public/img/etc"));
    symlinkSync("/no/such/file", join(site, "public/dangling"));
    expect(symbolicLinks(join(site, "public"), site)).toEqual([
      "public/dangling",
      "public/img/etc",
      "public/passwd.txt",
    ]);
    expect(symbolicLinks(join(site, "missing"), site)).toEqual([]);
  });
});
