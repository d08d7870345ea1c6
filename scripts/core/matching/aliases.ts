/**
 * One vulnerability, many ids: GHSA-36p3-wjmg-h94x, CVE-2022-22965 and the NVD record of that CVE
 * are one vulnerability. Union-find over every record's id and aliases (OSV `related` is not an
 * alias and is not merged); each group gets a preferred id.
 */

/** A group of ids naming one vulnerability. */
export interface AliasGroup {
  /** Preferred id: the smallest CVE id, else the smallest GHSA id, else the smallest id. */
  id: string;
  /** All other ids, sorted. */
  aliases: string[];
}

/** Case-insensitive key of an id (CVE/GHSA ids are written in varying case in the wild). */
export const idKey = (id: string): string => id.trim().toUpperCase();

function preference(id: string): number {
  const key = idKey(id);
  return key.startsWith("CVE-") ? 0 : key.startsWith("GHSA-") ? 1 : 2;
}

/** Orders ids by preference, then CVE ids numerically by year and number, then as text. */
export function compareIds(a: string, b: string): number {
  const pa = preference(a);
  const pb = preference(b);
  if (pa !== pb) return pa - pb;
  const ca = /^CVE-(\d+)-(\d+)$/i.exec(a);
  const cb = /^CVE-(\d+)-(\d+)$/i.exec(b);
  if (ca && cb) return Number(ca[1]) - Number(cb[1]) || Number(ca[2]) - Number(cb[2]);
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Union-find over ids (union by size, path compression). Members are kept per root, so a group is
 * materialized only when asked for, in time proportional to its own size.
 */
export class AliasGroups {
  readonly #parent = new Map<string, string>();
  /** Ids of each root's set, in the spelling first seen. */
  readonly #members = new Map<string, string[]>();
  readonly #groups = new Map<string, AliasGroup>();

  /** The root key of an id's set (the id's key itself when it was never added). */
  rootOf(id: string): string {
    return this.#find(idKey(id));
  }

  #find(key: string): string {
    let root = key;
    for (let p = this.#parent.get(root); p !== undefined && p !== root; p = this.#parent.get(root)) root = p;
    let node = key;
    while (node !== root) {
      const next = this.#parent.get(node)!;
      this.#parent.set(node, root);
      node = next;
    }
    return root;
  }

  #add(id: string): string {
    const key = idKey(id);
    if (!this.#parent.has(key)) {
      this.#parent.set(key, key);
      this.#members.set(key, [id.trim()]);
    }
    return key;
  }

  /** Records that `id` and every alias name the same vulnerability. */
  add(id: string, aliases: readonly string[]): void {
    let root = this.#find(this.#add(id));
    for (const alias of aliases) {
      if (alias.trim() === "") continue;
      const other = this.#find(this.#add(alias));
      if (other === root) continue;
      const a = this.#members.get(root)!;
      const b = this.#members.get(other)!;
      const [big, small, bigRoot, smallRoot] =
        a.length >= b.length ? [a, b, root, other] : [b, a, other, root];
      for (const m of small) big.push(m);
      this.#parent.set(smallRoot, bigRoot);
      this.#members.delete(smallRoot);
      this.#groups.delete(smallRoot);
      this.#groups.delete(bigRoot);
      root = bigRoot;
    }
  }

  /** The group of a root key (from `rootOf`). */
  groupOfRoot(root: string): AliasGroup {
    let group = this.#groups.get(root);
    if (group === undefined) {
      const ids = [...(this.#members.get(root) ?? [root])].sort(compareIds);
      group = { id: ids[0]!, aliases: ids.slice(1) };
      this.#groups.set(root, group);
    }
    return group;
  }

  /** The group of an id that was added; undefined for unknown ids. */
  groupOf(id: string): AliasGroup | undefined {
    const key = idKey(id);
    if (!this.#parent.has(key)) return undefined;
    return this.groupOfRoot(this.#find(key));
  }
}
