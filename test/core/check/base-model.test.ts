/**
 * Reading the base from git gives the same files as reading the same tree from disk, and the base
 * model that reuses the head's unchanged documents equals loading every base file.
 */
import { symlinkSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadBaseModel } from "../../../scripts/core/check/base-model.ts";
import { loadRepository } from "../../../scripts/core/load/repository.ts";
import { readCommitFiles } from "../../../scripts/io/git.ts";
import { readRepository } from "../../../scripts/io/repo-files.ts";
import { ADVISORY, advisory, history, INCIDENT, incident } from "./history.ts";

describe("readCommitFiles", () => {
  it("returns the same paths, bytes and symbolic links as readRepository on the committed tree", async () => {
    const h = history({
      "incidents/2026/EXC-IR-2026-0002.yaml": incident("EXC-IR-2026-0002", "new"),
      "advisories/.hidden/x.mdx": "not read",
      "README.md": "outside the content folders",
    });
    symlinkSync(join(h.root, ADVISORY), join(h.root, "advisories/2026/link.mdx"));
    h.commit("with a symbolic link");
    const fromGit = await readCommitFiles(h.root, "HEAD");
    const fromDisk = await readRepository(h.root);
    expect(fromGit.map((f) => f.path)).toEqual(fromDisk.map((f) => f.path));
    expect(fromGit.map((f) => Buffer.from(f.bytes).toString("base64"))).toEqual(
      fromDisk.map((f) => Buffer.from(f.bytes).toString("base64")),
    );
    expect(fromGit.map((f) => f.special)).toEqual(fromDisk.map((f) => f.special));
    expect(fromGit.find((f) => f.path === "advisories/2026/link.mdx")?.special).toBe("a symbolic link");
  });

  it("reads the tree of an older commit, and only the paths asked for", async () => {
    const h = history();
    h.remove(ADVISORY);
    h.commit("deleted");
    const old = await readCommitFiles(h.root, "HEAD~1", (p) => p.startsWith("advisories/"));
    expect(old.map((f) => f.path)).toEqual([ADVISORY]);
    expect(await readCommitFiles(h.root, "HEAD", (p) => p.startsWith("advisories/"))).toEqual([]);
  });
});

describe("loadBaseModel", () => {
  it("equals loading every base file", async () => {
    const h = history({ "advisories/2026/EXC-SA-2026-0002.mdx": advisory({ id: "EXC-SA-2026-0002" }) });
    const baseFiles = await readCommitFiles(h.root, "HEAD");
    h.edit(INCIDENT, (t) => t.replace("severity: critical", "severity: high"));
    h.remove("advisories/2026/EXC-SA-2026-0002.mdx");
    h.write(
      "advisories/2026/EXC-SA-2026-0003.mdx",
      advisory({ id: "EXC-SA-2026-0003", cve: "CVE-2022-0001" }),
    );
    const headFiles = await readRepository(h.root);
    const head = await loadRepository(headFiles);
    const reused = await loadBaseModel(baseFiles, {
      model: head.model,
      files: new Map(headFiles.map((f) => [f.path, f.bytes])),
    });
    const full = (await loadRepository(baseFiles)).model;
    const view = (m: typeof full) => ({
      vendor: m.vendor?.data,
      advisories: m.advisories.map((a) => [a.file, a.data]),
      incidents: m.incidents.map((i) => [i.file, i.data]),
      products: [...m.products.keys()].sort(),
      paths: [...m.paths].sort(),
    });
    expect(view(reused)).toEqual(view(full));
    expect(reused.incidents[0]!.data.severity).toBe("critical");
  });
});
