/**
 * CPE names: parsing CPE 2.3 formatted strings (`cpe:2.3:a:apache:log4j:2.14.1:*:*:*:*:*:*:*`,
 * with `\`-quoting) and CPE 2.2 URIs (`cpe:/a:apache:log4j:2.14.1`), name matching per NISTIR
 * 7696 (ANY `*`, NA `-`, `*`/`?` wildcards at the ends of a value), and evaluating an NVD
 * `cpeMatch` with its versionStart/End bounds against a concrete version.
 */
import type { CpeAffected } from "../feeds/types.ts";
import { generic } from "../versions/generic.ts";
import type { VersionScheme } from "../versions/index.ts";

export const CPE_ATTRIBUTES = [
  "part",
  "vendor",
  "product",
  "version",
  "update",
  "edition",
  "language",
  "sw_edition",
  "target_sw",
  "target_hw",
  "other",
] as const;
export type CpeAttribute = (typeof CPE_ATTRIBUTES)[number];

/** ANY (`*`), NA (`-`), or a value: unquoted lowercase text with optional `*`/`?` runs at either end. */
export type CpeValue =
  | { kind: "any" }
  | { kind: "na" }
  | { kind: "value"; literal: string; before: string; after: string };

export type Cpe = Record<CpeAttribute, CpeValue>;
export type ParseCpeResult = { ok: true; cpe: Cpe } | { ok: false; error: string };

const ANY: CpeValue = { kind: "any" };
const NA: CpeValue = { kind: "na" };

/** Reads one value given as (char, quoted) pairs; wildcards only at the ends, as the spec requires. */
function toValue(chars: { c: string; quoted: boolean }[], where: string): CpeValue | string {
  const is = (k: number, c: string): boolean =>
    chars[k] !== undefined && !chars[k].quoted && chars[k].c === c;
  let i = 0;
  let j = chars.length;
  if (is(i, "*")) i++;
  else while (i < j && is(i, "?")) i++;
  if (j > i && is(j - 1, "*")) j--;
  else while (j > i && is(j - 1, "?")) j--;
  const text = (from: number, to: number): string =>
    chars
      .slice(from, to)
      .map((x) => x.c)
      .join("");
  const body = chars.slice(i, j);
  if (body.some((x) => !x.quoted && (x.c === "*" || x.c === "?"))) {
    return `${where}: "*" and "?" are allowed only at the start or end of a value`;
  }
  const before = text(0, i);
  const after = text(j, chars.length);
  const literal = text(i, j).toLowerCase();
  if (literal === "" && before === "" && after === "") return `${where}: empty value`;
  if (literal === "" && before === "*" && after === "") return ANY;
  return { kind: "value", literal, before, after };
}

/** toValue for a field without `\\`-quoting (nearly every real CPE): no per-character objects. */
function plainValue(t: string, where: string): CpeValue | string {
  if (t === "*") return ANY;
  if (t === "-") return NA;
  let i = 0;
  let j = t.length;
  if (t.charCodeAt(0) === 42) i = 1;
  else while (i < j && t.charCodeAt(i) === 63) i++;
  if (j > i && t.charCodeAt(j - 1) === 42) j--;
  else while (j > i && t.charCodeAt(j - 1) === 63) j--;
  const body = t.slice(i, j);
  if (body.includes("*") || body.includes("?")) {
    return `${where}: "*" and "?" are allowed only at the start or end of a value`;
  }
  if (t === "") return `${where}: empty value`;
  return { kind: "value", literal: body.toLowerCase(), before: t.slice(0, i), after: t.slice(j) };
}

