/** Site paths (without the base path) and the helper that prefixes the base path. */
import { FEED_PATHS } from "../../../scripts/core/publish/syndication.ts";

export const paths = {
  home: "/",
  browse: "/advisories/",
  advisory: (id: string) => `/advisories/${id}/`,
  facet: (facet: FacetName, value: string) => `/advisories/${facet}/${value}/`,
  products: "/products/",
  product: (id: string) => `/products/${id}/`,
  cve: (id: string) => `/cve/${id}/`,
  policy: "/policy/",
  search: "/search/",
  rss: `/${FEED_PATHS.rss}`,
  atom: `/${FEED_PATHS.atom}`,
  json: `/${FEED_PATHS.json}`,
  pgpKey: "/.well-known/pgp-key.asc",
  securityTxt: "/.well-known/security.txt",
  providerMetadata: "/.well-known/csaf/provider-metadata.json",
} as const;

export type FacetName = "product" | "severity" | "year" | "status";
export const FACETS: readonly FacetName[] = ["product", "severity", "year", "status"];

/** Prefixes a site path with the base path (`/` or e.g. `/psirt/`). */
export function withBase(base: string, path: string): string {
  return base + path.replace(/^\//, "");
}
