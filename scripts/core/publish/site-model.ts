/**
 * What `build` hands the Astro site: the model cut down to the vendor, the products and the
 * advisories published at the data date, as plain data (no source positions: the site reports no
 * findings). The site then never sees an incident or an unpublished advisory at all, and it does
 * not parse and check the repository a second time.
 */

import type { Vendor } from "../../../schemas/vendor.ts";
import type { Position, Positions } from "../load/positions.ts";
import type { AdvisoryDoc, Doc, Model, ProductDoc, VendorDoc } from "../load/repository.ts";

type Plain<D> = Omit<D, "positions">;

export interface SiteModel {
  vendor?: Plain<VendorDoc>;
  products: Plain<ProductDoc>[];
  advisories: Plain<AdvisoryDoc>[];
}

const plain = <D extends Doc<unknown>>({ positions: _, ...rest }: D): Plain<D> => rest;

export function siteModel(model: Model, published: readonly AdvisoryDoc[]): SiteModel {
  const cut: SiteModel = {
    products: [...model.products.values()].map(plain),
    advisories: published.map(plain),
  };
  if (model.vendor) cut.vendor = plain(model.vendor);
  return cut;
}

const FIRST_LINE: Position = { line: 1, column: 1 };
const NO_POSITIONS: Positions = { at: () => FIRST_LINE, keyAt: () => FIRST_LINE };

/** The model the site derives its pages from. */
export function modelOf(cut: SiteModel): Model {
  const model: Model = {
    products: new Map(cut.products.map((p) => [p.data.id, { ...p, positions: NO_POSITIONS }])),
    advisories: cut.advisories.map((a) => ({ ...a, positions: NO_POSITIONS })),
    incidents: [],
    sboms: new Map(),
    paths: new Set(),
    brokenIds: new Set(),
  };
  if (cut.vendor) model.vendor = { ...cut.vendor, positions: NO_POSITIONS };
  return model;
}

/**
 * The site's language: the primary subtag of the vendor's first language (`en` without one). The
 * pages' `<html lang>` and the search records use it, and must agree for the search to find them.
 */
export const siteLanguage = (vendor: Vendor): string => (vendor.site.languages[0] ?? "en").split("-")[0]!;
