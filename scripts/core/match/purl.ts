/**
 * Package identity for matching: purls normalized to a comparable key (type/namespace/name, no
 * version, qualifiers or subpath), and the mapping between OSV ecosystems and purl types.
 * Parsing and encoding are packageurl-js's; on top of its per-type rules we apply
 * - PyPI: PEP 503 names (lowercase, runs of `-`, `_`, `.` → `-`), as the purl type definition says;
 * - golang: lowercase namespace and name, as the purl type definition says (Go module paths are
 *   case-sensitive, but two paths differing only in case name the same repository in practice).
 */
import { PackageURL } from "packageurl-js";

export interface PurlParts {
  /** `pkg:type/namespace/name`, normalized; the matching key. */
  purl: string;
  type: string;
  namespace?: string;
  name: string;
  version?: string;
  qualifiers?: Record<string, string>;
  subpath?: string;
}

export type NormalizePurlResult = ({ ok: true } & PurlParts) | { ok: false; error: string };
export type PurlResult = { ok: true; purl: string } | { ok: false; error: string };

/** PEP 503 name normalization. */
export const pep503 = (name: string): string => name.toLowerCase().replace(/[-_.]+/g, "-");

function extraNormalization(type: string, namespace: string | undefined, name: string) {
  if (type === "pypi") return { namespace, name: pep503(name) };
  if (type === "golang") return { namespace: namespace?.toLowerCase(), name: name.toLowerCase() };
  return { namespace, name };
}

/** Parses and normalizes a purl; `purl` in the result has no version, qualifiers or subpath. */
export function normalizePurl(purl: string): NormalizePurlResult {
  let parsed: PackageURL;
  try {
    parsed = PackageURL.fromString(purl.trim());
  } catch (e) {
    return { ok: false, error: `invalid purl ${JSON.stringify(purl)}: ${(e as Error).message}` };
  }
  const { type } = parsed;
  const { namespace, name } = extraNormalization(type, parsed.namespace || undefined, parsed.name);
  const out: { ok: true } & PurlParts = {
    ok: true,
    purl: new PackageURL(type, namespace, name, undefined, undefined, undefined).toString(),
    type,
    name,
  };
  if (namespace) out.namespace = namespace;
  if (parsed.version) out.version = parsed.version;
  if (parsed.qualifiers && Object.keys(parsed.qualifiers).length > 0)
    out.qualifiers = { ...parsed.qualifiers };
  if (parsed.subpath) out.subpath = parsed.subpath;
  return out;
}

/**
 * OSV ecosystem ↔ purl type (and the namespace a distribution's purls carry). One table drives
 * both directions; the first row for a type wins when mapping back.
 */
const ECOSYSTEMS: readonly { ecosystem: string; type: string; namespace?: string }[] = [
  { ecosystem: "npm", type: "npm" },
  { ecosystem: "PyPI", type: "pypi" },
  { ecosystem: "Maven", type: "maven" },
  { ecosystem: "Go", type: "golang" },
  { ecosystem: "crates.io", type: "cargo" },
  { ecosystem: "RubyGems", type: "gem" },
  { ecosystem: "NuGet", type: "nuget" },
  { ecosystem: "Packagist", type: "composer" },
  { ecosystem: "Hex", type: "hex" },
  { ecosystem: "Pub", type: "pub" },
  { ecosystem: "SwiftURL", type: "swift" },
  { ecosystem: "Hackage", type: "hackage" },
  { ecosystem: "CRAN", type: "cran" },
  { ecosystem: "Debian", type: "deb", namespace: "debian" },
  { ecosystem: "Ubuntu", type: "deb", namespace: "ubuntu" },
  { ecosystem: "Alpine", type: "apk", namespace: "alpine" },
  { ecosystem: "Wolfi", type: "apk", namespace: "wolfi" },
  { ecosystem: "Chainguard", type: "apk", namespace: "chainguard" },
  { ecosystem: "Red Hat", type: "rpm", namespace: "redhat" },
  { ecosystem: "AlmaLinux", type: "rpm", namespace: "almalinux" },
  { ecosystem: "Rocky Linux", type: "rpm", namespace: "rocky-linux" },
  { ecosystem: "SUSE", type: "rpm", namespace: "suse" },
  { ecosystem: "openSUSE", type: "rpm", namespace: "opensuse" },
  { ecosystem: "Mageia", type: "rpm", namespace: "mageia" },
  { ecosystem: "openEuler", type: "rpm", namespace: "openeuler" },
];

/** "Debian:12" → "Debian", "Ubuntu:22.04:LTS" → "Ubuntu": the part that names the ecosystem. */
export const osvEcosystemBase = (ecosystem: string): string => ecosystem.split(":", 1)[0]!.trim();

/** Splits "a/b/c" into namespace "a/b" and name "c". */
function splitPath(path: string): { namespace?: string; name: string } {
  const slash = path.lastIndexOf("/");
  return slash === -1 ? { name: path } : { namespace: path.slice(0, slash), name: path.slice(slash + 1) };
}

/**
 * The normalized purl (no version) of an OSV package: Maven "group:artifact" →
 * pkg:maven/group/artifact; npm "@scope/name" → pkg:npm/%40scope/name; Go module path →
 * pkg:golang/<path>; Debian source package → pkg:deb/debian/<name>; …
 */
