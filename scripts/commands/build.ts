/**
 * `psirt build [--release] [--out dist] [--now DATE] [--no-search]`: validate; then, side by side,
 * the Astro site and the Pagefind index (two processes, from the validated model cut down to what
 * is published) and, here, the CSAF documents (validated and signed) and the exports; check that
 * nothing unreleased is in any byte of the output; replace `dist/` in one step (never a
 * half-written output). Order and reasons: scripts/docs/site.md, "Build order".
 */
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { parseArgs } from "node:util";
import { buildArtifacts } from "../core/build/artifacts.ts";
import { findLeaks, unpublishedNeedles } from "../core/build/leaks.ts";
import { CliError, EXIT } from "../core/exit-codes.ts";
import { hasErrors } from "../core/finding.ts";
import { loadRepository } from "../core/load/repository.ts";
import { expiryWarning } from "../core/provider/security-txt.ts";
import { dataDate, publishedAdvisories } from "../core/publish/select.ts";
import { siteModel } from "../core/publish/site-model.ts";
import { checkModel } from "../core/validate.ts";
import { repoRoot } from "../io/invocation.ts";
import { resolveBuildDate } from "../io/now.ts";
import { repositoryPart, symbolicLinks, within } from "../io/output-folder.ts";
import { readRepository } from "../io/repo-files.ts";
import { loadSigningKey } from "../io/signing-key.ts";
import { writeSiteModel } from "../io/site-model.ts";
import { type RunningTool, startTool } from "../io/tool-process.ts";
import { formatText } from "../report/findings.ts";

const TOOL_ROOT = resolve(import.meta.dirname, "../..");

const started = performance.now();
function say(line: string): void {
  process.stderr.write(`build: ${line} [${((performance.now() - started) / 1000).toFixed(1)} s]\n`);
}

function* walk(dir: string, base = dir): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(full, base);
    else yield relative(base, full).split(sep).join("/");
  }
}

/** A previous build's output holds this file: only such a folder (or an empty one) is replaced. */
const OUTPUT_MARKER = ".well-known/csaf/provider-metadata.json";

/**
 * The output folder is replaced as a whole, so it must be one a build may replace: not the
 * repository or a folder holding it, not inside one of its folders that are not output, not a
 * file, and either new, empty, or a previous build's output (it holds OUTPUT_MARKER).
 */
export function checkOutputFolder(root: string, out: string): void {
  const refuse = (why: string) => {
    throw new CliError(`build: --out ${out} ${why}; choose a new or empty folder (default: dist/)`);
  };
  if (within(root, out)) refuse("would replace the repository");
  const part = repositoryPart(root, out, ["dist", "out"]);
  if (part !== undefined) refuse(`lies inside ${part}/, which is part of the repository`);
  if (!existsSync(out)) return;
  if (!statSync(out).isDirectory()) refuse("is a file");
  if (readdirSync(out).length > 0 && !existsSync(join(out, OUTPUT_MARKER)))
    refuse(`is a folder that is neither empty nor a previous build's output (it has no ${OUTPUT_MARKER})`);
}

