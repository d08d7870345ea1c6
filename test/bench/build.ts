/**
 * Build benchmark: our full build (validation, CSAF + signing, Astro site, Pagefind, leak scan) of
 * the synthetic repository against Debian's `hugo` rendering the same advisories as Markdown pages
 * with a minimal theme, in the same run, and the floor of build-floor.ts (Astro and Pagefind alone
 * on the same pages). Also CSAF generation + validation + signing throughput.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { toCsaf } from "../../scripts/core/csaf/document.ts";
import { stableStringify } from "../../scripts/core/csaf/json.ts";
import { validateCsaf } from "../../scripts/core/csaf/validate.ts";
import { splitFrontMatter } from "../../scripts/core/load/front-matter.ts";
import { publishedAdvisories } from "../../scripts/core/publish/select.ts";
import { signDetached } from "../../scripts/core/sign/openpgp.ts";
import { validateRepository } from "../../scripts/core/validate.ts";
import { readRepository } from "../../scripts/io/repo-files.ts";
import { loadSigningKey } from "../../scripts/io/signing-key.ts";
import { buildFloor } from "./build-floor.ts";

const seconds = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e9;

/** Installs Debian's hugo when it is missing (benchmarks only; never needed by the tests). */
export function ensureHugo(): boolean {
  if (spawnSync("hugo", ["version"]).status === 0) return true;
  process.stderr.write("bench: installing hugo (apt-get install -y hugo)\n");
  spawnSync(
    "sh",
    ["-c", "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq hugo"],
    { stdio: "inherit" },
  );
  return spawnSync("hugo", ["version"]).status === 0;
}

const LAYOUT = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{{ .Title }}</title></head><body><main><h1>{{ .Title }}</h1>{{ .Content }}</main></body></html>\n`;
const LIST = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{{ .Title }}</title></head><body><ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul></body></html>\n`;

/** A Hugo site with the same advisories (front matter title/date, the Markdown body). */
function hugoSite(repo: string): string {
  const site = mkdtempSync(join(tmpdir(), "psirt-hugo-"));
  writeFileSync(
    join(site, "hugo.toml"),
    'baseURL = "https://psirt.bench.example/"\ntitle = "Bench"\ndisableKinds = ["taxonomy", "term", "RSS", "sitemap"]\n',
  );
  mkdirSync(join(site, "layouts/_default"), { recursive: true });
  writeFileSync(join(site, "layouts/_default/single.html"), LAYOUT);
  writeFileSync(join(site, "layouts/_default/list.html"), LIST);
  writeFileSync(join(site, "layouts/index.html"), LIST);
  mkdirSync(join(site, "content/advisories"), { recursive: true });
  for (const year of readdirSync(join(repo, "advisories"))) {
    for (const file of readdirSync(join(repo, "advisories", year))) {
      const text = readFileSync(join(repo, "advisories", year, file), "utf8");
      const split = splitFrontMatter(file, text);
      if (!split.ok) continue;
      const title = /^title: (.*)$/m.exec(split.split.yaml)?.[1] ?? file;
      const date = /date: (\d{4}-\d{2}-\d{2})/.exec(split.split.yaml)?.[1] ?? "2026-01-01";
      writeFileSync(
        join(site, "content/advisories", file.replace(/\.mdx$/, ".md")),
        `---\ntitle: ${JSON.stringify(title)}\ndate: ${date}\n---\n${split.split.body}`,
      );
    }
  }
  return site;
}

/**
 * When each step of our build ended, seconds from its start, read from its progress lines
 * (`build: <what> [12.3 s]`): validated, csaf, site, search, scanned, written.
 */
function phases(stderr: string): Record<string, number> {
  const names: [RegExp, string][] = [
    [/^data date/, "validated"],
    [/published advisories/, "csaf"],
    [/^site built/, "site"],
    [/^search index built/, "search"],
    [/^scanned the output/, "scanned"],
    [/^wrote /, "written"],
  ];
  const out: Record<string, number> = {};
  for (const line of stderr.split("\n")) {
    const m = /^build: (.*) \[([\d.]+) s\]$/.exec(line);
    const name = m && names.find(([re]) => re.test(m[1]!))?.[1];
    if (name) out[name] = Number(m[2]);
  }
  return out;
}

export async function benchBuild(
  repo: string,
  root: string,
): Promise<{
  ours: number;
  hugo: number;
  phases: Record<string, number>;
  floor: { astro: number; pagefind: number };
}> {
  const out = mkdtempSync(join(tmpdir(), "psirt-bench-dist-"));
  let t = process.hrtime.bigint();
  const r = spawnSync(
    process.execPath,
    [join(root, "scripts/psirt.ts"), "build", "--root", repo, "--out", out, "--now", "2026-11-23"],
    { encoding: "utf8", maxBuffer: 64 << 20 },
  );
  const ours = seconds(t);
  if (r.status !== 0) throw new Error(`build failed: ${r.stdout.slice(-2000)}${r.stderr.slice(-2000)}`);
  rmSync(out, { recursive: true, force: true });
  const site = hugoSite(repo);
  t = process.hrtime.bigint();
  const h = spawnSync("hugo", ["--quiet", "--source", site, "--destination", join(site, "public")], {
    encoding: "utf8",
  });
  const hugo = seconds(t);
  if (h.status !== 0) throw new Error(`hugo failed: ${h.stderr}`);
  const floor = await buildFloor(join(site, "content/advisories"), root);
  rmSync(site, { recursive: true, force: true });
  return { ours, hugo, phases: phases(r.stderr), floor };
}

/** CSAF generation + validation (strict schema, mandatory tests) + signing, documents per second. */
export async function benchCsaf(repo: string): Promise<{ docs: number; s: number; parseS: number }> {
  const now = new Date("2026-11-23T00:00:00Z");
  const { model } = await validateRepository(await readRepository(repo), now);
  const published = publishedAdvisories(model, now);
  const { key } = await loadSigningKey({
    release: false,
    cacheDir: join(repo, ".psirt"),
    vendorName: "Bench",
  });
  await validateCsaf(toCsaf(model, published[0]!), { optional: false }); // library loading is start-up
  let t = process.hrtime.bigint();
  for (const adv of published) {
    const doc = toCsaf(model, adv);
    const result = await validateCsaf(doc, { optional: false });
    if (!result.valid) throw new Error(`${adv.data.id}: invalid CSAF`);
    await signDetached(stableStringify(doc), key, new Date(doc.document.tracking.current_release_date));
  }
  const s = seconds(t);
  t = process.hrtime.bigint();
  for (const adv of published) JSON.parse(JSON.stringify(adv.data));
  return { docs: published.length, s, parseS: seconds(t) };
}