function parse23(s: string): ParseCpeResult {
  if (!s.includes("\\")) {
    const fields = s.slice("cpe:2.3:".length).split(":");
    if (fields.length !== CPE_ATTRIBUTES.length) {
      return {
        ok: false,
        error: `a CPE 2.3 name has 11 components after "cpe:2.3:", found ${fields.length}`,
      };
    }
    const cpe = {} as Cpe;
    for (let k = 0; k < fields.length; k++) {
      const attr = CPE_ATTRIBUTES[k]!;
      const v = plainValue(fields[k]!, attr);
      if (typeof v === "string") return { ok: false, error: v };
      cpe[attr] = v;
    }
    return { ok: true, cpe };
  }
  const fields: { c: string; quoted: boolean }[][] = [[]];
  for (let i = "cpe:2.3:".length; i < s.length; i++) {
    const c = s[i]!;
    if (c === "\\") {
      const next = s[++i];
      if (next === undefined) return { ok: false, error: "CPE ends with a lone backslash" };
      fields[fields.length - 1]!.push({ c: next, quoted: true });
    } else if (c === ":") fields.push([]);
    else fields[fields.length - 1]!.push({ c, quoted: false });
  }
  if (fields.length !== CPE_ATTRIBUTES.length) {
    return { ok: false, error: `a CPE 2.3 name has 11 components after "cpe:2.3:", found ${fields.length}` };
  }
  const cpe = {} as Cpe;
  for (const [k, attr] of CPE_ATTRIBUTES.entries()) {
    const chars = fields[k]!;
    const text = chars.map((x) => (x.quoted ? `\\${x.c}` : x.c)).join("");
    if (text === "*") cpe[attr] = ANY;
    else if (text === "-") cpe[attr] = NA;
    else {
      const v = toValue(chars, attr);
      if (typeof v === "string") return { ok: false, error: v };
      cpe[attr] = v;
    }
  }
  return { ok: true, cpe };
}

function parse22(s: string): ParseCpeResult {
  const parts = s.slice("cpe:/".length).split(":");
  if (parts.length > 7)
    return { ok: false, error: `a CPE 2.2 URI has at most 7 components, found ${parts.length}` };
  const raw: Partial<Record<CpeAttribute, string>> = {};
  ["part", "vendor", "product", "version", "update", "edition", "language"].forEach((attr, k) => {
    raw[attr as CpeAttribute] = parts[k] ?? "";
  });
  if (raw.edition?.startsWith("~")) {
    const packed = raw.edition.split("~");
    if (packed.length !== 6)
      return { ok: false, error: "packed edition must be ~edition~sw_edition~target_sw~target_hw~other" };
    [raw.edition, raw.sw_edition, raw.target_sw, raw.target_hw, raw.other] = packed.slice(1);
  }
  const cpe = {} as Cpe;
  for (const attr of CPE_ATTRIBUTES) {
    const text = raw[attr] ?? "";
    if (text === "") cpe[attr] = ANY;
    else if (text === "-") cpe[attr] = NA;
    else {
      const chars: { c: string; quoted: boolean }[] = [];
      for (let i = 0; i < text.length; i++) {
        if (text[i] === "%") {
          const hex = text.slice(i + 1, i + 3);
          if (!/^[0-9a-fA-F]{2}$/.test(hex))
            return { ok: false, error: `${attr}: bad percent-encoding in ${JSON.stringify(text)}` };
          const code = Number.parseInt(hex, 16);
          // %01 and %02 are the URI forms of the ? and * wildcards.
          const wildcard = code === 1 ? "?" : code === 2 ? "*" : undefined;
          chars.push(
            wildcard ? { c: wildcard, quoted: false } : { c: String.fromCharCode(code), quoted: true },
          );
          i += 2;
        } else if (/[A-Za-z0-9._~-]/.test(text[i]!)) {
          chars.push({ c: text[i]!, quoted: true });
        } else {
          return {
            ok: false,
            error: `${attr}: character ${JSON.stringify(text[i])} must be percent-encoded in a CPE 2.2 URI`,
          };
        }
      }
      const v = toValue(chars, attr);
      if (typeof v === "string") return { ok: false, error: v };
      cpe[attr] = v;
    }
  }
  return { ok: true, cpe };
}