export async function run(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      release: { type: "boolean" },
      out: { type: "string" },
      now: { type: "string" },
      root: { type: "string" },
      "no-search": { type: "boolean" },
    },
  });
  const root = repoRoot(values.root);
  const out = resolve(values.out ?? join(root, "dist"));
  checkOutputFolder(root, out);
  const links = ["public", "src"].flatMap((d) => symbolicLinks(join(TOOL_ROOT, "site", d), TOOL_ROOT));
  if (links.length > 0) {
    throw new CliError(
      `build: ${links.join(", ")} ${links.length === 1 ? "is a symbolic link" : "are symbolic links"}: the site's files are published as they are, so a link could publish any file of this machine; put the file itself there`,
      EXIT.findings,
    );
  }
  // One load; the rules run once the data date (which embargoes may move) is known.
  const loaded = await loadRepository(await readRepository(root));
  const commit = resolveBuildDate(root, values.now);
  let now = commit.date;
  let source = commit.source;
  if (commit.fromCommit) {
    const lifted = dataDate(loaded.model, commit.date, new Date());
    if (lifted.embargo) {
      now = lifted.date;
      source = `${lifted.embargo}, which has passed since the commit`;
    }
  }
  say(`data date ${now.toISOString()} (from ${source})`);
  const renew = expiryWarning(now, new Date());
  if (renew) process.stderr.write(`build: warning: ${renew}\n`);

  const { model, findings } = checkModel(loaded.model, loaded.findings, now);
  if (hasErrors(findings)) {
    process.stdout.write(formatText(findings.filter((f) => f.severity === "error")));
    say("validation failed: nothing was built (run `npm run psirt -- validate` for details)");
    return EXIT.findings;
  }
  const signing = await loadSigningKey({
    release: Boolean(values.release),
    cacheDir: join(root, ".psirt"),
    vendorName: model.vendor!.data.name,
  });
  if (signing.warning) process.stderr.write(`\n${"!".repeat(78)}\n${signing.warning}\n${"!".repeat(78)}\n\n`);

  const published = publishedAdvisories(model, now);
  // Build in a fresh work folder and swap only when everything succeeded. Astro runs inside it,
  // with its caches there too, so concurrent builds never share temporary files; the folder lies
  // under this package's node_modules so that Astro's prerender chunks resolve their imports.
  mkdirSync(join(TOOL_ROOT, "node_modules/.cache"), { recursive: true });
  const work = mkdtempSync(join(TOOL_ROOT, "node_modules/.cache/psirt-build-"));
  const staging = join(work, "dist");
  let astro: RunningTool | undefined;
  let search: RunningTool | undefined;
  /** Every file of the output passes the leak scan once: this counts them. */
  let scanned = 0;
  try {
    // The site gets the model validated above, cut down to what is published, and renders its
    // pages in another process, Pagefind indexes the same advisories in a third, while this one
    // derives, validates and signs the CSAF documents.
    const modelFile = join(work, "site-model.bin");
    writeSiteModel(modelFile, siteModel(model, published));
    astro = startTool(
      "astro build",
      [
        join(TOOL_ROOT, "node_modules/astro/bin/astro.mjs"),
        "build",
        "--root",
        join(TOOL_ROOT, "site"),
        "--silent",
      ],
      {
        PSIRT_ROOT: root,
        PSIRT_NOW: now.toISOString(),
        PSIRT_SITE_OUT: staging,
        PSIRT_SITE_CACHE: join(work, "cache"),
        PSIRT_SITE_MODEL: modelFile,
        // The policy page gives the key's fingerprint, for reporters and customers to pin.
        PSIRT_KEY_FINGERPRINT: signing.key.fingerprint,
        ASTRO_TELEMETRY_DISABLED: "1",
      },
      work,
      join(work, "astro.log"),
    );
    // The index goes beside the output (Astro empties its output folder when it starts).
    const index = join(work, "pagefind");
    if (!values["no-search"]) {
      const args = [join(TOOL_ROOT, "scripts/io/search-index.ts"), modelFile, index];
      search = startTool("pagefind", args, {}, TOOL_ROOT, join(work, "pagefind.log"));
    }
    const artifacts = await buildArtifacts(model, published, now, signing.key);
    if (artifacts.findings.length > 0) {
      process.stdout.write(formatText(artifacts.findings));
      return EXIT.findings;
    }
    say(
      `${published.length} published advisories, ${artifacts.documents} CSAF documents (validated and signed)`,
    );
    // The CSAF tree and the exports are written and scanned beside the site while Astro still
    // renders (it empties its output folder when it starts), then moved in.
    const needles = unpublishedNeedles(model, now);
    const scan = (dir: string, prefix = "") =>
      findLeaks(
        (function* () {
          for (const path of walk(dir)) {
            scanned++;
            yield [prefix + path, readFileSync(join(dir, path))] as [string, Uint8Array];
          }
        })(),
        needles,
      );
    // The build's own files are scanned as the very bytes that are then written (not read back):
    // findLeaks takes each file before the next, so each is written once it has been scanned.
    const extra = join(work, "artifacts");
    const folders = new Set<string>();
    const leaks = findLeaks(
      (function* (): Generator<[string, Uint8Array]> {
        for (const [path, content] of artifacts.files) {
          const bytes = typeof content === "string" ? Buffer.from(content, "utf8") : content;
          yield [path, bytes];
          const target = join(extra, path);
          const folder = dirname(target);
          if (!folders.has(folder)) {
            mkdirSync(folder, { recursive: true });
            folders.add(folder);
          }
          writeFileSync(target, bytes);
          scanned++;
        }
      })(),
      needles,
    );
    await astro.done;
    say("site built");
    leaks.push(...scan(staging));
    if (search) {
      await search.done;
      say("search index built");
      renameSync(index, join(extra, "pagefind"));
      leaks.push(...scan(join(extra, "pagefind"), "pagefind/"));
    }
    for (const name of readdirSync(extra)) {
      if (existsSync(join(staging, name)))
        throw new CliError(
          `build: the site and the build's own files both write ${name}: rename one of them`,
        );
      renameSync(join(extra, name), join(staging, name));
    }
    say(`scanned the output for ${needles.length} unpublished ids and titles`);
    if (leaks.length > 0) {
      for (const l of leaks.slice(0, 50))
        process.stdout.write(`LEAK dist/${l.path}: "${l.needle}" (${l.why})\n`);
      throw new CliError(
        `${leaks.length} occurrence(s) of unpublished content in the output: nothing was published`,
        EXIT.findings,
      );
    }
    mkdirSync(dirname(out), { recursive: true });
    rmSync(out, { recursive: true, force: true });
    try {
      renameSync(staging, out);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EXDEV") throw error;
      cpSync(staging, out, { recursive: true }); // another file system: copy instead
    }
  } finally {
    await astro?.stop(); // before their folder goes
    await search?.stop();
    rmSync(work, { recursive: true, force: true });
  }
  say(
    `wrote ${relative(process.cwd(), out) || "."}/ (${scanned} files)${signing.development ? " signed with the DEVELOPMENT key" : ""}`,
  );
  return EXIT.ok;
}
