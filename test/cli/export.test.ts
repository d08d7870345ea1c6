/** `psirt export osv|vex`: writes validated public exports; unpublished advisories never appear. */
import { existsSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { checkOsv } from "../../scripts/core/export/osv-check.ts";
import { validateCycloneDx } from "../../scripts/core/export/validate-cyclonedx.ts";
import { FORBIDDEN, textOf } from "../core/export/helpers.ts";
import { psirt, tempRepo, writeIn } from "../helpers/repo.ts";

const NOW = ["--now", "2026-11-23"];

function* walk(dir: string, base = ""): Generator<string> {
  for (const e of readdirSync(join(dir, base), { withFileTypes: true })) {
    const rel = base ? `${base}/${e.name}` : e.name;
    if (e.isDirectory()) yield* walk(dir, rel);
    else yield rel;
  }
}

/** An advisory of repo-min's widget with the given id, title and publication fields. */
function advisory(id: string, title: string, extra: string): string {
  return `---
id: ${id}
title: ${JSON.stringify(title)}
${extra}
summary: ${JSON.stringify(`${title} summary`)}
revisions:
  - version: 1.0.0
    date: 2026-03-02
    summary: Initial release
vulnerabilities:
  - title: ${JSON.stringify(`${title} vulnerability`)}
    products:
      known_affected:
        - product: widget
          versions: "1.1.0"
---

Body of ${title}.
`;
}

describe("psirt export", () => {
  it("writes OSV records and all.zip of the example's published advisories", () => {
    const out = mkdtempSync(join(tmpdir(), "psirt-export-"));
    const r = psirt(["export", "osv", "--out", out, ...NOW]);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stderr).toContain("8 published advisories → 9 OSV files");
    const files = [...walk(out)].sort();
    expect(files).toHaveLength(9);
    expect(files).toContain("osv/all.zip");
    for (const f of files) {
      const content = f.endsWith(".zip")
        ? new Uint8Array(readFileSync(join(out, f)))
        : readFileSync(join(out, f), "utf8");
      const text = textOf(content);
      for (const needle of FORBIDDEN) expect(text.includes(needle), `${f}: ${needle}`).toBe(false);
      if (typeof content === "string") expect(checkOsv(JSON.parse(content)), f).toEqual([]);
    }
  });

  it("writes a valid CycloneDX VEX per product version to out/export by default", async () => {
    const root = tempRepo();
    const r = psirt(["export", "vex", "--root", root, ...NOW]);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    const out = join(root, "out/export");
    expect([...walk(out)].sort()).toEqual(["vex/widget/1.0.0.cdx.json", "vex/widget/1.1.0.cdx.json"]);
    for (const f of walk(out))
      expect(await validateCycloneDx(readFileSync(join(out, f), "utf8"))).toBeUndefined();
  });

  it("never exports a draft, embargoed or TLP:AMBER advisory (canaries in a temporary repository)", async () => {
    const root = tempRepo();
    writeIn(
      root,
      "advisories/2026/EXC-SA-2026-0002.mdx",
      advisory("EXC-SA-2026-0002", "Draft CANARY-DRAFT-7f3a", "status: draft\ntlp: WHITE"),
    );
    writeIn(
      root,
      "advisories/2026/EXC-SA-2026-0003.mdx",
      advisory(
        "EXC-SA-2026-0003",
        "Embargoed CANARY-EMBARGO-91c2",
        "status: final\ntlp: WHITE\nembargo_until: 2027-01-01",
      ),
    );
    writeIn(
      root,
      "advisories/2026/EXC-SA-2026-0004.mdx",
      advisory("EXC-SA-2026-0004", "Amber CANARY-AMBER-4d8e", "status: final\ntlp: AMBER"),
    );
    const validate = psirt(["validate", "--root", root, ...NOW]);
    expect(validate.code, validate.stdout).toBe(0);

    for (const kind of ["osv", "vex"]) {
      const out = join(root, `out-${kind}`);
      const r = psirt(["export", kind, "--root", root, "--out", out, ...NOW]);
      expect(r.code, r.stdout + r.stderr).toBe(0);
      const all = [...walk(out)]
        .map((f) =>
          textOf(
            f.endsWith(".zip")
              ? new Uint8Array(readFileSync(join(out, f)))
              : readFileSync(join(out, f), "utf8"),
          ),
        )
        .join("\n");
      expect(all).toContain("EXC-SA-2026-0001");
      for (const needle of [...FORBIDDEN, "EXC-SA-2026-0002", "EXC-SA-2026-0003", "EXC-SA-2026-0004"])
        expect(all.includes(needle), `${kind}: ${needle}`).toBe(false);
    }
    // once the embargo has passed, the embargoed advisory is exported
    const later = join(root, "out-later");
    expect(psirt(["export", "osv", "--root", root, "--out", later, "--now", "2027-01-02"]).code).toBe(0);
    expect(existsSync(join(later, "osv/EXC-SA-2026-0003.json"))).toBe(true);
    expect(existsSync(join(later, "osv/EXC-SA-2026-0002.json"))).toBe(false);
    expect(existsSync(join(later, "osv/EXC-SA-2026-0004.json"))).toBe(false);
  });

  it("exits 2 on bad usage and 1 on an invalid repository, writing nothing", () => {
    expect(psirt(["export"]).code).toBe(2);
    expect(psirt(["export", "csaf"]).stderr).toContain("`export osv` or `export vex`");
    const root = tempRepo();
    writeIn(root, "incidents/2026/EXC-IR-2026-0002.yaml", "id: EXC-IR-2026-0002\ntitle: broken\n");
    const r = psirt(["export", "osv", "--root", root, ...NOW]);
    expect(r.code).toBe(1);
    expect(existsSync(join(root, "out"))).toBe(false);
  });
});