/** Parses a CPE 2.3 formatted string or a CPE 2.2 URI (case-insensitive); never throws. */
export function parseCpe(text: string): ParseCpeResult {
  const s = text.trim();
  const lower = s.toLowerCase();
  const result = lower.startsWith("cpe:2.3:")
    ? parse23(s)
    : lower.startsWith("cpe:/")
      ? parse22(s)
      : ({ ok: false, error: 'expected "cpe:2.3:…" or "cpe:/…"' } as const);
  if (!result.ok) return { ok: false, error: `invalid CPE ${JSON.stringify(text)}: ${result.error}` };
  const part = result.cpe.part;
  if (part.kind === "na" || (part.kind === "value" && !["a", "o", "h"].includes(part.literal))) {
    return { ok: false, error: `invalid CPE ${JSON.stringify(text)}: part must be a, o, h or *` };
  }
  return result;
}

/** Binds back to a CPE 2.3 formatted string (quoting what the spec quotes). */
export function formatCpe(cpe: Cpe): string {
  const bind = (v: CpeValue): string => {
    if (v.kind === "any") return "*";
    if (v.kind === "na") return "-";
    return v.before + v.literal.replace(/[^A-Za-z0-9._-]/g, (c) => `\\${c}`) + v.after;
  };
  return `cpe:2.3:${CPE_ATTRIBUTES.map((a) => bind(cpe[a])).join(":")}`;
}

/** A criteria that names no vendor and no product matches every CPE: refuse it. */
export function checkCriteria(cpe: Cpe): string | undefined {
  if (cpe.vendor.kind === "any" && cpe.product.kind === "any") {
    return "criteria matches every product: vendor and product are both ANY (*)";
  }
  return undefined;
}

export type Relation = "equal" | "superset" | "subset" | "disjoint" | "undefined";

const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const wildRe = (w: string): string => (w === "*" ? ".*" : w === "" ? "" : `.{0,${w.length}}`);

/** The relation of a source (criteria) value to a target (candidate) value, per NISTIR 7696 table 6-2. */
export function compareValues(source: CpeValue, target: CpeValue): Relation {
  if (source.kind === "any") return target.kind === "any" ? "equal" : "superset";
  if (target.kind === "value" && (target.before || target.after)) return "undefined";
  if (source.kind === "na")
    return target.kind === "na" ? "equal" : target.kind === "any" ? "subset" : "disjoint";
  if (target.kind === "any") return "subset";
  if (target.kind === "na") return "disjoint";
  if (!source.before && !source.after) return source.literal === target.literal ? "equal" : "disjoint";
  const re = new RegExp(`^${wildRe(source.before)}${escapeRe(source.literal)}${wildRe(source.after)}$`, "s");
  return re.test(target.literal) ? "superset" : "disjoint";
}

export interface MatchOptions {
  /**
   * Treat ANY in the candidate's update, edition, language, sw_edition, target_sw, target_hw and
   * other as "not stated" and let them match (SBOM CPEs rarely fill these in). Default false:
   * the standard CPE_SUPERSET test.
   */
  unspecifiedMatches?: boolean;
  /** Attributes not to compare (evaluateCpeMatch compares versions itself). */
  skip?: readonly CpeAttribute[];
}

const LENIENT: readonly CpeAttribute[] = CPE_ATTRIBUTES.slice(4);

/** CPE_SUPERSET(criteria, candidate): the criteria names the candidate (every attribute equal or superset). */
export function cpeMatches(
  criteria: Cpe | string,
  candidate: Cpe | string,
  options: MatchOptions = {},
): boolean {
  const source = typeof criteria === "string" ? parseCpe(criteria) : { ok: true as const, cpe: criteria };
  const target = typeof candidate === "string" ? parseCpe(candidate) : { ok: true as const, cpe: candidate };
  if (!source.ok || !target.ok) return false;
  return CPE_ATTRIBUTES.every((attr) => {
    if (options.skip?.includes(attr)) return true;
    const t = target.cpe[attr];
    if (options.unspecifiedMatches && t.kind === "any" && LENIENT.includes(attr)) return true;
    const r = compareValues(source.cpe[attr], t);
    return r === "equal" || r === "superset";
  });
}

