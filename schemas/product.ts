/** Product inventory: `inventory/products/<id>.yaml`, one file per product. */
import { z } from "zod";
import { DateValue, HttpsUrl, matching, ProductId, Text } from "./common.ts";

export const VersionScheme = z
  .enum(["semver", "maven", "pep440", "dpkg", "rpm", "generic"])
  .describe("How this product's versions are ordered (used to evaluate advisory version ranges).");

export const ProductVersion = z
  .strictObject({
    version: z.string().min(1).max(100).describe("Version string as shipped, e.g. `7.3.2`."),
    released: DateValue.describe(
      "Release date of this version. An advisory range (`>=7.3.0`, `*`) covers it only once the advisory's current revision is dated on or after it; a version an advisory names exactly (`7.3.2`) is covered whatever its date.",
    ),
    end_of_support: DateValue.optional().describe("Date security fixes end for this version."),
    support: z
      .enum(["supported", "security_only", "end_of_life"])
      .default("supported")
      .describe("Support status shown on the product page."),
    sbom: matching(
      /^inventory\/sbom\/[A-Za-z0-9._/-]+\.cdx\.json$/,
      "SBOM path must be repository-relative under inventory/sbom/ and end in .cdx.json",
      "PSIRT-E025",
    )
      .optional()
      .describe(
        "Repository-relative path of this version's CycloneDX SBOM (`inventory/sbom/<product>/<version>.cdx.json`).",
      ),
  })
  .describe("One shipped version of the product.");

export const Product = z
  .strictObject({
    id: ProductId,
    name: z.string().min(1).max(200).describe("Product name as customers know it."),
    description: Text.optional().describe("One or two sentences on what the product is."),
    vendor: z
      .string()
      .min(1)
      .max(200)
      .optional()
      .describe("Vendor name; defaults to the vendor in inventory/vendor.yaml."),
    category: z
      .enum(["server", "embedded", "desktop", "iot", "cloud", "library", "other"])
      .default("other")
      .describe("Kind of product."),
    exposure: z
      .enum(["internet", "internal", "local"])
      .describe(
        "Typical deployment exposure: `internet` (reachable from the internet), `internal` (company network), `local` (single host). Feeds into match priority and treatment urgency.",
      ),
    version_scheme: VersionScheme.default("semver"),
    identifiers: z
      .strictObject({
        cpe: matching(
          /^cpe:2\.3:[aho]:[^:]+:[^:]+(:[^:]*){8}$/,
          "malformed CPE: expected a CPE 2.3 formatted string such as cpe:2.3:a:vendor:product:*:*:*:*:*:*:*:*",
          "PSIRT-E010",
        )
          .optional()
          .describe("CPE 2.3 name of the product with `*` as version; the version is filled in per version."),
        purl: matching(
          /^pkg:[a-z][a-z0-9.+-]*\/[^@?#]+$/,
          "malformed purl: expected pkg:<type>/<namespace>/<name> without a version",
          "PSIRT-E010",
        )
          .optional()
          .describe("Package URL of the product without version."),
      })
      .default({})
      .describe("Identifiers published in CSAF product helpers."),
    homepage: HttpsUrl.optional().describe("Product page."),
    versions: z.array(ProductVersion).min(1).describe("Shipped versions, oldest first."),
  })
  .describe("A product the vendor ships, with its versions and SBOMs.");

export type Product = z.infer<typeof Product>;
export type ProductVersion = z.infer<typeof ProductVersion>;
export type VersionScheme = z.infer<typeof VersionScheme>;
