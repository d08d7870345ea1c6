/**
 * Files saved on Windows (CRLF) or with old Mac line breaks (CR) read exactly as with LF: same data,
 * same bodies, findings on the same lines and columns.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { RepoFile } from "../../scripts/core/load/repository.ts";
import { validateRepository } from "../../scripts/core/validate.ts";
import { readRepository } from "../../scripts/io/repo-files.ts";
import { EXAMPLE, FIXTURES, psirt, tempRepo, validateDir, writeIn } from "../helpers/repo.ts";

const NOW = new Date("2026-11-23T00:00:00Z");
const ADVISORY = "advisories/2026/EXC-SA-2026-0001.mdx";
const INCIDENT = "incidents/2026/EXC-IR-2026-0001.yaml";

/** Every YAML and MDX file with `break` for line breaks, as `sed -i 's/$/\r/'` leaves it. */
function withBreaks(files: readonly RepoFile[], lineBreak: string): RepoFile[] {
  return files.map((f) =>
    /\.(ya?ml|mdx)$/.test(f.path)
      ? { ...f, bytes: new TextEncoder().encode(new TextDecoder().decode(f.bytes).replace(/\n/g, lineBreak)) }
      : f,
  );
}

const view = (r: Awaited<ReturnType<typeof validateRepository>>) => ({
  findings: r.findings.map((f) => `${f.file}:${f.line}:${f.column} ${f.code} ${f.message}`),
  advisories: r.model.advisories.map((a) => ({
    file: a.file,
    data: a.data,
    body: a.body,
    bodyLine: a.bodyLine,
  })),
  incidents: r.model.incidents.map((i) => ({ file: i.file, data: i.data })),
  products: [...r.model.products.values()].map((p) => p.data),
});

describe("files saved with CRLF line endings", () => {
  it("the example repository validates as with LF: no findings, the same data and bodies", async () => {
    const files = await readRepository(EXAMPLE);
    const lf = view(await validateRepository(files, NOW));
    const crlf = view(await validateRepository(withBreaks(files, "\r\n"), NOW));
    expect(crlf.findings).toEqual([]);
    expect(crlf).toEqual(lf);
    // The files the audit saw fail: `"category" is "self": expected one of …` and `"date" … not a real date`.
    expect(crlf.advisories.find((a) => a.file === "advisories/2021/NLS-SA-2021-0001.mdx")).toBeDefined();
  });

  it("old Mac line breaks (CR alone) read as line breaks too", async () => {
    const files = await readRepository(join(FIXTURES, "repo-min"));
    expect(view(await validateRepository(withBreaks(files, "\r"), NOW))).toEqual(
      view(await validateRepository(files, NOW)),
    );
  });

  it("reports a finding in CRLF front matter on its line and column, without a stray \\r", async () => {
    const root = tempRepo();
    writeIn(root, ADVISORY, readFileSync(join(FIXTURES, "bad/E040-crlf-date-not-real.mdx")));
    const { findings } = await validateDir(root);
    expect(findings.map((f) => [f.file, f.line, f.column, f.code, f.message])).toEqual([
      [
        ADVISORY,
        10,
        11,
        "PSIRT-E040",
        '"date" is "2026-02-30": not a real date: expected YYYY-MM-DD or an RFC 3339 date-time such as 2026-01-31T09:00:00Z',
      ],
    ]);
  });

  it("keeps the body's lines: an MDX finding in a CRLF body is on its line", async () => {
    const root = tempRepo();
    const text = readFileSync(join(FIXTURES, "repo-min", ADVISORY), "utf8")
      .replace("Example Widget 1.0.0 is affected.", "See [this](javascript:alert(1)).")
      .replace(/\n/g, "\r\n");
    writeIn(root, ADVISORY, text);
    const { findings } = await validateDir(root);
    expect(findings.map((f) => [f.file, f.line, f.column, f.code])).toEqual([
      [ADVISORY, 43, 5, "PSIRT-E074"],
    ]);
  });

  it("`validate` accepts a CRLF advisory whose front matter ends with an enum (exit 0)", () => {
    const root = tempRepo();
    // The audit's case: the last front matter line kept its `\r`, so `self` read as "self\r".
    const text = readFileSync(join(root, ADVISORY), "utf8").replace(
      "    summary: NVD entry\n",
      "    summary: NVD entry\n    category: self\n",
    );
    writeIn(root, ADVISORY, text.replace(/\n/g, "\r\n"));
    writeIn(root, INCIDENT, readFileSync(join(root, INCIDENT), "utf8").replace(/\n/g, "\r\n"));
    const { code, stdout } = psirt(["validate", "--now", "2026-11-23"], { cwd: root });
    expect(stdout).not.toMatch(/error PSIRT/);
    expect(code).toBe(0);
  });
});
