/**
 * Next free ids: `<PREFIX>-IR-<YYYY>-<NNNN>` and `<PREFIX>-SA-<YYYY>-<NNNN>`. An id is taken when a
 * document with it loaded, when a file of that name exists (even one that fails to parse), or when
 * the caller reserved it (several documents planned in one run).
 */
import type { Model } from "../load/repository.ts";

export type IdKind = "IR" | "SA";

/** Every id of `kind` the repository uses: loaded documents, file names, broken documents. */
export function takenIds(model: Model, kind: IdKind): Set<string> {
  const taken = new Set<string>();
  const docs = kind === "IR" ? model.incidents : model.advisories;
  for (const d of docs) taken.add(d.data.id);
  const folder = kind === "IR" ? "incidents" : "advisories";
  for (const path of model.paths) {
    if (!path.startsWith(`${folder}/`)) continue;
    const name = path.replace(/^.*\//, "").replace(/\.(ya?ml|mdx)$/, "");
    taken.add(name);
  }
  for (const id of model.brokenIds) taken.add(id);
  return taken;
}

/** `<prefix>-<kind>-<year>-<NNNN>` with NNNN one above the highest taken number of that prefix and year. */
export function nextId(prefix: string, kind: IdKind, year: number, taken: Iterable<string>): string {
  const re = new RegExp(`^${prefix}-${kind}-${year}-(\\d{4,})$`);
  let max = 0;
  for (const id of taken) {
    const m = re.exec(id);
    if (m) max = Math.max(max, Number(m[1]));
  }
  return `${prefix}-${kind}-${year}-${String(max + 1).padStart(4, "0")}`;
}

/** The UTC calendar date of `now`, `YYYY-MM-DD`. */
export const isoDate = (now: Date): string => now.toISOString().slice(0, 10);
