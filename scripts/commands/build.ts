/**
 * `psirt build [--release] [--out dist] [--now DATE] [--no-search]`: validate, derive and validate
 * CSAF, sign, build the Astro site, index it with Pagefind, check that nothing unreleased is in
 * any byte of the output, then replace `dist/` in one step (never a half-written output).
 */
import { spawnSync } from "node:child_process";
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { parseArgs } from "node:util";
import { buildArtifacts } from "../core/build/artifacts.ts";
import { findLeaks, unpublishedNeedles } from "../core/build/leaks.ts";
import { canonicalPagefindEntry, SEARCH_GLOB } from "../core/build/search.ts";
import { CliError, EXIT } from "../core/exit-codes.ts";
import { hasErrors } from "../core/finding.ts";
import { loadRepository } from "../core/load/repository.ts";
import { dataDate, publishedAdvisories } from "../core/publish/select.ts";
import { checkModel } from "../core/validate.ts";
import { resolveBuildDate } from "../io/now.ts";
import { readRepository } from "../io/repo-files.ts";
import { loadSigningKey } from "../io/signing-key.ts";
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

/** Runs a Node tool of ours with the pinned Node; output goes to stderr; fails the build on error. */
function runTool(what: string, args: string[], env: Record<string, string>, cwd = TOOL_ROOT): void {
  const r = spawnSync(process.execPath, args, {
    cwd,
    env: { ...process.env, ...env },
    encoding: "utf8",
    maxBuffer: 256 * 1024 * 1024,
  });
  if (r.status !== 0) {
    process.stderr.write(r.stdout + r.stderr);
    throw new CliError(`${what} failed (exit ${r.status ?? r.signal})`, EXIT.findings);
  }
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
  const root = resolve(values.root ?? ".");
  const out = resolve(values.out ?? join(root, "dist"));
  // The output folder is replaced as a whole: never the repository, a folder holding it, or one of its folders.
  const inside = (dir: string, parent: string) => dir === parent || dir.startsWith(`${parent}${sep}`);
  const kept = ["advisories", "incidents", "inventory", "schemas", "scripts", "site", "test", ".git"];
  if (inside(root, out) || kept.some((d) => inside(out, join(root, d)))) {
    throw new CliError(
      `build: --out ${out} would replace the repository or a part of it; choose another folder`,
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
  const artifacts = await buildArtifacts(model, published, now, signing.key);
  if (artifacts.findings.length > 0) {
    process.stdout.write(formatText(artifacts.findings));
    return EXIT.findings;
  }
  say(
    `${published.length} published advisories, ${artifacts.documents} CSAF documents (validated and signed)`,
  );

  // Build in a fresh work folder and swap only when everything succeeded. Astro runs inside it,
  // with its caches there too, so concurrent builds never share temporary files; the folder lies
  // under this package's node_modules so that Astro's prerender chunks resolve their imports.
  mkdirSync(join(TOOL_ROOT, "node_modules/.cache"), { recursive: true });
  const work = mkdtempSync(join(TOOL_ROOT, "node_modules/.cache/psirt-build-"));
  const staging = join(work, "dist");
  try {
    runTool(
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
        PSIRT_VALIDATED: "1",
        ASTRO_TELEMETRY_DISABLED: "1",
      },
      work,
    );
    say("site built");
    for (const [path, content] of artifacts.files) {
      const target = join(staging, path);
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, content);
    }
    if (!values["no-search"]) {
      const pagefind = join(TOOL_ROOT, "node_modules/pagefind/lib/runner/bin.cjs");
      runTool("pagefind", [pagefind, "--site", staging, "--glob", SEARCH_GLOB, "--silent"], {});
      const entry = join(staging, "pagefind/pagefind-entry.json");
      writeFileSync(entry, canonicalPagefindEntry(readFileSync(entry, "utf8")));
      say("search index built");
    }
    const needles = unpublishedNeedles(model, now);
    const leaks = findLeaks(
      (function* () {
        for (const path of walk(staging))
          yield [path, readFileSync(join(staging, path))] as [string, Uint8Array];
      })(),
      needles,
    );
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
    rmSync(work, { recursive: true, force: true });
  }
  say(
    `wrote ${relative(process.cwd(), out) || "."}/ (${[...walk(out)].length} files)${signing.development ? " signed with the DEVELOPMENT key" : ""}`,
  );
  return EXIT.ok;
}
