/**
 * Reading for validation of a few files (a pull request's): the vendor, every product, the given
 * files (and the recipients file for a public key), the SBOMs of given products and the documents
 * the given files link to. Everything else is listed (so existence checks work) but not read: a
 * 10,000-advisory repository is validated for a handful of files in well under two seconds.
 */
import { loadRepository, RECIPIENTS_FILE, type RepoFile } from "../core/load/repository.ts";
import { linkedPaths } from "../core/validate.ts";
import { listContentFiles, readFiles } from "./repo-files.ts";

export interface FocusedRead {
  files: RepoFile[];
  allPaths: string[];
}

export async function readFocused(root: string, focus: readonly string[]): Promise<FocusedRead> {
  const allPaths = await listContentFiles(root);
  const exists = new Set(allPaths);
  const inFocus = (p: string) => focus.some((f) => p === f || p.startsWith(`${f}/`));
  const focused = allPaths.filter(inFocus);
  const wanted = new Set<string>(focused);
  for (const p of allPaths)
    if (p === "inventory/vendor.yaml" || p.startsWith("inventory/products/")) wanted.add(p);
  // A public key is checked through the recipients file that names it.
  if (focused.some((p) => p.startsWith("inventory/keys/")) && exists.has(RECIPIENTS_FILE))
    wanted.add(RECIPIENTS_FILE);

  // First pass over the focused files alone: what do they link to?
  const first = await loadRepository(
    await readFiles(
      root,
      focused.filter((p) => !p.endsWith(".cdx.json")),
    ),
  );
  for (const p of linkedPaths(first.model)) if (exists.has(p)) wanted.add(p);
  for (const product of first.model.products.values()) {
    for (const v of product.data.versions) if (v.sbom && exists.has(v.sbom)) wanted.add(v.sbom);
  }
  // Other SBOMs are not read: only their existence matters here.
  return { files: await readFiles(root, [...wanted].sort()), allPaths };
}
