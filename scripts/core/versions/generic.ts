/**
 * Fallback ordering for versions with no ecosystem rules (vendor products, NVD CPE ranges),
 * after repology's libversion: split into numeric and alphabetic runs (any other character only
 * separates), pad the shorter version with zeros, and rank each run:
 *
 *   pre-release word < zero < post-release word < non-zero number < letter suffix
 *
 * - pre-release words: anything not listed below (`alpha`, `beta`, `rc`, `pre`, `dev`, …);
 * - post-release words: `post…`, `patch…`, `pl`, `errata`, `p` (OpenSSH `9.3p2`);
 * - a letter suffix is an unknown word glued to a number and not followed by one (OpenSSL `1.1.1k`).
 *
 * So `1.0alpha1 < 1.0 == 1.0.0 < 1.0.post1 < 1.0.1` and `1.1.1 < 1.1.1k < 1.1.1t`. A leading `v`
 * before a digit is ignored. Words compare case-insensitively.
 */
import { compareDigits, compareStrings, defineScheme, isAlpha, isDigit, type ParseResult } from "./scheme.ts";

const RANK = { pre: 0, zero: 1, post: 2, number: 3, suffix: 4 } as const;
type Rank = (typeof RANK)[keyof typeof RANK];

export interface GenericPart {
  rank: Rank;
  /** Digits (leading zeros kept; compared numerically) or the lowercased word. */
  text: string;
}

const POST = /^(post.*|patch.*|pl|errata|p)$/;

function classifyWord(word: string, glued: boolean, followedByDigit: boolean): Rank {
  if (POST.test(word)) return RANK.post;
  if (glued && !followedByDigit && !/^(alpha|beta|rc|pre.*|dev)$/.test(word)) return RANK.suffix;
  return RANK.pre;
}

/** Reads a version as runs of digits and letters. */
export function parse(v: string): ParseResult<GenericPart[]> {
  if (v === "") return { ok: false, error: "empty version" };
  if (!/^[\x21-\x7e]+$/.test(v)) return { ok: false, error: "contains whitespace or non-ASCII characters" };
  if (/[|<>=!*]/.test(v)) return { ok: false, error: "contains one of | < > = ! *" };
  const s = (/^[vV]\d/.test(v) ? v.slice(1) : v).toLowerCase();
  const parts: GenericPart[] = [];
  let i = 0;
  while (i < s.length) {
    const start = i;
    if (isDigit(s[i])) {
      while (isDigit(s[i])) i++;
      const text = s.slice(start, i);
      parts.push({ rank: /^0+$/.test(text) ? RANK.zero : RANK.number, text });
    } else if (isAlpha(s[i])) {
      while (isAlpha(s[i])) i++;
      const glued = start > 0 && isDigit(s[start - 1]);
      parts.push({ rank: classifyWord(s.slice(start, i), glued, isDigit(s[i])), text: s.slice(start, i) });
    } else {
      i++;
    }
  }
  if (parts.length === 0) return { ok: false, error: "no digits or letters" };
  return { ok: true, value: parts };
}

const PAD: GenericPart = { rank: RANK.zero, text: "0" };

/** Compares run by run, padding the shorter version with zeros. */
export function compareParsed(a: GenericPart[], b: GenericPart[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i] ?? PAD;
    const y = b[i] ?? PAD;
    if (x.rank !== y.rank) return x.rank - y.rank;
    const numeric = x.rank === RANK.zero || x.rank === RANK.number;
    const c = numeric ? compareDigits(x.text, y.text) : compareStrings(x.text, y.text);
    if (c !== 0) return c;
  }
  return 0;
}

/** The comparator for this scheme (see the module comment). */
export const generic = defineScheme<GenericPart[]>({
  name: "generic",
  label: "generic",
  parse,
  compareParsed,
});

/** The comparator's functions, for direct import. */
export const { isValid, compare, tryCompare } = generic;
