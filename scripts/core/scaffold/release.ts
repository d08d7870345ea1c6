/**
 * Plans a new shipped version (`psirt release`): the version entry added to its product's file in
 * version order (comments and layout kept), or a new product file, and where its SBOM goes. Pure:
 * the caller validates the planned files with the repository and writes them.
 */
import type { Product, VersionScheme } from "../../../schemas/product.ts";
import { CliError, EXIT } from "../exit-codes.ts";
import type { Model } from "../load/repository.ts";
import { getScheme } from "../versions/index.ts";
import type { PlannedFile } from "./incident.ts";
import { insertSequenceItem, renderYaml } from "./yaml-edit.ts";

export interface ReleaseInput {
  product: string;
  version: string;
  /** Release date `YYYY-MM-DD`. */
  released: string;
  endOfSupport?: string;
  /** Whether an SBOM comes with the version (it goes to `sbomPath`). */
  sbom: boolean;
  /** For a product the inventory does not have yet. */
  newProduct?: { name: string; exposure: Product["exposure"]; scheme?: VersionScheme };
}

export interface PlannedRelease {
  /** The product file, changed or new. */
  product: PlannedFile;
  /** Where the SBOM goes, when one comes with the version. */
  sbomPath?: string;
}

const usage = (message: string) => new CliError(`release: ${message}`, EXIT.usage);

const PRODUCT_SCHEMA_LINE = "# yaml-language-server: $schema=../../schemas/json/product.schema.json";

/** `inventory/sbom/<product>/<version>.cdx.json`, the version made safe for a file name. */
export function sbomPathFor(product: string, version: string): string {
  return `inventory/sbom/${product}/${version.replace(/[^A-Za-z0-9._-]/g, "_")}.cdx.json`;
}

/**
 * The planned files for `input`. `text` is the product file's current text (undefined for a new
 * product; `input.newProduct` is read only then). Throws a usage error for a version the product
 * already lists, or an unknown product without `newProduct`.
 */
export function planRelease(model: Model, input: ReleaseInput, text: string | undefined): PlannedRelease {
  const doc = model.products.get(input.product);
  const entry: Record<string, unknown> = { version: input.version, released: input.released };
  if (input.endOfSupport) entry.end_of_support = input.endOfSupport;
  const sbomPath = input.sbom ? sbomPathFor(input.product, input.version) : undefined;
  if (sbomPath) entry.sbom = sbomPath;
  if (doc === undefined) {
    if (!input.newProduct)
      throw usage(
        `no product "${input.product}" in inventory/products/: give --name and --exposure to add it, or use an existing id`,
      );
    const path = `inventory/products/${input.product}.yaml`;
    if (model.paths.has(path)) throw usage(`${path} exists but does not load: run validate and fix it first`);
    const data: Record<string, unknown> = {
      id: input.product,
      name: input.newProduct.name,
      exposure: input.newProduct.exposure,
      version_scheme: input.newProduct.scheme ?? "semver",
      versions: [entry],
    };
    return {
      product: { path, text: `${PRODUCT_SCHEMA_LINE}\n${renderYaml(data)}` },
      ...(sbomPath ? { sbomPath } : {}),
    };
  }
  const versions = doc.data.versions;
  if (versions.some((v) => v.version === input.version))
    throw usage(`${input.product} already lists version ${input.version} (${doc.file})`);
  if (text === undefined) throw usage(`${doc.file} could not be read`);
  // Oldest first: before the first listed version that orders after the new one.
  const scheme = getScheme(doc.data.version_scheme);
  const later = versions.findIndex((v) => {
    const c = scheme.tryCompare(v.version, input.version);
    return c.ok && c.value > 0;
  });
  const at = later === -1 ? versions.length : later;
  return {
    product: { path: doc.file, text: insertSequenceItem(text, doc.file, "versions", at, entry) },
    ...(sbomPath ? { sbomPath } : {}),
  };
}
