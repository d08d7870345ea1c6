/** The CSAF 2.0 trusted-provider tree: one import for the build. Layout: scripts/docs/provider.md. */
export {
  type ChangeEntry,
  changesCsv,
  directoryListing,
  indexTxt,
  parseChangesCsv,
  parseIndexTxt,
} from "./directory.ts";
export { digest, parseHashFile, sha256Line, sha512Line } from "./hashes.ts";
export * from "./layout.ts";
export { type ProviderMetadata, type ProviderVendor, providerMetadata } from "./metadata.ts";
export { CSAF_SCHEMA_URL, type RolieEntryInput, rolieFeed, rolieService } from "./rolie.ts";
export { parseSecurityTxt, securityTxt, securityTxtExpiry } from "./security-txt.ts";
export { type ProviderDocument, type ProviderTree, type ProviderTreeInput, providerTree } from "./tree.ts";
export { validateProviderMetadata } from "./validate-metadata.ts";
