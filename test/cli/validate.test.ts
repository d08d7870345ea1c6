/** `psirt validate` as a user runs it: formats, exit codes, and validation of a few files. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { psirt, tempRepo, writeIn } from "../helpers/repo.ts";

const ADV = "advisories/2026/EXC-SA-2026-0001.mdx";
const INC = "incidents/2026/EXC-IR-2026-0001.yaml";

describe("psirt validate", () => {
  it("exits 0 on a valid repository and prints the summary", () => {
    const root = tempRepo();
    const r = psirt(["validate", "--summary", "--now", "2026-11-23"], { cwd: root });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain(
      "validate: 1 advisories, 1 incidents, 1 products (2 versions), 2 SBOMs (4 components): 0 errors, 0 warnings",
    );
  });

  it("prints findings as JSON and as GitHub annotations", () => {
    const root = tempRepo();
    const text = readFileSync(join(root, ADV), "utf8").replace("score: 10", "score: 9.8");
    writeIn(root, ADV, text);
    const json = psirt(["validate", "--format", "json", "--now", "2026-11-23"], { cwd: root });
    expect(json.code).toBe(1);
    const parsed = JSON.parse(json.stdout) as {
      findings: { code: string; line: number; file: string }[];
      summary: { errors: number };
    };
    expect(parsed.findings).toEqual([expect.objectContaining({ code: "PSIRT-E051", file: ADV, line: 21 })]);
    expect(parsed.summary.errors).toBe(1);
    const gh = psirt(["validate", "--format", "github", "--now", "2026-11-23"], { cwd: root });
    expect(gh.stdout).toMatch(
      /^::error file=advisories\/2026\/EXC-SA-2026-0001\.mdx,line=21,col=16,title=PSIRT-E051::declared score 9\.8 differs/m,
    );
  });

  it("validates only the given files, resolving links against the rest", () => {
    const root = tempRepo();
    writeIn(root, INC, readFileSync(join(root, INC), "utf8").replace("advisory: EXC-SA-2026-0001\n", ""));
    // The advisory now links to an incident that does not link back: reported on the advisory.
    const onAdvisory = psirt(["validate", ADV, "--now", "2026-11-23"], { cwd: root });
    expect(onAdvisory.code).toBe(1);
    expect(onAdvisory.stdout).toContain(
      `${ADV}:6:11: error PSIRT-E022 incident EXC-IR-2026-0001 does not link back`,
    );
    expect(onAdvisory.stdout).not.toMatch(/^incidents\//m);
    // Validating only the product file reports nothing: the problem is elsewhere.
    const onProduct = psirt(["validate", "inventory/products/widget.yaml", "--now", "2026-11-23"], {
      cwd: root,
    });
    expect(onProduct.code).toBe(0);
  });

  it("reports a usage error with exit 2", () => {
    const r = psirt(["validate", "--format", "xml"], { cwd: tempRepo() });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown --format "xml"');
    const missing = psirt(["validate", "advisories/2026/NO-SUCH.mdx"], { cwd: tempRepo() });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("validate: no such file or folder: advisories/2026/NO-SUCH.mdx");
  });

  it("warns about a stray file without failing", () => {
    const root = tempRepo();
    writeIn(root, "advisories/2026/notes.txt", "scratch\n");
    const r = psirt(["validate", "--now", "2026-11-23"], { cwd: root });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("advisories/2026/notes.txt:1:1: warning PSIRT-W001");
  });

  it("PSIRT-W085: warns on the vendor.yaml line where publish_tlp makes TLP:GREEN public, without failing", () => {
    const root = tempRepo();
    const vendor = "inventory/vendor.yaml";
    const original = readFileSync(join(root, vendor), "utf8");
    writeIn(root, vendor, `${original}  publish_tlp: [WHITE]\n`);
    expect(psirt(["validate", "--now", "2026-11-23"], { cwd: root }).stdout).not.toContain("W085");
    writeIn(root, vendor, `${original}  publish_tlp: [WHITE, GREEN]\n`);
    const r = psirt(["validate", "--now", "2026-11-23"], { cwd: root });
    expect(r.code).toBe(0);
    const line = original.split("\n").length;
    expect(r.stdout).toContain(
      `${vendor}:${line}:24: warning PSIRT-W085 site.publish_tlp includes GREEN: every released TLP:GREEN advisory is published on the public site`,
    );
    expect(r.stdout).toMatch(
      /hint: keep publish_tlp: \[WHITE\] and share TLP:GREEN advisories with their community through a protected channel .* or relabel .* as tlp: WHITE/,
    );
    // A block list: the finding is on GREEN's own line.
    writeIn(root, vendor, `${original}  publish_tlp:\n    - GREEN\n    - WHITE\n`);
    expect(psirt(["validate", "--now", "2026-11-23"], { cwd: root }).stdout).toContain(
      `${vendor}:${line + 1}:7: warning PSIRT-W085`,
    );
  });
});

describe("every command", () => {
  it("answers an unknown option with its usage and exit 2, not a stack trace", () => {
    for (const command of ["build", "schemas", "cvss", "validate"]) {
      const r = psirt([command, "--no-such-option"], { cwd: tempRepo() });
      expect(r.code, command).toBe(2);
      expect(r.stderr).toMatch(/^psirt:? .*Unknown option '--no-such-option'/);
      expect(r.stderr).toContain(`usage: npm run psirt -- ${command}`);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
  });
});
