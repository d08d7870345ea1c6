/**
 * The public build end to end: it verifies, GnuPG accepts its signatures, two builds of the same
 * commit are byte-identical, and nothing unreleased reaches any byte of dist/.
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { gunzipSync } from "node:zlib";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { checkOutputFolder } from "../../scripts/commands/build.ts";
import { EXAMPLE, psirt, tempRepo, writeIn } from "../helpers/repo.ts";

const NOW = "2026-11-23T00:00:00Z";

function files(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)))
    .sort();
}

function hashes(dir: string): Record<string, string> {
  return Object.fromEntries(
    files(dir).map((f) => [
      f,
      createHash("sha256")
        .update(readFileSync(join(dir, f)))
        .digest("hex"),
    ]),
  );
}

/** Every byte of the output as text, gzip members decompressed (Pagefind's index is gzipped). */
function allText(dir: string): string {
  return files(dir)
    .map((f) => {
      let data = readFileSync(join(dir, f));
      if (data[0] === 0x1f && data[1] === 0x8b) data = gunzipSync(data);
      return data.toString("latin1");
    })
    .join("\n");
}

function build(root: string, out: string) {
  return psirt(["build", "--root", root, "--out", out, "--now", NOW], {
    cwd: root,
    env: { PSIRT_SIGNING_KEY: "", PSIRT_SIGNING_PASSPHRASE: "" },
  });
}

