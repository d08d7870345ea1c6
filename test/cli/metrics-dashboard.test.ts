/** `psirt build-internal`: the internal dashboard and complete VEX, kept out of dist/. */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { validateCycloneDx } from "../../scripts/core/export/validate-cyclonedx.ts";
import { checkXml } from "../core/metrics/xml.ts";
import { psirt, tempRepo, writeIn } from "../helpers/repo.ts";

const NOW = ["--now", "2026-11-23"];

function* walk(dir: string, base = ""): Generator<string> {
  for (const e of readdirSync(join(dir, base), { withFileTypes: true })) {
    const rel = base ? `${base}/${e.name}` : e.name;
    if (e.isDirectory()) yield* walk(dir, rel);
    else yield rel;
  }
}

const HOSTILE = `<script>alert("x")</script><img src=x onerror=alert(1)> & 'quotes'`;

describe("psirt build-internal", () => {
  it("writes the dashboard, charts, metrics and a valid internal VEX per product version", async () => {
    const out = join(mkdtempSync(join(tmpdir(), "psirt-internal-")), "dist-internal");
    const r = psirt(["build-internal", "--out", out, ...NOW]);
    expect(r.code, r.stderr).toBe(0);
    const files = [...walk(out)].sort();
    expect(files).toContain("index.html");
    expect(files).toContain("metrics.json");
    expect(files).toContain(".psirt-internal");
    expect(files.filter((f) => f.startsWith("charts/"))).toEqual([
      "charts/incidents-by-state.svg",
      "charts/open-by-age.svg",
      "charts/time-to-fix.svg",
    ]);
    const vex = files.filter((f) => f.startsWith("vex/"));
    expect(vex).toHaveLength(15); // 4 + 3 + 4 + 4 product versions
    for (const f of vex)
      expect(await validateCycloneDx(readFileSync(join(out, f), "utf8")), f).toBeUndefined();

    const html = readFileSync(join(out, "index.html"), "utf8");
    // every incident, with links to published advisories only
    for (let i = 1; i <= 6; i++) expect(html).toContain(`NLS-IR-2026-000${i}`);
    expect(html).toContain(
      '<a href="https://psirt.northlight.example/advisories/NLS-SA-2021-0001/">NLS-SA-2021-0001</a>',
    );
    expect(html).toContain('NLS-SA-2026-0005 <span class="muted">(not public: status is draft)</span>');
    expect(html).not.toContain('href="https://psirt.northlight.example/advisories/NLS-SA-2026-0005/"');
    // charts as <img> with alt text, no scripts and no external requests
    expect(html).toContain('<img src="charts/time-to-fix.svg"');
    expect(html).not.toMatch(/<script|<link|@import|src="https?:/i);
    expect(html).toMatch(
      /Content-Security-Policy" content="default-src 'none'; img-src 'self'; style-src 'sha256-/,
    );
    // the confidential internal VEX has what the public one never may
    const er = readFileSync(join(out, "vex/embedded-runtime/4.2.0.cdx.json"), "utf8");
    expect(er).toContain("NLS-IR-2026-0001");
    const metrics = JSON.parse(readFileSync(join(out, "metrics.json"), "utf8"));
    expect(metrics.total).toBe(16);
    for (const f of files.filter((x) => x.endsWith(".svg")))
      expect(checkXml(readFileSync(join(out, f), "utf8")).problems).toEqual([]);
  });

  it("escapes incident text: a <script> title stays text", () => {
    const root = tempRepo();
    writeIn(
      root,
      "incidents/2026/EXC-IR-2026-0002.yaml",
      [
        "id: EXC-IR-2026-0002",
        `title: ${JSON.stringify(HOSTILE)}`,
        "state: new",
        "source:",
        "  type: external_report",
        "received: 2026-11-20",
        "",
      ].join("\n"),
    );
    const out = join(root, "dist-internal");
    const r = psirt(["build-internal", "--root", root, ...NOW]);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    const html = readFileSync(join(out, "index.html"), "utf8");
    expect(html).not.toContain("<script>");
    expect(html).not.toContain("<img src=x");
    expect(html).toContain(
      "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt; &amp; &#39;quotes&#39;",
    );
    expect(existsSync(join(root, "dist"))).toBe(false);
  });

  it("refuses an output inside dist/ (the public output) and writes nothing", () => {
    const root = tempRepo();
    for (const out of ["dist", "dist/internal", join(root, "dist", "x")]) {
      const r = psirt([
        "build-internal",
        "--root",
        root,
        "--out",
        out.startsWith("/") ? out : join(root, out),
        ...NOW,
      ]);
      expect(r.code, out).toBe(2);
      expect(r.stderr).toContain("inside dist/, the public output");
    }
    expect(existsSync(join(root, "dist"))).toBe(false);
  });

  it("refuses to replace a folder it did not write, or one that holds the repository", () => {
    const root = tempRepo();
    const foreign = join(mkdtempSync(join(tmpdir(), "psirt-foreign-")), "notes");
    mkdirSync(foreign);
    writeFileSync(join(foreign, "keep.txt"), "mine");
    const r = psirt(["build-internal", "--root", root, "--out", foreign, ...NOW]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("was not written by build-internal");
    expect(readFileSync(join(foreign, "keep.txt"), "utf8")).toBe("mine");
    // Inside the repository, never where the site or the content would take it in.
    for (const inside of ["site/public/internal", "inventory/x"]) {
      const r2 = psirt(["build-internal", "--root", root, "--out", join(root, inside), ...NOW]);
      expect(r2.code, inside).toBe(2);
      expect(r2.stderr).toContain(`it lies inside ${inside.split("/")[0]}/, which is part of the repository`);
    }
    expect(psirt(["build-internal", "--root", root, "--out", root, ...NOW]).code).toBe(2);
    expect(psirt(["build-internal", "--root", root, "--out", join(root, ".."), ...NOW]).code).toBe(2);
  });

  it("replaces its own earlier output", () => {
    const root = tempRepo();
    expect(psirt(["build-internal", "--root", root, ...NOW]).code).toBe(0);
    writeFileSync(join(root, "dist-internal", "stale.txt"), "old");
    expect(psirt(["build-internal", "--root", root, ...NOW]).code).toBe(0);
    expect(existsSync(join(root, "dist-internal", "stale.txt"))).toBe(false);
    expect(existsSync(join(root, "dist-internal", "index.html"))).toBe(true);
  });

  it("is listed in the usage", () => {
    expect(psirt(["help"]).stdout).toContain("build-internal [--out dist-internal]");
  });
});
