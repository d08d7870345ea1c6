/**
 * The CSAF product tree of an advisory, from the inventory: vendor → product name → product
 * version branches, each version a full product name with a stable product id and the product's
 * CPE and purl filled in with the version.
 */
import { PackageURL } from "packageurl-js";
import type { Product } from "../../../schemas/product.ts";
import type { Model } from "../load/repository.ts";
import type { CsafBranch, CsafFullProductName, CsafProductTree } from "./types.ts";

/**
 * The CSAF product id of one product version: `CSAFPID-<product id>@<version>`. Product ids never
 * contain `@`, so the id is unambiguous even when versions contain hyphens (`foo`/`2-1` and
 * `foo-2`/`1` stay apart) and stable across revisions of the advisory.
 */
export function csafProductId(product: string, version: string): string {
  return `CSAFPID-${product}@${version}`;
}

/** Characters that CPE 2.3 formatted strings must quote with a backslash (NISTIR 7695, 6.2). */
const CPE_QUOTED = /[\\*?!"#$%&'()+,/:;<=>@[\]^`{|}~]/;

/**
 * The value of a CPE 2.3 formatted-string component for a literal `text`: letters, digits, `.`,
 * `-`, `_` as they are, whitespace as `_`, other printable ASCII punctuation quoted with `\`.
 * Undefined when `text` holds a character CPE cannot express (non-ASCII, control characters).
 */
export function cpeComponent(text: string): string | undefined {
  let out = "";
  for (const ch of text) {
    if (/[A-Za-z0-9._-]/.test(ch)) out += ch;
    else if (/\s/.test(ch)) out += "_";
    else if (CPE_QUOTED.test(ch)) out += `\\${ch}`;
    else return undefined;
  }
  return out === "" ? undefined : out;
}

/** The product's CPE 2.3 name with its version component (the 6th) set to `version`. */
export function cpeForVersion(cpe: string, version: string): string | undefined {
  const parts = cpe.split(":");
  const value = cpeComponent(version);
  if (parts.length !== 13 || value === undefined) return undefined;
  parts[5] = value;
  return parts.join(":");
}

/** The product's package URL with `@version` (percent-encoded as the purl specification asks). */
export function purlForVersion(purl: string, version: string): string | undefined {
  try {
    const p = PackageURL.fromString(purl);
    return new PackageURL(p.type, p.namespace, p.name, version, p.qualifiers, p.subpath).toString();
  } catch {
    return undefined;
  }
}

/** The full product name of one version, with identification helpers where the product has them. */
export function fullProductName(product: Product, version: string): CsafFullProductName {
  const full: CsafFullProductName = {
    name: `${product.name} ${version}`,
    product_id: csafProductId(product.id, version),
  };
  const cpe = product.identifiers.cpe ? cpeForVersion(product.identifiers.cpe, version) : undefined;
  const purl = product.identifiers.purl ? purlForVersion(product.identifiers.purl, version) : undefined;
  if (cpe || purl) {
    full.product_identification_helper = {};
    if (cpe) full.product_identification_helper.cpe = cpe;
    if (purl) full.product_identification_helper.purl = purl;
  }
  return full;
}

/**
 * The product tree for `productIds` (in the given order; unknown ids are skipped). Each product
 * lists its inventory versions, oldest first, that `include` accepts (default: all); products
 * left without versions are omitted. Products group under their vendor (the product's `vendor`,
 * else the repository vendor), vendors in order of first appearance.
 */
export function productTree(
  model: Model,
  productIds: readonly string[],
  include: (product: string, version: string) => boolean = () => true,
): CsafProductTree {
  const vendors = new Map<string, CsafBranch[]>();
  for (const id of productIds) {
    const product = model.products.get(id)?.data;
    if (!product) continue;
    const versions: CsafBranch[] = product.versions
      .filter((v) => include(product.id, v.version))
      .map((v) => ({
        category: "product_version",
        name: v.version,
        product: fullProductName(product, v.version),
      }));
    if (versions.length === 0) continue;
    const vendor = product.vendor ?? model.vendor?.data.name ?? "Unknown vendor";
    const branch: CsafBranch = { branches: versions, category: "product_name", name: product.name };
    const list = vendors.get(vendor);
    if (list) list.push(branch);
    else vendors.set(vendor, [branch]);
  }
  if (vendors.size === 0) return {};
  return {
    branches: [...vendors].map(([name, branches]): CsafBranch => ({ branches, category: "vendor", name })),
  };
}
