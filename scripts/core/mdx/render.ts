/**
 * Renders a checked advisory body to HTML (site, feeds) and to plain-text sections (CSAF notes,
 * e-mails). Components map to plain HTML; the result is sanitized, so even a body that slipped past
 * the checks cannot inject script.
 */
import type { Element, ElementContent, Root as HastRoot } from "hast";
import { defaultSchema, type Schema, sanitize } from "hast-util-sanitize";
import { toHtml } from "hast-util-to-html";
import type { Heading, Root, RootContent } from "mdast";
import { toHast } from "mdast-util-to-hast";
import { parseMdxBody } from "./parse.ts";

const CALLOUT_LABEL: Record<string, string> = {
  note: "Note",
  tip: "Tip",
  warning: "Warning",
  important: "Important",
};

/** mdast-util-to-hast handlers for the allowed components; everything else MDX-specific is dropped. */
const handlers = {
  mdxJsxFlowElement(
    state: { all(node: unknown): ElementContent[] },
    node: { name: string | null; attributes: { name?: string; value?: unknown }[] },
  ): Element | undefined {
    if (node.name !== "Callout") return undefined;
    const attr = (n: string) => node.attributes.find((a) => a.name === n)?.value;
    const type = String(attr("type") ?? "note");
    const title = typeof attr("title") === "string" ? String(attr("title")) : (CALLOUT_LABEL[type] ?? "Note");
    return {
      type: "element",
      tagName: "aside",
      properties: { className: ["callout", `callout-${CALLOUT_LABEL[type] ? type : "note"}`], role: "note" },
      children: [
        {
          type: "element",
          tagName: "p",
          properties: { className: ["callout-title"] },
          children: [{ type: "text", value: title }],
        },
        ...state.all(node),
      ],
    };
  },
  mdxJsxTextElement() {
    return undefined;
  },
  mdxjsEsm() {
    return undefined;
  },
  mdxFlowExpression() {
    return undefined;
  },
  mdxTextExpression() {
    return undefined;
  },
};

const schema: Schema = {
  ...defaultSchema,
  tagNames: [...(defaultSchema.tagNames ?? []), "aside"],
  attributes: {
    ...defaultSchema.attributes,
    aside: [
      ["className", "callout", "callout-note", "callout-tip", "callout-warning", "callout-important"],
      ["role", "note"],
    ],
    p: [["className", "callout-title"]],
    "*": [...(defaultSchema.attributes?.["*"] ?? []).filter((a) => a !== "id")],
  },
  clobberPrefix: "body-",
} as Schema;

/**
 * `<Callout>text</Callout>` written on one line is parsed as an inline (text) element inside a
 * paragraph; lift such a paragraph to a block element so that it renders as one box.
 */
function liftCallouts<T extends { children?: unknown[] }>(node: T): T {
  if (!node.children) return node;
  const children = node.children.map((c) => {
    const child = c as {
      type: string;
      children?: { type: string; name?: string; children?: unknown[]; attributes?: unknown }[];
    };
    const only = child.type === "paragraph" && child.children?.length === 1 ? child.children[0] : undefined;
    if (only?.type === "mdxJsxTextElement" && only.name === "Callout") {
      return {
        ...only,
        type: "mdxJsxFlowElement",
        children: [{ type: "paragraph", children: only.children ?? [] }],
      };
    }
    return liftCallouts(child as { children?: unknown[] });
  });
  return { ...node, children };
}

/** HTML of an mdast tree (already checked by parseMdxBody). `headingOffset` demotes headings (## → h3). */
export function treeToHtml(tree: Root, headingOffset = 0): string {
  const hast = toHast(liftCallouts(tree), {
    handlers: handlers as never,
    allowDangerousHtml: false,
  }) as HastRoot;
  if (headingOffset) {
    const demote = (node: HastRoot | ElementContent) => {
      if (node.type === "element" && /^h[1-6]$/.test(node.tagName))
        node.tagName = `h${Math.min(6, Number(node.tagName[1]) + headingOffset)}`;
      if ("children" in node) for (const c of node.children) demote(c as ElementContent);
    };
    demote(hast);
  }
  return toHtml(sanitize(hast, schema) as HastRoot);
}

/** Plain text of mdast nodes: paragraphs separated by blank lines, list items prefixed with "- ". */
export function nodesToText(nodes: readonly RootContent[]): string {
  const out: string[] = [];
  const inline = (n: unknown): string => {
    const node = n as { type: string; value?: string; children?: unknown[]; url?: string };
    if (node.type === "text" || node.type === "inlineCode") return node.value ?? "";
    if (node.type === "break") return "\n";
    if (node.type === "link") {
      const label = (node.children ?? []).map(inline).join("");
      return label && label !== node.url ? `${label} (${node.url})` : (node.url ?? label);
    }
    return (node.children ?? []).map(inline).join("");
  };
  const block = (n: unknown, prefix = "") => {
    const node = n as { type: string; value?: string; children?: unknown[] };
    switch (node.type) {
      case "paragraph":
      case "heading":
        out.push(prefix + inline(node));
        break;
      case "code":
        out.push(node.value ?? "");
        break;
      case "list":
        for (const item of node.children ?? []) {
          const text = ((item as { children?: unknown[] }).children ?? []).map(inline).join(" ");
          out.push(`${prefix}- ${text}`);
        }
        break;
      case "table":
        for (const row of node.children ?? [])
          out.push(((row as { children?: unknown[] }).children ?? []).map(inline).join(" | "));
        break;
      default:
        for (const child of node.children ?? []) block(child, prefix);
    }
  };
  for (const n of nodes) block(n);
  return out.join("\n\n").trim();
}

export interface BodySection {
  /** Heading text of a `##` section, or "" for text before the first heading. */
  title: string;
  text: string;
  html: string;
}

/** Splits a body at its `##` headings into sections with plain text and HTML. */
export function bodySections(tree: Root): BodySection[] {
  const sections: { title: string; nodes: RootContent[] }[] = [{ title: "", nodes: [] }];
  for (const node of tree.children) {
    if (node.type === "heading" && (node as Heading).depth <= 2)
      sections.push({ title: nodesToText([node]), nodes: [] });
    else sections[sections.length - 1]!.nodes.push(node);
  }
  return sections
    .filter((s) => s.nodes.length > 0)
    .map((s) => ({
      title: s.title,
      text: nodesToText(s.nodes),
      html: treeToHtml({ type: "root", children: s.nodes }),
    }));
}

/** Parses and renders a body in one step (the body must have passed validation). */
export function renderBody(body: string): { html: string; sections: BodySection[] } {
  const { tree } = parseMdxBody("", body, 1);
  return { html: treeToHtml(tree), sections: bodySections(tree) };
}
