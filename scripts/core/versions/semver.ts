/**
 * SemVer 2.0 ordering (npm, crates.io, OSV `SEMVER` ranges), using the `semver` package in strict
 * mode. A leading `v` is tolerated (`v1.2.3` == `1.2.3`); build metadata is ignored for ordering.
 */
import { SemVer } from "semver";
import { defineScheme, type ParseResult } from "./scheme.ts";

const EXPECTED = "expected MAJOR.MINOR.PATCH[-PRERELEASE][+BUILD] (SemVer 2.0)";

/** Reads a SemVer 2.0 version; `{ ok: false }` explains what is wrong. */
export function parse(v: string): ParseResult<SemVer> {
  if (v === "") return { ok: false, error: "empty version" };
  if (/\s/.test(v)) return { ok: false, error: "contains whitespace" };
  try {
    return { ok: true, value: new SemVer(v) };
  } catch {
    return { ok: false, error: explain(v) };
  }
}

function explain(v: string): string {
  const core = v.replace(/^v/, "").split(/[-+]/, 1)[0] ?? "";
  const parts = core.split(".");
  if (parts.length !== 3) return `${EXPECTED}; found ${parts.length} dot-separated core part(s)`;
  if (parts.some((p) => /^0\d/.test(p))) return `${EXPECTED}; numeric parts must not have leading zeros`;
  return EXPECTED;
}

/** The comparator for this scheme (see the module comment). */
export const semver = defineScheme<SemVer>({
  name: "semver",
  label: "SemVer",
  parse,
  compareParsed: (a, b) => a.compare(b),
});

/** The comparator's functions, for direct import. */
export const { isValid, compare, tryCompare } = semver;
