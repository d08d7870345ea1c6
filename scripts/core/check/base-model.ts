/**
 * The base side's model, loading only what the change touched: a file whose bytes are the same in
 * the head parses to the same document, so the head's parse is reused for it. A pull request
 * changes a handful of files, so this keeps `check` about as fast as `validate` on repositories
 * with thousands of advisories. Pure.
 */
import { loadRepository, type Model, type RepoFile } from "../load/repository.ts";
import { sameBytes } from "./context.ts";

/** The vendor file decides publication (site.publish_tlp) and is always loaded. */
const ALWAYS = new Set(["inventory/vendor.yaml"]);

export async function loadBaseModel(
  baseFiles: readonly RepoFile[],
  head: { model: Model; files: ReadonlyMap<string, Uint8Array> },
): Promise<Model> {
  const unchanged = new Set<string>();
  const changed: RepoFile[] = [];
  for (const file of baseFiles) {
    if (!ALWAYS.has(file.path) && sameBytes(file.bytes, head.files.get(file.path))) unchanged.add(file.path);
    else changed.push(file);
  }
  const { model } = await loadRepository(changed);
  const byFile = <T extends { file: string }>(a: T, b: T) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0);
  model.advisories.push(...head.model.advisories.filter((a) => unchanged.has(a.file)));
  model.advisories.sort(byFile);
  model.incidents.push(...head.model.incidents.filter((i) => unchanged.has(i.file)));
  model.incidents.sort(byFile);
  for (const [id, product] of head.model.products) {
    if (unchanged.has(product.file) && !model.products.has(id)) model.products.set(id, product);
  }
  for (const [path, sbom] of head.model.sboms) if (unchanged.has(path)) model.sboms.set(path, sbom);
  model.paths = new Set(baseFiles.map((f) => f.path));
  return model;
}
