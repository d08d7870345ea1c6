/**
 * Go module versions, as golang.org/x/mod/semver orders them: SemVer 2.0 with a `v` prefix,
 * shorthands `v1` == `v1.0.0` and `v1.2` == `v1.2.0`, pseudo-versions
 * (`v0.0.0-20210405180319-a5a99cb37ef4`, which are ordinary pre-releases) and `+incompatible`
 * (build metadata, ignored for ordering). The `v` is optional here because OSV/GHSA records write
 * Go versions without it while purls carry it.
 */
import { compareDigits, compareStrings, defineScheme, type ParseResult } from "./scheme.ts";

export interface GoVersion {
  major: string;
  minor: string;
  patch: string;
  prerelease: string[];
  build: string;
}

const NUM = "(0|[1-9][0-9]*)";
const IDENT = "[0-9A-Za-z-]+";
const FULL = new RegExp(
  `^v?${NUM}(?:\\.${NUM}(?:\\.${NUM}(?:-(${IDENT}(?:\\.${IDENT})*))?(?:\\+(${IDENT}(?:\\.${IDENT})*))?)?)?$`,
);

/** Reads a Go module version (with or without the leading `v`). */
export function parse(v: string): ParseResult<GoVersion> {
  if (v === "") return { ok: false, error: "empty version" };
  const m = FULL.exec(v);
  if (!m) {
    return { ok: false, error: "expected vMAJOR[.MINOR[.PATCH[-PRERELEASE][+BUILD]]] (Go module semver)" };
  }
  const [, major = "0", minor = "0", patch = "0", pre, build = ""] = m;
  const prerelease = pre === undefined ? [] : pre.split(".");
  if (prerelease.some((id) => /^0\d+$/.test(id))) {
    return { ok: false, error: "numeric pre-release identifiers must not have leading zeros" };
  }
  return { ok: true, value: { major, minor, patch, prerelease, build } };
}

/** SemVer 2.0 §11 pre-release precedence; shared by nothing else, so kept here. */
function comparePrerelease(a: string[], b: string[]): number {
  if (a.length === 0 || b.length === 0) return b.length - a.length;
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const x = a[i]!;
    const y = b[i]!;
    const xn = /^\d+$/.test(x);
    const yn = /^\d+$/.test(y);
    const c = xn && yn ? compareDigits(x, y) : xn ? -1 : yn ? 1 : compareStrings(x, y);
    if (c !== 0) return c;
  }
  return a.length - b.length;
}

/** The comparator for this scheme (see the module comment). */
export const go = defineScheme<GoVersion>({
  name: "go",
  label: "Go",
  parse,
  compareParsed: (a, b) =>
    compareDigits(a.major, b.major) ||
    compareDigits(a.minor, b.minor) ||
    compareDigits(a.patch, b.patch) ||
    comparePrerelease(a.prerelease, b.prerelease),
});

/** The comparator's functions, for direct import. */
export const { isValid, compare, tryCompare } = go;
