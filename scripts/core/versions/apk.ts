/**
 * Alpine (apk) versions, `N{.N}…[letter]{_suffix[N]}…[-rN]`, ordered as current apk-tools'
 * `version.c` does: pre-release suffixes `_alpha < _beta < _pre < _rc` sort before the bare
 * version, post-release suffixes `_cvs < _svn < _git < _hg < _p` after it, `-rN` is the package
 * revision (`1.2.3 < 1.2.3-r0 < 1.2.3-r1`), and a component with a leading zero compares as a
 * string (`1.001 < 1.01 < 1.1`).
 */
import { compareDigits, compareStrings, defineScheme, isDigit, type ParseResult } from "./scheme.ts";

// Token kinds in apk-tools' order: after the common prefix, the order decides.
const INITIAL_DIGIT = 0;
const DIGIT = 1;
const LETTER = 2;
const SUFFIX = 3;
const SUFFIX_NO = 4;
const REVISION_NO = 5;
const END = 6;

// Suffix ranks; NONE (the bare version) sits between pre- and post-release suffixes.
const SUFFIXES = ["", "alpha", "beta", "pre", "rc", "", "cvs", "svn", "git", "hg", "p"];
const SUFFIX_NONE = 5;

interface Token {
  kind: number;
  /** Digits, the letter, or the suffix name. */
  text: string;
}

/** Splits a version into apk tokens (`token_first` / `token_next`), or explains why it cannot. */
function tokenize(v: string): Token[] | string {
  let i = 0;
  const digits = (): string => {
    const start = i;
    while (isDigit(v[i])) i++;
    return v.slice(start, i);
  };
  const first = digits();
  if (first === "") return "must start with a digit";
  const tokens: Token[] = [{ kind: INITIAL_DIGIT, text: first }];
  let kind = INITIAL_DIGIT;
  while (i < v.length) {
    const c = v[i]!;
    if (c >= "a" && c <= "z") {
      if (kind > DIGIT) return `letter ${JSON.stringify(c)} after a suffix or revision`;
      kind = LETTER;
      tokens.push({ kind, text: c });
      i++;
    } else if (c === "." || isDigit(c)) {
      if (c === ".") {
        if (kind > DIGIT) return "dot after a letter, suffix or revision";
        i++;
      }
      const text = digits();
      if (text === "") return "expected digits after the dot";
      if (kind === SUFFIX) kind = SUFFIX_NO;
      else if (kind === INITIAL_DIGIT || kind === DIGIT) kind = DIGIT;
      else return "digits after a letter or suffix number";
      tokens.push({ kind, text });
    } else if (c === "_") {
      if (kind > SUFFIX_NO) return "suffix after the revision";
      i++;
      const start = i;
      while (v[i] !== undefined && v[i]! >= "a" && v[i]! <= "z") i++;
      const text = v.slice(start, i);
      if (text === "" || SUFFIXES.indexOf(text) < 1) {
        return `unknown suffix ${JSON.stringify(`_${text}`)} (expected _alpha, _beta, _pre, _rc, _cvs, _svn, _git, _hg or _p)`;
      }
      kind = SUFFIX;
      tokens.push({ kind, text });
    } else if (c === "-") {
      if (kind >= REVISION_NO || v[i + 1] !== "r") return 'expected "-r<number>" for the revision';
      i += 2;
      kind = REVISION_NO;
      tokens.push({ kind, text: digits() });
    } else {
      return `unexpected character ${JSON.stringify(c)}`;
    }
  }
  return tokens;
}

/** Reads an apk version. */
export function parse(v: string): ParseResult<Token[]> {
  if (v === "") return { ok: false, error: "empty version" };
  const tokens = tokenize(v);
  if (typeof tokens === "string") {
    return { ok: false, error: `${tokens}; expected N(.N)*[letter](_suffix[N])*[-rN] (Alpine apk)` };
  }
  return { ok: true, value: tokens };
}

/** `token_cmp` for two tokens of the same kind. */
function compareToken(a: Token, b: Token): number {
  switch (a.kind) {
    case DIGIT:
      // A leading zero switches to plain string order, as in Gentoo.
      if (a.text.startsWith("0") || b.text.startsWith("0")) return compareStrings(a.text, b.text);
      return compareDigits(a.text, b.text);
    case INITIAL_DIGIT:
    case SUFFIX_NO:
    case REVISION_NO:
      return compareDigits(a.text, b.text);
    case SUFFIX:
      return SUFFIXES.indexOf(a.text) - SUFFIXES.indexOf(b.text);
    default:
      return compareStrings(a.text, b.text);
  }
}

const suffixRank = (t: Token | undefined): number =>
  t?.kind === SUFFIX ? SUFFIXES.indexOf(t.text) : SUFFIX_NONE;

/** `apk_version_compare_blob` on two tokenized versions. */
export function compareParsed(a: Token[], b: Token[]): number {
  let i = 0;
  for (; i < a.length && i < b.length && a[i]!.kind === b[i]!.kind; i++) {
    const c = compareToken(a[i]!, b[i]!);
    if (c !== 0) return c;
  }
  const ka = a[i]?.kind ?? END;
  const kb = b[i]?.kind ?? END;
  if (ka === kb) return 0;
  // Equal so far: the longer version is newer, unless what follows is a pre-release suffix.
  if (suffixRank(a[i]) < SUFFIX_NONE) return -1;
  if (suffixRank(b[i]) < SUFFIX_NONE) return 1;
  return ka > kb ? -1 : 1;
}

/** The comparator for this scheme (see the module comment). */
export const apk = defineScheme<Token[]>({ name: "apk", label: "Alpine", parse, compareParsed });

/** The comparator's functions, for direct import. */
export const { isValid, compare, tryCompare } = apk;