export function osvPackageToPurl(ecosystem: string, name: string): PurlResult {
  const base = osvEcosystemBase(ecosystem);
  const row = ECOSYSTEMS.find((e) => e.ecosystem.toLowerCase() === base.toLowerCase());
  if (!row)
    return { ok: false, error: `no purl type is known for OSV ecosystem ${JSON.stringify(ecosystem)}` };
  if (name.trim() === "") return { ok: false, error: `empty ${row.ecosystem} package name` };
  let parts: { namespace?: string; name: string };
  switch (row.type) {
    case "maven": {
      const [group, artifact, ...rest] = name.split(":");
      if (!group || !artifact || rest.length > 0) {
        return {
          ok: false,
          error: `Maven package name must be "groupId:artifactId", found ${JSON.stringify(name)}`,
        };
      }
      parts = { namespace: group, name: artifact };
      break;
    }
    case "npm":
      if (name.startsWith("@") && !name.includes("/")) {
        return {
          ok: false,
          error: `scoped npm package name must be "@scope/name", found ${JSON.stringify(name)}`,
        };
      }
      parts = splitPath(name);
      break;
    case "golang":
    case "composer":
    case "swift":
      parts = splitPath(name);
      break;
    default:
      parts = { namespace: row.namespace, name };
  }
  let purl: string;
  try {
    purl = new PackageURL(row.type, parts.namespace, parts.name, undefined, undefined, undefined).toString();
  } catch (e) {
    return {
      ok: false,
      error: `cannot build a purl for ${row.ecosystem} ${JSON.stringify(name)}: ${(e as Error).message}`,
    };
  }
  const normalized = normalizePurl(purl);
  return normalized.ok ? { ok: true, purl: normalized.purl } : normalized;
}

/** The OSV ecosystem of a purl type (and namespace, for distributions), or undefined. */
export function osvEcosystemOfPurlType(type: string, namespace?: string): string | undefined {
  const t = type.toLowerCase();
  const rows = ECOSYSTEMS.filter((e) => e.type === t);
  if (rows.length === 0) return undefined;
  if (rows.length === 1 && rows[0]!.namespace === undefined) return rows[0]!.ecosystem;
  const ns = namespace?.toLowerCase();
  return rows.find((e) => e.namespace === ns)?.ecosystem;
}

/** The OSV package (ecosystem and name as OSV writes them) for a purl, for feed queries. */
export function purlToOsvPackage(
  purl: string,
): { ok: true; ecosystem: string; name: string } | { ok: false; error: string } {
  const p = normalizePurl(purl);
  if (!p.ok) return p;
  const ecosystem = osvEcosystemOfPurlType(p.type, p.namespace);
  if (!ecosystem) return { ok: false, error: `no OSV ecosystem is known for ${p.purl}` };
  const distro = ECOSYSTEMS.some((e) => e.type === p.type && e.namespace !== undefined);
  const name =
    p.type === "maven"
      ? `${p.namespace ?? ""}:${p.name}`
      : p.namespace && !distro
        ? `${p.namespace}/${p.name}`
        : p.name;
  return { ok: true, ecosystem, name };
}

/** Release codenames of Debian and Ubuntu, as purls' `distro` qualifiers may write them. */
const CODENAMES: Record<string, string> = {
  jessie: "8",
  stretch: "9",
  buster: "10",
  bullseye: "11",
  bookworm: "12",
  trixie: "13",
  forky: "14",
  xenial: "16.04",
  bionic: "18.04",
  focal: "20.04",
  jammy: "22.04",
  noble: "24.04",
};

/** Ecosystems whose OSV name carries the distribution release ("Debian:12", "Alpine:v3.18"). */
const RELEASED = new Set(["debian", "ubuntu", "alpine"]);

/**
 * The distribution release an OSV ecosystem names: "Debian:12" → "12", "Ubuntu:22.04:LTS" and
 * "Ubuntu:Pro:22.04:LTS" → "22.04", "Alpine:v3.18" → "3.18"; undefined when it names none (or is
 * not such a distribution).
 */
export function osvEcosystemRelease(ecosystem: string): string | undefined {
  const [base, ...rest] = ecosystem.split(":");
  if (!base || !RELEASED.has(base.trim().toLowerCase())) return undefined;
  // "Ubuntu:Pro:18.04:LTS": the first part that is a version number.
  const release = rest.map((r) => r.trim().toLowerCase()).find((r) => /^v?\d/.test(r));
  return release?.replace(/^v(?=\d)/, "");
}

/**
 * The release a purl's `distro` qualifier names, in the same spelling: "debian-11", "bullseye"
 * and "11" → "11"; "ubuntu-22.04" and "jammy" → "22.04"; "alpine-3.18.4" → "3.18.4".
 */
export function distroRelease(distro: string): string {
  const value = distro.trim().toLowerCase();
  const release = value.replace(/^(debian|ubuntu|alpine)-/, "").replace(/^v(?=\d)/, "");
  return CODENAMES[release] ?? release;
}

/** Whether a component of distribution release `component` is in the OSV ecosystem's `release`. */
export function sameRelease(release: string, component: string): boolean {
  return component === release || component.startsWith(`${release}.`);
}