describe("the example build", () => {
  const out = mkdtempSync(join(tmpdir(), "psirt-dist-"));
  let first: ReturnType<typeof build>;
  beforeAll(() => {
    first = build(EXAMPLE, out);
  }, 300_000);

  it("builds, warns about the development key, and verifies", () => {
    expect(first.code, first.stdout + first.stderr).toBe(0);
    expect(first.stderr).toMatch(/DEVELOPMENT key/);
    const v = psirt(["verify", out]);
    expect(v.code, v.stdout + v.stderr).toBe(0);
    expect(v.stdout).toMatch(/^WARN \S+\.asc: key [0-9A-F]{40} is a development key, not for release/m);
  });

  it("signs what GnuPG verifies with the published key", () => {
    const home = mkdtempSync(join(tmpdir(), "psirt-gpg-"));
    const gpg = (...args: string[]) =>
      spawnSync("gpg", ["--homedir", home, "--batch", "--no-autostart", ...args], { encoding: "utf8" });
    expect(gpg("--import", join(out, ".well-known/pgp-key.asc")).status).toBe(0);
    const doc = join(out, ".well-known/csaf/white/2021/nls-sa-2021-0001.json");
    const r = gpg("--verify", `${doc}.asc`, doc);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/Good signature/);
    const txt = gpg("--verify", join(out, ".well-known/security.txt"));
    expect(txt.status, txt.stderr).toBe(0);
    // The policy page gives the key's fingerprint as GnuPG prints it, for reporters to check.
    const listed = gpg("--with-colons", "--fingerprint").stdout.match(/^fpr:+([0-9A-F]{40}):/m)![1]!;
    const grouped = listed.match(/.{4}/g)!.join(" ");
    expect(readFileSync(join(out, "policy/index.html"), "utf8")).toContain(`<code>${grouped}</code>`);
  });

  it("is reproducible: a second build of the same commit is byte-identical", () => {
    const again = mkdtempSync(join(tmpdir(), "psirt-dist-"));
    const second = build(EXAMPLE, again);
    expect(second.code, second.stderr).toBe(0);
    expect(hashes(again)).toEqual(hashes(out));
  }, 300_000);

  it("contains none of the example's unreleased content", () => {
    const text = allText(out);
    for (const canary of [
      "CANARY-DRAFT-7f3a",
      "CANARY-EMBARGO-91c2",
      "CANARY-AMBER-4d8e",
      "NLS-SA-2026-0002",
      "NLS-SA-2026-0004",
      "NLS-SA-2026-0005",
      "NLS-IR-",
    ]) {
      expect(text.includes(canary), canary).toBe(false);
    }
    expect(text).toContain("NLS-SA-2021-0001");
  });

  it("refuses an output folder that would replace the repository, a part of it, a file or a folder of other things", () => {
    const root = tempRepo();
    const other = mkdtempSync(join(tmpdir(), "psirt-other-"));
    writeFileSync(join(other, "notes.txt"), "keep me");
    const cases: [string, RegExp][] = [
      [root, /would replace the repository/],
      [join(root, "inventory/out"), /lies inside inventory\/, which is part of the repository/],
      [join(root, "inventory/vendor.yaml"), /lies inside inventory\//],
      [join(other, "notes.txt"), /is a file/],
      [other, /is a folder that is neither empty nor a previous build's output/],
    ];
    for (const [target, message] of cases) {
      const r = psirt(["build", "--root", root, "--out", target, "--now", NOW], { cwd: root });
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
    expect(statSync(join(root, "inventory/vendor.yaml")).isFile()).toBe(true);
    expect(readFileSync(join(other, "notes.txt"), "utf8")).toBe("keep me");
    // Checked before anything else runs; the file system's root is never a build's output.
    expect(() => checkOutputFolder(root, "/")).toThrow(/--out \/ would replace the repository/);
    const home = mkdtempSync(join(tmpdir(), "psirt-home-"));
    writeFileSync(join(home, ".profile"), "");
    expect(() => checkOutputFolder(root, home)).toThrow(/neither empty nor a previous build's output/);
  });

  it("refuses a release build without the release key, leaving dist/ untouched", () => {
    const before = statSync(join(out, "index.html")).mtimeMs;
    const r = psirt(["build", "--release", "--root", EXAMPLE, "--out", out, "--now", NOW], {
      env: { PSIRT_SIGNING_KEY: "", PSIRT_SIGNING_PASSPHRASE: "" },
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/PSIRT_SIGNING_KEY/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(statSync(join(out, "index.html")).mtimeMs).toBe(before);
  });
});

type Kind = "draft" | "embargo" | "amber" | "red";

function unreleasedAdvisory(n: number, kind: Kind, canary: string): string {
  const status = kind === "draft" ? "draft" : "final";
  const tlp = kind === "amber" ? "AMBER" : kind === "red" ? "RED" : "WHITE";
  return `---
id: EXC-SA-2026-${String(100 + n).padStart(4, "0")}
title: Unreleased ${canary} title
status: ${status}
tlp: ${tlp}
${kind === "embargo" ? "embargo_until: 2030-01-01\n" : ""}summary: Summary ${canary}.
revisions:
  - version: ${status === "draft" ? "0.1.0" : "1.0.0"}
    date: 2026-05-0${1 + (n % 9)}
    summary: Initial ${canary}
vulnerabilities:
  - title: Vulnerability ${canary}
    products:
      known_affected:
        - product: widget
          versions: "1.0.0"
    remediations:
      - category: workaround
        details: Workaround ${canary}
        products: [widget]
references:
  - url: https://example.com/${canary}
    summary: Reference ${canary}
---

## Summary

Body ${canary}.
`;
}

function incident(n: number, canary: string): string {
  return `id: EXC-IR-2026-${String(100 + n).padStart(4, "0")}
title: Incident ${canary}
state: triage
source:
  type: external_report
  reporter:
    name: Reporter ${canary}
    email: r@example.com
    credit: false
received: 2026-04-01
notes: Notes ${canary}
timeline:
  - date: 2026-04-01
    event: received
    note: ${canary}
`;
}

describe("publication rules (property: unreleased content never reaches dist/)", () => {
  it("holds for generated repositories with drafts, embargoed, AMBER and RED advisories and incidents", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({ kind: fc.constantFrom<Kind>("draft", "embargo", "amber", "red"), canary: fc.uuid() }),
          { minLength: 1, maxLength: 3 },
        ),
        fc.uuid(),
        (advisories, incidentCanary) => {
          const root = tempRepo();
          advisories.forEach((a, i) => {
            writeIn(
              root,
              `advisories/2026/EXC-SA-2026-${String(100 + i).padStart(4, "0")}.mdx`,
              unreleasedAdvisory(i, a.kind, `CANARY${a.canary}`),
            );
          });
          writeIn(root, "incidents/2026/EXC-IR-2026-0100.yaml", incident(0, `CANARY${incidentCanary}`));
          const out = join(root, "dist");
          const r = build(root, out);
          expect(r.code, r.stdout + r.stderr).toBe(0);
          const text = allText(out);
          expect(text).toContain("EXC-SA-2026-0001");
          for (const a of advisories) expect(text.includes(a.canary), `${a.kind} canary leaked`).toBe(false);
          expect(text.includes(incidentCanary)).toBe(false);
          expect(text.includes("EXC-IR-")).toBe(false);
        },
      ),
      { numRuns: 3 },
    );
  }, 600_000);

  it("refuses to build a published advisory that names an incident, and writes nothing", () => {
    const root = tempRepo();
    const path = join(root, "advisories/2026/EXC-SA-2026-0001.mdx");
    writeFileSync(
      path,
      readFileSync(path, "utf8").replace(
        "Example Widget 1.0.0 is affected.",
        "Tracked internally as EXC-IR-2026-0001.",
      ),
    );
    const out = join(root, "dist");
    const r = build(root, out);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/PSIRT-E083 this published advisory mentions EXC-IR-2026-0001/);
    expect(() => statSync(out)).toThrow();
  }, 300_000);

  it("scans every output file, its own CSAF files and the site's pages, and publishes nothing on a leak", () => {
    // Validation cannot know that a published text quotes a draft's title: the output scan does.
    const root = tempRepo();
    const published = join(root, "advisories/2026/EXC-SA-2026-0001.mdx");
    const secret = "Undisclosed heap overflow in the Widget licence parser";
    writeIn(
      root,
      "advisories/2026/EXC-SA-2026-0002.mdx",
      readFileSync(published, "utf8")
        .replace("id: EXC-SA-2026-0001", "id: EXC-SA-2026-0002")
        .replace("title: Remote code execution in Example Widget", `title: ${secret}`)
        .replace("status: final", "status: draft")
        .replace("incident: EXC-IR-2026-0001\n", ""),
    );
    writeFileSync(
      published,
      readFileSync(published, "utf8").replace("Example Widget 1.0.0 is affected.", `See also: ${secret}.`),
    );
    const out = join(root, "dist");
    const r = build(root, out);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toContain("occurrence(s) of unpublished content in the output: nothing was published");
    const leaks = r.stdout.split("\n").filter((l) => l.startsWith("LEAK "));
    expect(
      leaks.some((l) => l.startsWith("LEAK dist/.well-known/csaf/white/2026/exc-sa-2026-0001.json:")),
    ).toBe(true);
    expect(leaks.some((l) => l.startsWith("LEAK dist/advisories/EXC-SA-2026-0001/index.html:"))).toBe(true);
    expect(leaks.every((l) => l.includes(`"${secret}"`))).toBe(true);
    expect(() => statSync(out)).toThrow();
  }, 300_000);
});
