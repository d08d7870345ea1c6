/**
 * Picks the version comparator for an OSV ecosystem ("npm", "PyPI", "Debian:12"), a purl type
 * ("pypi", "golang", "deb") or a product's declared scheme name ("semver", "pep440", …).
 */
import { apk } from "./apk.ts";
import { dpkg } from "./dpkg.ts";
import { generic } from "./generic.ts";
import { go } from "./go.ts";
import { maven } from "./maven.ts";
import { pep440 } from "./pep440.ts";
import { rpm } from "./rpm.ts";
import type { SchemeName, VersionScheme } from "./scheme.ts";
import { semver } from "./semver.ts";

export type { CompareResult, ParseResult, SchemeName, VersionScheme } from "./scheme.ts";

/** Every comparator, by its own name. */
export const SCHEMES: Readonly<Record<SchemeName, VersionScheme>> = {
  semver,
  go,
  pep440,
  maven,
  dpkg,
  rpm,
  apk,
  generic,
};

/** Names a product may declare as its versioning scheme. */
export const SCHEME_NAMES = Object.keys(SCHEMES) as SchemeName[];

// Keys are lowercase; OSV ecosystem suffixes (":12", ":22.04:LTS", ":v3.18") are dropped first.
const ALIASES: Record<string, SchemeName> = {
  // OSV ecosystems
  npm: "semver",
  "crates.io": "semver",
  go: "go",
  pypi: "pep440",
  maven: "maven",
  debian: "dpkg",
  ubuntu: "dpkg",
  alpine: "apk",
  wolfi: "apk",
  chainguard: "apk",
  "red hat": "rpm",
  "rocky linux": "rpm",
  almalinux: "rpm",
  suse: "rpm",
  opensuse: "rpm",
  mageia: "rpm",
  openeuler: "rpm",
  "photon os": "rpm",
  hex: "semver",
  pub: "semver",
  swifturl: "semver",
  rubygems: "generic",
  nuget: "generic",
  packagist: "generic",
  cran: "generic",
  hackage: "generic",
  "github actions": "generic",
  // purl types that differ from the ecosystem names
  cargo: "semver",
  golang: "go",
  deb: "dpkg",
  gem: "generic",
  composer: "generic",
  swift: "semver",
  // vers / declared scheme aliases
  pep440: "pep440",
  dpkg: "dpkg",
  rpm: "rpm",
  apk: "apk",
  semver: "semver",
  generic: "generic",
};

/**
 * The comparator for an OSV ecosystem, purl type or scheme name (case-insensitive), or undefined
 * when we know of none: callers decide whether `generic` is good enough and say so.
 */
export function schemeFor(ecosystemOrPurlType: string): VersionScheme | undefined {
  const key = ecosystemOrPurlType.trim().toLowerCase();
  const base = key.split(":", 1)[0]!;
  const name = Object.hasOwn(ALIASES, key)
    ? ALIASES[key]
    : Object.hasOwn(ALIASES, base)
      ? ALIASES[base]
      : undefined;
  return name === undefined ? undefined : SCHEMES[name];
}

/** The comparator with this exact scheme name. */
export function getScheme(name: SchemeName): VersionScheme {
  return SCHEMES[name];
}

/** Whether a declared scheme name is one we implement. */
export const isSchemeName = (s: string): s is SchemeName => Object.hasOwn(SCHEMES, s);
