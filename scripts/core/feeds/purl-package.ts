/**
 * purl → OSV package (ecosystem + name), for CSAF product helpers that carry a purl. Names follow
 * OSV conventions: Maven `group:artifact`, npm `@scope/name`, Go the full module path.
 */
import { PackageURL } from "packageurl-js";

export interface OsvPackageRef {
  ecosystem: string;
  name: string;
  /** The purl without version, qualifiers and subpath. */
  purl: string;
  /** The purl's version in the ecosystem's spelling (Go without the `v` prefix), if any. */
  version?: string;
}

const ECOSYSTEMS: Record<string, string> = {
  npm: "npm",
  maven: "Maven",
  pypi: "PyPI",
  golang: "Go",
  cargo: "crates.io",
  gem: "RubyGems",
  nuget: "NuGet",
  composer: "Packagist",
  hex: "Hex",
  pub: "Pub",
  swift: "SwiftURL",
  cran: "CRAN",
  deb: "Debian",
  apk: "Alpine",
  githubactions: "GitHub Actions",
  generic: "generic",
};

/** Types whose OSV name joins namespace and name with `/` (others use only the name). */
const SLASH_NAMESPACE = new Set(["npm", "golang", "composer", "swift", "generic", "githubactions"]);

/** OSV package of a purl; undefined when the purl does not parse. Unknown types keep their type as ecosystem. */
export function purlToOsvPackage(purl: string): OsvPackageRef | undefined {
  let parsed: PackageURL;
  try {
    parsed = PackageURL.fromString(purl);
  } catch {
    return undefined;
  }
  const { type, namespace, name } = parsed;
  const ecosystem = ECOSYSTEMS[type] ?? type;
  let osvName = name;
  if (type === "maven") osvName = namespace ? `${namespace}:${name}` : name;
  else if (namespace && SLASH_NAMESPACE.has(type)) osvName = `${namespace}/${name}`;
  const ref: OsvPackageRef = {
    ecosystem,
    name: osvName,
    purl: new PackageURL(type, namespace, name).toString(),
  };
  if (parsed.version)
    ref.version = type === "golang" ? parsed.version.replace(/^v(?=\d)/, "") : parsed.version;
  return ref;
}
