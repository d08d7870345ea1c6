/**
 * The OSV `affected[].package` of a product. A product published as a package of an OSV-defined
 * ecosystem (its purl type says which) gets that ecosystem and the ecosystem's spelling of its
 * name, so that osv-scanner-style tools match it. Vendor products outside every defined ecosystem
 * (purl type `generic`, or no purl) get the vendor's own ecosystem, named after its advisory id
 * prefix (the OSV schema lets a database use its id prefix as an ecosystem name), the product id
 * as name, and the purl, so that purl-based tools still match them (scripts/docs/exports.md).
 */
import { PackageURL } from "packageurl-js";
import type { Product } from "../../../schemas/product.ts";

export interface OsvPackage {
  ecosystem: string;
  name: string;
  purl?: string;
}

type Namer = (namespace: string | undefined, name: string) => string;
const joined =
  (sep: string): Namer =>
  (ns, name) =>
    ns ? `${ns}${sep}${name}` : name;
const bare: Namer = (_ns, name) => name;

/** purl type → OSV ecosystem and how the ecosystem spells the package name. */
export const PURL_ECOSYSTEMS: Readonly<Record<string, { ecosystem: string; name: Namer }>> = {
  maven: { ecosystem: "Maven", name: joined(":") },
  npm: { ecosystem: "npm", name: joined("/") },
  pypi: { ecosystem: "PyPI", name: (_ns, name) => name.toLowerCase().replace(/[-_.]+/g, "-") },
  golang: { ecosystem: "Go", name: joined("/") },
  cargo: { ecosystem: "crates.io", name: bare },
  nuget: { ecosystem: "NuGet", name: bare },
  gem: { ecosystem: "RubyGems", name: bare },
  composer: { ecosystem: "Packagist", name: joined("/") },
  hex: { ecosystem: "Hex", name: bare },
  pub: { ecosystem: "Pub", name: bare },
  conan: { ecosystem: "ConanCenter", name: bare },
  cran: { ecosystem: "CRAN", name: bare },
  hackage: { ecosystem: "Hackage", name: bare },
};

export function osvPackage(product: Product, vendorEcosystem: string): OsvPackage {
  const purl = product.identifiers.purl;
  if (purl) {
    try {
      const p = PackageURL.fromString(purl);
      const known = PURL_ECOSYSTEMS[p.type];
      if (known)
        return { ecosystem: known.ecosystem, name: known.name(p.namespace ?? undefined, p.name), purl };
    } catch {
      // an unparsable purl is reported by validate; fall back to the vendor ecosystem without it
      return { ecosystem: vendorEcosystem, name: product.id };
    }
    return { ecosystem: vendorEcosystem, name: product.id, purl };
  }
  return { ecosystem: vendorEcosystem, name: product.id };
}
