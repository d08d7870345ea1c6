/**
 * Maven versions, ordered exactly as Maven 3.9's `ComparableVersion` orders them (the algorithm of
 * https://maven.apache.org/pom.html#version-order-specification): tokens split on `.`, `-` and
 * digit/letter transitions, trailing "null" items trimmed, qualifiers ranked
 * `alpha < beta < milestone < rc = cr < snapshot < "" = ga = final = release < sp < other`, so
 * `1.0-alpha < 1.0 < 1.0-sp1` and `5.2.20.RELEASE == 5.2.20`.
 */
import { compareDigits, compareStrings, defineScheme, isDigit, type ParseResult } from "./scheme.ts";

type Item = { t: "int"; v: string } | { t: "str"; v: string } | ListItem;
interface ListItem {
  t: "list";
  items: Item[];
}

const QUALIFIERS = ["alpha", "beta", "milestone", "rc", "snapshot", "", "sp"];
const ALIASES: Record<string, string> = { ga: "", final: "", release: "", cr: "rc" };
const RELEASE_INDEX = String(QUALIFIERS.indexOf(""));

function stringItem(value: string, followedByDigit: boolean): Item {
  if (followedByDigit && value.length === 1) {
    value = { a: "alpha", b: "beta", m: "milestone" }[value] ?? value;
  }
  return { t: "str", v: ALIASES[value] ?? value };
}

function parseItem(digits: boolean, buf: string): Item {
  return digits ? { t: "int", v: buf.replace(/^0+/, "") || "0" } : stringItem(buf, false);
}

/** A string that sorts known qualifiers by rank and unknown ones after them, lexically. */
function comparableQualifier(q: string): string {
  const i = QUALIFIERS.indexOf(q);
  return i === -1 ? `${QUALIFIERS.length}-${q}` : String(i);
}

function isNull(item: Item): boolean {
  if (item.t === "int") return item.v === "0";
  if (item.t === "str") return comparableQualifier(item.v) === RELEASE_INDEX;
  return item.items.length === 0;
}

/** Removes trailing null items (0, "", empty list), skipping over non-null sub-lists. */
function normalize(list: ListItem): void {
  for (let i = list.items.length - 1; i >= 0; i--) {
    const last = list.items[i]!;
    if (isNull(last)) list.items.splice(i, 1);
    else if (last.t !== "list") break;
  }
}

/** `ComparableVersion.Item.compareTo`, where `null` stands for a missing item. */
function compareItem(a: Item, b: Item | null): number {
  if (a.t === "int") {
    if (b === null) return a.v === "0" ? 0 : 1;
    return b.t === "int" ? compareDigits(a.v, b.v) : 1;
  }
  if (a.t === "str") {
    if (b === null) return compareStrings(comparableQualifier(a.v), RELEASE_INDEX);
    if (b.t === "str") return compareStrings(comparableQualifier(a.v), comparableQualifier(b.v));
    return -1;
  }
  if (b === null) {
    for (const item of a.items) {
      const c = compareItem(item, null);
      if (c !== 0) return c;
    }
    return 0;
  }
  if (b.t === "int") return -1;
  if (b.t === "str") return 1;
  for (let i = 0; i < Math.max(a.items.length, b.items.length); i++) {
    const l = a.items[i];
    const r = b.items[i];
    const c = l === undefined ? (r === undefined ? 0 : -compareItem(r, null)) : compareItem(l, r ?? null);
    if (c !== 0) return c;
  }
  return 0;
}

/** `ComparableVersion.parseVersion`, token for token. */
function tokenize(version: string): ListItem {
  const root: ListItem = { t: "list", items: [] };
  const stack: ListItem[] = [root];
  let list = root;
  const push = (): void => {
    const next: ListItem = { t: "list", items: [] };
    list.items.push(next);
    list = next;
    stack.push(next);
  };
  const v = version.toLowerCase();
  let digit = false;
  let start = 0;
  for (let i = 0; i < v.length; i++) {
    const c = v[i]!;
    if (c === "." || c === "-") {
      list.items.push(i === start ? { t: "int", v: "0" } : parseItem(digit, v.slice(start, i)));
      start = i + 1;
      if (c === "-") push();
    } else if (isDigit(c)) {
      if (!digit && i > start) {
        // 1.0.0.X1 < 1.0.0-X2: treat .X as -X for any string qualifier X
        if (list.items.length > 0) push();
        list.items.push(stringItem(v.slice(start, i), true));
        start = i;
        push();
      }
      digit = true;
    } else {
      if (digit && i > start) {
        list.items.push(parseItem(true, v.slice(start, i)));
        start = i;
        push();
      }
      digit = false;
    }
  }
  if (v.length > start) {
    if (!digit && list.items.length > 0) push();
    list.items.push(parseItem(digit, v.slice(start)));
  }
  for (let i = stack.length - 1; i >= 0; i--) normalize(stack[i]!);
  return root;
}

/** Reads a Maven version. Maven itself accepts any string; we reject empty, whitespace and odd characters. */
export function parse(v: string): ParseResult<ListItem> {
  if (v === "") return { ok: false, error: "empty version" };
  if (!/^[0-9A-Za-z._+~-]+$/.test(v) || !/[0-9A-Za-z]/.test(v)) {
    return { ok: false, error: "expected letters, digits and . - _ + ~ only" };
  }
  return { ok: true, value: tokenize(v) };
}

function render(list: ListItem): string {
  let out = "";
  for (const item of list.items) {
    if (out !== "") out += item.t === "list" ? "-" : ".";
    out += item.t === "list" ? render(item) : item.v;
  }
  return out;
}

/** Maven's canonical form (`1.0.0` → `1`, `1.0-GA` → `1`), or undefined when unparsable. */
export function canonical(v: string): string | undefined {
  const p = parse(v);
  return p.ok ? render(p.value) : undefined;
}

/** The comparator for this scheme (see the module comment). */
export const maven = defineScheme<ListItem>({
  name: "maven",
  label: "Maven",
  parse,
  compareParsed: (a, b) => compareItem(a, b),
});

/** The comparator's functions, for direct import. */
export const { isValid, compare, tryCompare } = maven;
