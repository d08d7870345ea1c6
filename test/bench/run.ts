/**
 * `npm run bench [-- --only validate,pr] [--scale 1]`: benchmarks, not tests. Each prints one JSON
 * line {"bench","n","ours_s","baseline","baseline_s","ratio"}, baseline measured in the same run.
 */
import { spawnSync } from "node:child_process";
import { existsSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { parse as parseYamlText } from "yaml";
import { splitFrontMatter } from "../../scripts/core/load/front-matter.ts";
import { validateRepository } from "../../scripts/core/validate.ts";
import { listContentFiles, readRepository } from "../../scripts/io/repo-files.ts";
import { benchBuild, benchCsaf, ensureHugo } from "./build.ts";
import { generate, scaled } from "./synth.ts";

const ROOT = resolve(import.meta.dirname, "../..");
const { values } = parseArgs({
  options: { only: { type: "string" }, scale: { type: "string" }, keep: { type: "boolean" } },
});
const only = values.only ? new Set(values.only.split(",")) : undefined;
const scale = Number(values.scale ?? "1");
const wants = (name: string) => !only || only.has(name);

export function emit(
  bench: string,
  n: number,
  oursS: number,
  baseline: string,
  baselineS: number,
  extra: Record<string, unknown> = {},
) {
  const round = (x: number) => Math.round(x * 1000) / 1000;
  process.stdout.write(
    `${JSON.stringify({ bench, n, ours_s: round(oursS), baseline, baseline_s: round(baselineS), ratio: round(oursS / baselineS), ...extra })}\n`,
  );
}

const seconds = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e9;

/** A synthetic repository at `factor` × the default size, generated once per run. */
function synthRepo(factor: number): { dir: string; n: number } {
  const size = scaled(factor);
  const dir = join(tmpdir(), `psirt-bench-${size.advisories}`);
  if (!existsSync(join(dir, "inventory/vendor.yaml"))) {
    rmSync(dir, { recursive: true, force: true });
    const t = process.hrtime.bigint();
    const bytes = generate(dir, size);
    process.stderr.write(
      `bench: generated ${dir} (${(bytes / 1e6).toFixed(0)} MB) in ${seconds(t).toFixed(1)} s\n`,
    );
  }
  return { dir, n: size.advisories };
}

/** Baseline: read the same files and parse them (YAML / front matter YAML / JSON), no validation. */
async function plainParse(dir: string): Promise<number> {
  const t = process.hrtime.bigint();
  const files = await readRepository(dir);
  for (const { path, bytes } of files) {
    const text = Buffer.from(bytes).toString("utf8");
    if (path.endsWith(".json")) JSON.parse(text);
    else if (path.endsWith(".mdx")) {
      const split = splitFrontMatter(path, text);
      if (split.ok) parseYamlText(split.split.yaml);
    } else parseYamlText(text);
  }
  return seconds(t);
}

async function fullValidate(dir: string): Promise<{ s: number; errors: number }> {
  const t = process.hrtime.bigint();
  const files = await readRepository(dir);
  const { findings } = await validateRepository(files, new Date("2026-11-23T00:00:00Z"));
  return { s: seconds(t), errors: findings.filter((f) => f.severity === "error").length };
}

async function benchValidate(factor: number) {
  const { dir, n } = synthRepo(factor);
  const base = await plainParse(dir);
  const ours = await fullValidate(dir);
  if (ours.errors > 0)
    process.stderr.write(`bench: warning: synthetic repository has ${ours.errors} validation errors\n`);
  emit("validate", n, ours.s, "read+parse", base, {
    scale: factor,
    files: (await listContentFiles(dir)).length,
  });
  return ours.s;
}

if (wants("validate")) {
  const small = await benchValidate(scale / 10);
  const big = await benchValidate(scale);
  process.stdout.write(
    `${JSON.stringify({ bench: "validate-growth", size_ratio: 10, time_ratio: Math.round((big / small) * 100) / 100 })}\n`,
  );
}

if (wants("pr")) {
  // A pull request touching three files, cross-references resolved against the whole repository;
  // wall time of the real command, including Node start-up. Baseline: `node -e 0` start-up.
  const { dir, n } = synthRepo(scale);
  const touched = [
    "advisories/2026/BEN-SA-2026-00007.mdx",
    "incidents/2026/BEN-IR-2026-00007.yaml",
    "inventory/products/product-6.yaml",
  ];
  let t = process.hrtime.bigint();
  spawnSync(process.execPath, ["-e", "0"]);
  const startup = seconds(t);
  t = process.hrtime.bigint();
  const r = spawnSync(
    process.execPath,
    [join(ROOT, "scripts/psirt.ts"), "validate", "--now", "2026-11-23", ...touched],
    { cwd: dir, encoding: "utf8" },
  );
  const wall = seconds(t);
  if (r.status !== 0)
    throw new Error(
      `pr validate failed (exit ${r.status}): ${r.stdout.slice(0, 500)}${r.stderr.slice(0, 500)}`,
    );
  if (r.status !== 0)
    process.stderr.write(
      `bench: pr validate exited ${r.status}: ${r.stdout.slice(0, 500)}${r.stderr.slice(0, 500)}\n`,
    );
  emit("validate-pr", n, wall, "node-startup", startup, { files: touched.length });
}

if (wants("match")) {
  // Each size in its own process, so that rss_mb is that size's peak resident memory.
  const sizes = [scale, scale * 10];
  const times: number[] = [];
  for (const size of sizes) {
    const r = spawnSync(
      process.execPath,
      ["--max-old-space-size=16384", join(ROOT, "test/bench/match.ts"), "--scale", String(size)],
      { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"], maxBuffer: 1024 * 1024 },
    );
    if (r.status !== 0) throw new Error(`match bench at scale ${size} failed (exit ${r.status})`);
    process.stdout.write(r.stdout);
    times.push(JSON.parse(r.stdout.trim().split("\n").at(-1)!).ours_s);
  }
  process.stdout.write(
    `${JSON.stringify({ bench: "match-growth", size_ratio: 10, time_ratio: Math.round((times[1]! / times[0]!) * 100) / 100 })}\n`,
  );
}

if (wants("build")) {
  // Site + CSAF tree at 1,000 and 10,000 advisories against Hugo on the same Markdown.
  if (!ensureHugo()) throw new Error("hugo is not available: apt-get install -y hugo");
  const times: number[] = [];
  for (const factor of [scale / 10, scale]) {
    const { dir, n } = synthRepo(factor);
    const { ours, hugo, phases, floor } = await benchBuild(dir, ROOT);
    times.push(ours);
    const floorS = floor.astro + floor.pagefind;
    const r3 = (x: number) => Math.round(x * 1000) / 1000;
    emit("build", n, ours, "hugo", hugo, {
      scale: factor,
      phases_s: phases,
      // Astro (bare pages) and Pagefind alone on the same Markdown: no build with them is faster.
      floor_s: r3(floorS),
      floor_parts_s: { astro: r3(floor.astro), pagefind: r3(floor.pagefind) },
      floor_ratio: r3(floorS / hugo),
    });
  }
  process.stdout.write(
    `${JSON.stringify({ bench: "build-growth", size_ratio: 10, time_ratio: Math.round((times[1]! / times[0]!) * 100) / 100 })}\n`,
  );
  const { dir, n } = synthRepo(scale);
  const csaf = await benchCsaf(dir);
  emit("csaf", n, csaf.s, "json-roundtrip", csaf.parseS, {
    documents: csaf.docs,
    docs_per_s: Math.round(csaf.docs / csaf.s),
  });
}
