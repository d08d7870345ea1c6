/**
 * Where a command may write a folder it replaces as a whole (`build`, `build-internal`): never
 * the repository, a folder holding it, or a part of it that is not output.
 */
import { existsSync, lstatSync, readdirSync } from "node:fs";
import { isAbsolute, join, relative, sep } from "node:path";

/** The repository's own folders, protected even where a checkout lacks one (site/ in a fixture). */
const REPOSITORY_FOLDERS = [
  "advisories",
  "incidents",
  "inventory",
  "schemas",
  "scripts",
  "site",
  "test",
  "node_modules",
  ".git",
  ".github",
  ".ci",
  ".psirt",
];

/** `dir` is `parent` or lies below it. */
export function within(dir: string, parent: string): boolean {
  const rel = relative(parent, dir);
  return rel === "" || (!rel.startsWith("..") && !isAbsolute(rel));
}

/**
 * The top folder (or file) of the repository that `out` lies in, when it is part of the
 * repository rather than output: anything that exists or is one of its own folders, except the
 * output folders `outputs`.
 */
export function repositoryPart(root: string, out: string, outputs: readonly string[]): string | undefined {
  if (!within(out, root) || out === root) return undefined;
  const top = relative(root, out).split(sep)[0]!;
  if (outputs.includes(top)) return undefined;
  return REPOSITORY_FOLDERS.includes(top) || existsSync(join(root, top)) ? top : undefined;
}

/**
 * Symbolic links below `dir` (not followed), as paths relative to `base`. Astro copies the site's
 * files into the output as they are, following links: a link would publish whatever it points at.
 */
export function symbolicLinks(dir: string, base: string): string[] {
  const found: string[] = [];
  const stack = [dir];
  while (stack.length > 0) {
    const current = stack.pop()!;
    if (!existsSync(current)) continue;
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      const path = join(current, entry.name);
      if (entry.isSymbolicLink() || lstatSync(path).isSymbolicLink()) found.push(relative(base, path));
      else if (entry.isDirectory()) stack.push(path);
    }
  }
  return found.sort();
}
