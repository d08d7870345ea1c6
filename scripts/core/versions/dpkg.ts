/**
 * Debian/Ubuntu package versions, `[epoch:]upstream_version[-debian_revision]`, ordered as dpkg
 * does (Debian Policy §5.6.12): epochs numerically, then upstream version and revision with
 * `verrevcmp`, where `~` sorts before anything (even the end: `1.0~rc1 < 1.0`), letters before
 * other punctuation, and digit runs numerically. A missing revision equals revision `0`.
 */
import {
  compareDigits,
  defineScheme,
  isAlpha,
  isDigit,
  type ParseResult,
  splitEpochVersionRelease,
} from "./scheme.ts";

export interface DpkgVersion {
  epoch: string;
  upstream: string;
  revision: string;
}

/** Reads a dpkg version; rejects what dpkg warns about (no leading digit, bad characters). */
export function parse(v: string): ParseResult<DpkgVersion> {
  const split = splitEpochVersionRelease(v);
  if (!split.ok) return split;
  const { epoch, rest, version: upstream, release } = split.value;
  if (rest === "") return { ok: false, error: "nothing after the epoch colon" };
  if (release === "") return { ok: false, error: "empty revision after the last hyphen" };
  const revision = release ?? "";
  if (upstream === "") return { ok: false, error: "empty upstream version" };
  if (!isDigit(upstream[0])) return { ok: false, error: "upstream version must start with a digit" };
  if (!/^[0-9A-Za-z.+~:-]+$/.test(upstream)) {
    return { ok: false, error: "upstream version may contain only letters, digits and . + ~ - :" };
  }
  if (!/^[0-9A-Za-z.+~]*$/.test(revision)) {
    return { ok: false, error: "revision may contain only letters, digits and . + ~" };
  }
  return { ok: true, value: { epoch, upstream, revision } };
}

/** dpkg's character weight for the non-digit parts: `~` < end < letters < other characters. */
function order(c: string | undefined): number {
  if (c === undefined || isDigit(c)) return 0;
  if (isAlpha(c)) return c.charCodeAt(0);
  if (c === "~") return -1;
  return c.charCodeAt(0) + 256;
}

/** dpkg's `verrevcmp`. */
export function verrevcmp(a: string, b: string): number {
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    while ((i < a.length && !isDigit(a[i])) || (j < b.length && !isDigit(b[j]))) {
      const ac = order(a[i]);
      const bc = order(b[j]);
      if (ac !== bc) return ac - bc;
      i++;
      j++;
    }
    const startA = i;
    const startB = j;
    while (isDigit(a[i])) i++;
    while (isDigit(b[j])) j++;
    const c = compareDigits(a.slice(startA, i), b.slice(startB, j));
    if (c !== 0) return c;
  }
  return 0;
}

/** The comparator for this scheme (see the module comment). */
export const dpkg = defineScheme<DpkgVersion>({
  name: "dpkg",
  label: "Debian",
  parse,
  compareParsed: (a, b) =>
    compareDigits(a.epoch, b.epoch) || verrevcmp(a.upstream, b.upstream) || verrevcmp(a.revision, b.revision),
});

/** The comparator's functions, for direct import. */
export const { isValid, compare, tryCompare } = dpkg;
