/**
 * PEP 440 (PyPI) versions: epochs (`1!2.0`), pre-releases (a/b/rc and their spellings alpha, beta,
 * c, pre, preview), post-releases (`.post1`, `-1`, `rev`, `r`), dev releases and local versions,
 * with the normalization and ordering PEP 440 defines (the same sort key as `packaging`):
 * `1.0.dev0 < 1.0a1.dev0 < 1.0a1 < 1.0b1 < 1.0rc1 < 1.0 < 1.0+local < 1.0.post1`.
 */
import { compareDigits, compareStrings, defineScheme, type ParseResult } from "./scheme.ts";

export interface Pep440Version {
  epoch: string;
  /** Release segment with trailing zeros removed (`1.0.0` → ["1"]): they do not affect ordering. */
  release: string[];
  /** Full release segment as written (normalized numbers), for `normalize`. */
  releaseText: string[];
  pre?: { label: "a" | "b" | "rc"; n: string };
  post?: string;
  dev?: string;
  /** Local segments (`+ubuntu.1` → ["ubuntu", "1"]), lowercased. */
  local?: string[];
}

// The regex PEP 440 Appendix B gives, anchored and case-insensitive.
const PATTERN = new RegExp(
  [
    "^v?",
    "(?:(?<epoch>[0-9]+)!)?",
    "(?<release>[0-9]+(?:\\.[0-9]+)*)",
    "(?<pre>[-_.]?(?<pre_l>alpha|a|beta|b|preview|pre|c|rc)[-_.]?(?<pre_n>[0-9]+)?)?",
    "(?<post>(?:-(?<post_n1>[0-9]+))|(?:[-_.]?(?<post_l>post|rev|r)[-_.]?(?<post_n2>[0-9]+)?))?",
    "(?<dev>[-_.]?(?<dev_l>dev)[-_.]?(?<dev_n>[0-9]+)?)?",
    "(?:\\+(?<local>[a-z0-9]+(?:[-_.][a-z0-9]+)*))?$",
  ].join(""),
  "i",
);

const PRE_LABELS: Record<string, "a" | "b" | "rc"> = {
  a: "a",
  alpha: "a",
  b: "b",
  beta: "b",
  c: "rc",
  rc: "rc",
  pre: "rc",
  preview: "rc",
};

const num = (s: string): string => s.replace(/^0+(?=\d)/, "");

/** Reads a PEP 440 version; surrounding whitespace is allowed, as PEP 440 says. */
export function parse(v: string): ParseResult<Pep440Version> {
  const g = PATTERN.exec(v.trim())?.groups;
  if (v.trim() === "") return { ok: false, error: "empty version" };
  if (!g) {
    return {
      ok: false,
      error: "expected [N!]N(.N)*[{a|b|rc}N][.postN][.devN][+local] (PEP 440)",
    };
  }
  const releaseText = g.release!.split(".").map(num);
  const release = [...releaseText];
  while (release.length > 1 && release[release.length - 1] === "0") release.pop();
  const version: Pep440Version = { epoch: num(g.epoch ?? "0"), release, releaseText };
  if (g.pre_l) version.pre = { label: PRE_LABELS[g.pre_l.toLowerCase()]!, n: num(g.pre_n ?? "0") };
  if (g.post) version.post = num(g.post_n1 ?? g.post_n2 ?? "0");
  if (g.dev) version.dev = num(g.dev_n ?? "0");
  if (g.local) version.local = g.local.toLowerCase().split(/[-_.]/);
  return { ok: true, value: version };
}

/** The canonical spelling PEP 440 defines (`1.0-ALPHA.1` → `1.0a1`), or undefined when unparsable. */
export function normalize(v: string): string | undefined {
  const p = parse(v);
  if (!p.ok) return undefined;
  const x = p.value;
  let out = x.epoch === "0" ? "" : `${x.epoch}!`;
  out += x.releaseText.join(".");
  if (x.pre) out += `${x.pre.label}${x.pre.n}`;
  if (x.post !== undefined) out += `.post${x.post}`;
  if (x.dev !== undefined) out += `.dev${x.dev}`;
  if (x.local) out += `+${x.local.map((s) => (/^\d+$/.test(s) ? num(s) : s)).join(".")}`;
  return out;
}

function compareRelease(a: string[], b: string[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const c = compareDigits(a[i] ?? "0", b[i] ?? "0");
    if (c !== 0) return c;
  }
  return 0;
}

/** Pre-release rank: a dev release of the final version sorts before all its pre-releases. */
function preKey(v: Pep440Version): [number, string, string] {
  if (v.pre) return [0, v.pre.label, v.pre.n];
  if (v.post === undefined && v.dev !== undefined) return [-1, "", "0"];
  return [1, "", "0"];
}

function compareLocal(a: string[] | undefined, b: string[] | undefined): number {
  if (!a || !b) return (a ? 1 : 0) - (b ? 1 : 0);
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const x = a[i]!;
    const y = b[i]!;
    const xn = /^\d+$/.test(x);
    const yn = /^\d+$/.test(y);
    // Numeric segments sort after alphanumeric ones.
    const c = xn && yn ? compareDigits(x, y) : xn ? 1 : yn ? -1 : compareStrings(x, y);
    if (c !== 0) return c;
  }
  return a.length - b.length;
}

/** Absent post sorts first; absent dev sorts last. */
const optional = (a: string | undefined, b: string | undefined, absentFirst: boolean): number => {
  if (a === undefined || b === undefined) {
    const rank = (x: string | undefined) => (x === undefined ? (absentFirst ? -1 : 1) : 0);
    return rank(a) - rank(b);
  }
  return compareDigits(a, b);
};

/** PEP 440 ordering of two parsed versions (the `packaging` sort key). */
export function compareParsed(a: Pep440Version, b: Pep440Version): number {
  const pa = preKey(a);
  const pb = preKey(b);
  return (
    compareDigits(a.epoch, b.epoch) ||
    compareRelease(a.release, b.release) ||
    pa[0] - pb[0] ||
    compareStrings(pa[1], pb[1]) ||
    compareDigits(pa[2], pb[2]) ||
    optional(a.post, b.post, true) ||
    optional(a.dev, b.dev, false) ||
    compareLocal(a.local, b.local)
  );
}

/** The comparator for this scheme (see the module comment). */
export const pep440 = defineScheme<Pep440Version>({ name: "pep440", label: "PEP 440", parse, compareParsed });

/** The comparator's functions, for direct import. */
export const { isValid, compare, tryCompare } = pep440;
