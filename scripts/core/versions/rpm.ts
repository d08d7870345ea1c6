/**
 * RPM versions, `[epoch:]version[-release]`, ordered with rpm's `rpmvercmp`: alphanumeric runs
 * compared piecewise (digits numerically, digits newer than letters), other characters only
 * separate, `~` sorts before anything (`1.0~rc1 < 1.0`) and `^` after the base version but before
 * any further segment (`1.0 < 1.0^post < 1.0.1`). Epochs compare numerically (missing = 0).
 *
 * Unlike rpm's dependency matching, where a missing release matches every release, a missing
 * release here sorts before any release (`1.0 < 1.0-1`): that keeps the order total and errs on
 * the side of "still affected" when an SBOM omits the release.
 */
import {
  compareDigits,
  compareStrings,
  defineScheme,
  isAlpha,
  isDigit,
  type ParseResult,
  splitEpochVersionRelease,
} from "./scheme.ts";

export interface RpmVersion {
  epoch: string;
  version: string;
  release: string;
}

const VERSION_CHARS = /^[0-9A-Za-z._+~^]+$/;

/** Reads an RPM EVR string. */
export function parse(v: string): ParseResult<RpmVersion> {
  const split = splitEpochVersionRelease(v);
  if (!split.ok) return split;
  const { epoch, version } = split.value;
  const release = split.value.release ?? "";
  if (version === "") return { ok: false, error: "empty version part" };
  if (split.value.release === "") return { ok: false, error: "empty release after the hyphen" };
  if (!VERSION_CHARS.test(version)) {
    return {
      ok: false,
      error: "version may contain only letters, digits and . _ + ~ ^ (one hyphen before the release)",
    };
  }
  if (release !== "" && !VERSION_CHARS.test(release)) {
    return { ok: false, error: "release may contain only letters, digits and . _ + ~ ^" };
  }
  return { ok: true, value: { epoch, version, release } };
}

const isAlnum = (c: string | undefined): boolean => isDigit(c) || isAlpha(c);

/** rpm's `rpmvercmp` (rpmio/rpmvercmp.c), for one version or release string. */
export function rpmvercmp(a: string, b: string): number {
  if (a === b) return 0;
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    while (i < a.length && !isAlnum(a[i]) && a[i] !== "~" && a[i] !== "^") i++;
    while (j < b.length && !isAlnum(b[j]) && b[j] !== "~" && b[j] !== "^") j++;
    if (a[i] === "~" || b[j] === "~") {
      if (a[i] !== "~") return 1;
      if (b[j] !== "~") return -1;
      i++;
      j++;
      continue;
    }
    if (a[i] === "^" || b[j] === "^") {
      if (i >= a.length) return -1;
      if (j >= b.length) return 1;
      if (a[i] !== "^") return 1;
      if (b[j] !== "^") return -1;
      i++;
      j++;
      continue;
    }
    if (i >= a.length || j >= b.length) break;
    const numeric = isDigit(a[i]);
    const test = numeric ? isDigit : isAlpha;
    const si = i;
    const sj = j;
    while (i < a.length && test(a[i])) i++;
    while (j < b.length && test(b[j])) j++;
    // Segments of different kinds: numeric is newer than alpha.
    if (j === sj) return numeric ? 1 : -1;
    const x = a.slice(si, i);
    const y = b.slice(sj, j);
    const c = numeric ? compareDigits(x, y) : compareStrings(x, y);
    if (c !== 0) return c;
  }
  if (i >= a.length && j >= b.length) return 0;
  return i >= a.length ? -1 : 1;
}

/** The comparator for this scheme (see the module comment). */
export const rpm = defineScheme<RpmVersion>({
  name: "rpm",
  label: "RPM",
  parse,
  compareParsed: (a, b) =>
    compareDigits(a.epoch, b.epoch) || rpmvercmp(a.version, b.version) || rpmvercmp(a.release, b.release),
});

/** The comparator's functions, for direct import. */
export const { isValid, compare, tryCompare } = rpm;
