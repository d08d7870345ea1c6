/** `provider-metadata.json` (CSAF 2.0 requirement 7) for a CSAF trusted provider. */
import {
  feedPath,
  PROVIDER_METADATA_PATH,
  ROLIE_SERVICE_PATH,
  type TlpLabel,
  tlpDir,
  urlOf,
} from "./layout.ts";

/** What the provider tree needs to know about the vendor (a subset of `inventory/vendor.yaml`). */
export interface ProviderVendor {
  name: string;
  /** `publisher.namespace`, e.g. https://northlight.example */
  namespace: string;
  contact: { email: string; url?: string };
}

export interface ProviderMetadataInput {
  vendor: ProviderVendor;
  /** Site base URL, e.g. https://psirt.example.com/ (the tree lives under its `.well-known/`). */
  canonicalUrl: string;
  /** Where the public key is published. */
  publicKeyUrl: string;
  /** 40 hex digits. */
  fingerprint: string;
  /** `last_updated`: a date from the data, never the clock. */
  lastUpdated: Date;
  /** TLP labels with a feed and a folder. */
  tlps: readonly TlpLabel[];
  /** Whether a ROLIE service document is published (requirement 16). */
  rolieService?: boolean;
}

/**
 * `publisher.contact_details` written exactly as the CSAF documents do (scripts/core/csaf/document.ts):
 * requirement 7 wants the provider's publisher to match the documents' one.
 */
export function contactDetails(vendor: ProviderVendor): string {
  return `Email: ${vendor.contact.email}${vendor.contact.url ? `; web: ${vendor.contact.url}` : ""}`;
}

/** The provider-metadata.json object, keys in the order of the specification's example. */
export function providerMetadata(input: ProviderMetadataInput) {
  const base = input.canonicalUrl;
  const tlps = [...new Set(input.tlps)];
  return {
    canonical_url: urlOf(base, PROVIDER_METADATA_PATH),
    distributions: [
      ...tlps.map((tlp) => ({ directory_url: `${urlOf(base, tlpDir(tlp))}/` })),
      {
        rolie: {
          feeds: tlps.map((tlp) => ({
            summary: `All TLP:${tlp} advisories of ${input.vendor.name}.`,
            tlp_label: tlp,
            url: urlOf(base, feedPath(tlp)),
          })),
          ...(input.rolieService ? { services: [urlOf(base, ROLIE_SERVICE_PATH)] } : {}),
        },
      },
    ],
    last_updated: input.lastUpdated.toISOString(),
    list_on_CSAF_aggregators: true,
    metadata_version: "2.0",
    mirror_on_CSAF_aggregators: true,
    public_openpgp_keys: [{ fingerprint: input.fingerprint.toUpperCase(), url: input.publicKeyUrl }],
    publisher: {
      category: "vendor",
      contact_details: contactDetails(input.vendor),
      name: input.vendor.name,
      namespace: input.vendor.namespace,
    },
    role: "csaf_trusted_provider",
  };
}

export type ProviderMetadata = ReturnType<typeof providerMetadata>;