export type CpeMatchResult = { ok: true; matches: boolean; affected: boolean } | { ok: false; error: string };

export interface CpeMatchOptions {
  /** Version ordering for the bounds; generic by default. */
  scheme?: VersionScheme;
  /** The version to test; defaults to the candidate's own version attribute. */
  version?: string;
  /** See MatchOptions; default true here so unstated SBOM attributes do not hide a vulnerability. */
  unspecifiedMatches?: boolean;
  /** `match.criteria` already parsed (an index parses each criteria once). */
  criteria?: Cpe;
}

/**
 * Evaluates one NVD cpeMatch against a candidate CPE (and version). `matches` is the name and
 * version test; `affected` is `matches` for entries marked vulnerable (platform entries with
 * `vulnerable: false` never affect). Errors: invalid or too-broad criteria, invalid candidate, no
 * concrete version to test, unparsable versions.
 */
export function evaluateCpeMatch(
  match: CpeAffected,
  candidate: Cpe | string,
  options: CpeMatchOptions = {},
): CpeMatchResult {
  const scheme = options.scheme ?? generic;
  const criteria = options.criteria ? { ok: true as const, cpe: options.criteria } : parseCpe(match.criteria);
  if (!criteria.ok) return criteria;
  const broad = checkCriteria(criteria.cpe);
  if (broad) return { ok: false, error: `${match.criteria}: ${broad}` };
  const target = typeof candidate === "string" ? parseCpe(candidate) : { ok: true as const, cpe: candidate };
  if (!target.ok) return target;
  const result = (matches: boolean): CpeMatchResult => ({
    ok: true,
    matches,
    affected: matches && match.vulnerable,
  });

  const names = cpeMatches(criteria.cpe, target.cpe, {
    unspecifiedMatches: options.unspecifiedMatches ?? true,
    skip: ["version"],
  });
  if (!names) return result(false);

  const wanted = criteria.cpe.version;
  const bounds = (
    [
      ["versionStartIncluding", match.versionStartIncluding, (c: number) => c >= 0],
      ["versionStartExcluding", match.versionStartExcluding, (c: number) => c > 0],
      ["versionEndIncluding", match.versionEndIncluding, (c: number) => c <= 0],
      ["versionEndExcluding", match.versionEndExcluding, (c: number) => c < 0],
    ] as const
  ).filter(([, v]) => v !== undefined && v !== "");
  if (bounds.length === 0 && wanted.kind === "any") return result(true);

  const own = target.cpe.version;
  const version =
    options.version ?? (own.kind === "value" && !own.before && !own.after ? own.literal : undefined);
  if (version === undefined) {
    if (bounds.length === 0) return result(compareValues(wanted, own) === "equal");
    return {
      ok: false,
      error: `${formatCpe(target.cpe)}: no concrete version to test against ${match.criteria}`,
    };
  }
  if (bounds.length > 0) {
    if (wanted.kind !== "any") {
      return { ok: false, error: `${match.criteria}: has both a version and version bounds` };
    }
    for (const [field, bound, holds] of bounds) {
      const c = scheme.tryCompare(version, bound!);
      if (!c.ok) return { ok: false, error: `${field} of ${match.criteria}: ${c.error}` };
      if (!holds(c.value)) return result(false);
    }
    return result(true);
  }
  const versionValue: CpeValue = { kind: "value", literal: version.toLowerCase(), before: "", after: "" };
  const r = compareValues(wanted, versionValue);
  if (r === "equal" || r === "superset") return result(true);
  if (wanted.kind !== "value" || wanted.before || wanted.after) return result(false);
  const c = scheme.tryCompare(version, wanted.literal);
  return result(c.ok && c.value === 0);
}
