/**
 * A floor for the build benchmark: what the two tools the site must be built with cost on their
 * own, on the same Markdown pages Hugo renders. Astro builds a bare site (one page per advisory,
 * the body rendered by the project's Markdown renderer, the title, nothing else; an index page
 * listing them, as Hugo's theme has), and Pagefind indexes its HTML. No validation, CSAF,
 * signatures, exports, product, CVE or filter pages, feeds or leak scan: our build does all of
 * those too, so it cannot be faster than this floor.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import * as pagefind from "pagefind";

const seconds = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e9;

const PAGE = (root: string) => `---
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { renderBody } from "${join(root, "scripts/core/mdx/render.ts")}";

export function getStaticPaths() {
  const dir = process.env.PSIRT_FLOOR_CONTENT!;
  return readdirSync(dir).map((f) => ({ params: { slug: f.replace(/\\.md$/, "") }, props: { file: join(dir, f) } }));
}
const text = readFileSync(Astro.props.file, "utf8");
const head = /^---\\ntitle: (.*)\\n[\\s\\S]*?---\\n/.exec(text)!;
const title = JSON.parse(head[1]!) as string;
const { html } = renderBody(text.slice(head[0].length));
---
<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{title}</title></head><body><main><h1>{title}</h1><Fragment set:html={html} /></main></body></html>
`;

const INDEX = `---
import { readdirSync } from "node:fs";
const slugs = readdirSync(process.env.PSIRT_FLOOR_CONTENT!).map((f) => f.replace(/\\.md$/, ""));
---
<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Advisories</title></head><body><ul>{slugs.map((s) => <li><a href={\`/advisories/\${s}/\`}>{s}</a></li>)}</ul></body></html>
`;

/** Builds the bare Astro site of the Markdown files in `content` and indexes it with Pagefind. */
export async function buildFloor(
  content: string,
  root: string,
): Promise<{ astro: number; pagefind: number }> {
  // Inside the repository, so that the project resolves astro from its node_modules.
  const parent = join(root, "node_modules/.cache");
  mkdirSync(parent, { recursive: true });
  const project = mkdtempSync(join(parent, "psirt-bench-floor-"));
  try {
    mkdirSync(join(project, "src/pages/advisories"), { recursive: true });
    writeFileSync(join(project, "astro.config.mjs"), "export default { output: 'static' };\n");
    writeFileSync(join(project, "src/pages/advisories/[slug].astro"), PAGE(root));
    writeFileSync(join(project, "src/pages/index.astro"), INDEX);
    let t = process.hrtime.bigint();
    const r = spawnSync(
      process.execPath,
      [join(root, "node_modules/astro/bin/astro.mjs"), "build", "--root", project],
      {
        cwd: root,
        encoding: "utf8",
        env: { ...process.env, PSIRT_FLOOR_CONTENT: content, ASTRO_TELEMETRY_DISABLED: "1" },
        maxBuffer: 64 << 20,
      },
    );
    const astro = seconds(t);
    if (r.status !== 0)
      throw new Error(`bare astro build failed: ${r.stdout.slice(-2000)}${r.stderr.slice(-2000)}`);
    t = process.hrtime.bigint();
    const { index, errors } = await pagefind.createIndex({});
    if (!index) throw new Error(`pagefind: ${errors.join("; ")}`);
    try {
      const added = await index.addDirectory({ path: join(project, "dist") });
      if (added.errors.length > 0) throw new Error(`pagefind: ${added.errors.join("; ")}`);
      const files = await index.getFiles();
      if (files.errors.length > 0) throw new Error(`pagefind: ${files.errors.join("; ")}`);
    } finally {
      await pagefind.close();
    }
    return { astro, pagefind: seconds(t) };
  } finally {
    rmSync(project, { recursive: true, force: true });
  }
}
