/** `psirt metrics`: formats, --since, --svg-out, usage errors, invalid repositories. */
import { existsSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { checkXml } from "../core/metrics/xml.ts";
import { psirt, tempRepo, writeIn } from "../helpers/repo.ts";

const NOW = ["--now", "2026-11-23"];

describe("psirt metrics", () => {
  it("prints the text report of the example data", () => {
    const r = psirt(["metrics", ...NOW]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("PSIRT metrics at 2026-11-23: 16 incidents, 6 open");
    expect(r.stdout).toMatch(/critical\s+0 \/ 0 \(n=2\)\s+15\.5 \/ 19 \(n=2\)\s+4 \/ 5 \(n=2\)/);
    expect(r.stdout).toMatch(/NLS-IR-2026-0001\s+high\s+time to disclose\s+140\s+60\s+overdue/);
  });

  it("prints JSON with the counts, times, breaches and the incidents measured", () => {
    const r = psirt(["metrics", "--format", "json", ...NOW]);
    expect(r.code).toBe(0);
    const m = JSON.parse(r.stdout);
    expect(m.byState.closed).toBe(10);
    expect(m.times.all.fix).toEqual({ count: 8, median: 58, p90: 92 });
    expect(m.breaches).toHaveLength(8);
    expect(m.incidents).toHaveLength(16);
  });

  it("prints Markdown and honours --since", () => {
    const r = psirt(["metrics", "--format", "markdown", "--since", "2026-01-01", ...NOW]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      "At 2026-11-23, incidents received since 2026-01-01: **6** incidents, **6** open.",
    );
    expect(r.stdout).toContain("| closed | 0 |");
  });

  it("writes the three SVG charts with --svg-out", () => {
    const dir = join(mkdtempSync(join(tmpdir(), "psirt-svg-")), "charts");
    const r = psirt(["metrics", "--svg-out", dir, ...NOW]);
    expect(r.code).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(["incidents-by-state.svg", "open-by-age.svg", "time-to-fix.svg"]);
    for (const f of readdirSync(dir))
      expect(checkXml(readFileSync(join(dir, f), "utf8")).problems).toEqual([]);
  });

  it("exits 2 on bad usage", () => {
    expect(psirt(["metrics", "--format", "xml", ...NOW]).code).toBe(2);
    const since = psirt(["metrics", "--since", "2026-02-30", ...NOW]);
    expect(since.code).toBe(2);
    expect(since.stderr).toContain('--since "2026-02-30" is not a date');
    expect(psirt(["metrics", "--bogus"]).code).toBe(2);
  });

  it("exits 1 and writes no charts when the repository does not validate", () => {
    const root = tempRepo();
    writeIn(
      root,
      "incidents/2026/EXC-IR-2026-0002.yaml",
      "id: EXC-IR-2026-0002\ntitle: broken\nstate: nonsense\n",
    );
    const dir = join(root, "charts");
    const r = psirt(["metrics", "--root", root, "--svg-out", dir, ...NOW]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("does not validate");
    expect(existsSync(dir)).toBe(false);
  });
});
