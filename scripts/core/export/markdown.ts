/**
 * CommonMark from a checked MDX advisory body (OSV `details` are Markdown). The body is Markdown
 * plus the allowed components and nothing else (scripts/core/mdx/parse.ts refuses code), and MDX's
 * escapes (`&lt;`, `\{`) are valid Markdown too, so the source is kept as written and only the
 * component tags go: a `<Callout type="warning">` block becomes a block quote starting with
 * **Warning:**, an inline component keeps just its content.
 */
import { parseMdxBody } from "../mdx/parse.ts";

interface Node {
  type: string;
  name?: string | null;
  attributes?: { name?: string; value?: unknown }[];
  children?: Node[];
  position?: { start: { offset?: number }; end: { offset?: number } };
}

const LABEL: Record<string, string> = {
  note: "Note",
  tip: "Tip",
  warning: "Warning",
  important: "Important",
};

function isJsx(n: Node): boolean {
  return n.type === "mdxJsxFlowElement" || n.type === "mdxJsxTextElement";
}

/** The source of `[from, to)` with every component inside it rewritten. */
function rewrite(source: string, nodes: readonly Node[], from: number, to: number): string {
  let out = "";
  let at = from;
  const visit = (n: Node) => {
    const s = n.position?.start.offset;
    const e = n.position?.end.offset;
    if (s === undefined || e === undefined || s < at || e > to) return;
    if (!isJsx(n)) {
      for (const c of n.children ?? []) visit(c);
      return;
    }
    out += source.slice(at, s);
    const kids = n.children ?? [];
    const first = kids[0]?.position?.start.offset;
    const last = kids[kids.length - 1]?.position?.end.offset;
    const inner = first !== undefined && last !== undefined ? rewrite(source, kids, first, last).trim() : "";
    if (n.type === "mdxJsxFlowElement" && n.name === "Callout") {
      const attr = (k: string) => n.attributes?.find((a) => a.name === k)?.value;
      const title =
        typeof attr("title") === "string" ? String(attr("title")) : (LABEL[String(attr("type"))] ?? "Note");
      const text = `**${title}:** ${inner}`;
      out += text
        .split("\n")
        .map((line) => (line === "" ? ">" : `> ${line}`))
        .join("\n");
    } else {
      out += inner;
    }
    at = e;
  };
  for (const n of nodes) visit(n);
  return out + source.slice(at, to);
}

/** The body as CommonMark (trimmed). */
export function bodyMarkdown(body: string): string {
  const { tree } = parseMdxBody("", body, 1);
  return rewrite(body, tree.children as Node[], 0, body.length).trim();
}
