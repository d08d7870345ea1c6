/**
 * Walks a CSAF `product_tree` into a map product_id → what identifies the product (purl, CPE,
 * version or version range). Branch versions are inherited by the products below them; a
 * relationship product takes the identity of its component (`product_reference`), never the
 * platform's, since a platform CPE would make every package of the platform look affected.
 */
import { describeIssues, warn } from "./bytes.ts";
import { toCpe23 } from "./csaf-identity.ts";
import {
  type CsafDocument,
  type CsafFullProductName,
  csafBranchSchema,
  csafFullProductNameSchema,
  csafRelationshipSchema,
} from "./schema/csaf.ts";
import type { FeedDiagnostic } from "./types.ts";

export interface CsafProduct {
  id: string;
  name?: string;
  purl?: string;
  /** CPE 2.3 formatted string (2.2 URIs are converted). */
  cpe?: string;
  /** From the nearest `product_version` branch. */
  version?: string;
  /** From the nearest `product_version_range` branch (`vers:…` or free text). */
  range?: string;
  /** For relationship products: the platform product id. */
  platform?: string;
}

type Context = { version?: string; range?: string };

/** Collects all products of the tree; problems are reported as warnings with a JSON pointer. */
export function collectProducts(
  tree: CsafDocument["product_tree"],
  source: string,
  record: string,
): { products: Map<string, CsafProduct>; diagnostics: FeedDiagnostic[] } {
  const products = new Map<string, CsafProduct>();
  const diagnostics: FeedDiagnostic[] = [];
  const problem = (pointer: string, message: string) =>
    diagnostics.push(warn(source, `${pointer}: ${message}`, record));

  const register = (value: unknown, context: Context, pointer: string) => {
    const parsed = csafFullProductNameSchema.safeParse(value);
    if (!parsed.success) {
      problem(pointer, `not a valid product: ${describeIssues(parsed.error)}`);
      return;
    }
    products.set(parsed.data.product_id, toProduct(parsed.data, context, pointer, problem));
  };

  const walk = (value: unknown, context: Context, pointer: string) => {
    const parsed = csafBranchSchema.safeParse(value);
    if (!parsed.success) {
      problem(pointer, `not a valid branch: ${describeIssues(parsed.error)}`);
      return;
    }
    const branch = parsed.data;
    const next: Context = { ...context };
    if (branch.category === "product_version") next.version = branch.name;
    if (branch.category === "product_version_range") next.range = branch.name;
    if (branch.product !== undefined) register(branch.product, next, `${pointer}/product`);
    branch.branches?.forEach((child, i) => {
      walk(child, next, `${pointer}/branches/${i}`);
    });
  };

  tree?.branches?.forEach((branch, i) => {
    walk(branch, {}, `/product_tree/branches/${i}`);
  });
  tree?.full_product_names?.forEach((fpn, i) => {
    register(fpn, {}, `/product_tree/full_product_names/${i}`);
  });
  tree?.relationships?.forEach((value, i) => {
    const pointer = `/product_tree/relationships/${i}`;
    const parsed = csafRelationshipSchema.safeParse(value);
    if (!parsed.success) {
      problem(pointer, `not a valid relationship: ${describeIssues(parsed.error)}`);
      return;
    }
    const rel = parsed.data;
    const component = products.get(rel.product_reference);
    if (component === undefined) {
      problem(pointer, `product_reference "${rel.product_reference}" is not a product of the tree`);
    }
    const own = toProduct(rel.full_product_name, {}, `${pointer}/full_product_name`, problem);
    const combined: CsafProduct = { ...component, ...own, platform: rel.relates_to_product_reference };
    products.set(own.id, combined);
  });
  return { products, diagnostics };
}

function toProduct(
  fpn: CsafFullProductName,
  context: Context,
  pointer: string,
  problem: (pointer: string, message: string) => void,
): CsafProduct {
  const product: CsafProduct = { id: fpn.product_id, ...context };
  if (fpn.name !== undefined) product.name = fpn.name;
  const helper = fpn.product_identification_helper;
  const purl = helper?.purl ?? helper?.purls?.[0];
  if (purl !== undefined) product.purl = purl;
  if (helper?.cpe !== undefined) {
    const cpe = toCpe23(helper.cpe);
    if (cpe === undefined) problem(pointer, `CPE "${helper.cpe}" is neither a CPE 2.3 string nor a 2.2 URI`);
    else product.cpe = cpe;
  }
  return product;
}
