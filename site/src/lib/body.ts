/**
 * Advisory body → sanitized HTML for pages: the core's MDX parse (satteri, fast) and the core's
 * sanitizing renderer, so the site shows exactly what validation checked.
 */
import { parseMdxBody } from "../../../scripts/core/mdx/parse.ts";
import { treeToHtml } from "../../../scripts/core/mdx/render.ts";

/** Sanitized HTML of a validated advisory body. */
export function bodyHtml(body: string): string {
  return treeToHtml(parseMdxBody("", body, 1).tree);
}
