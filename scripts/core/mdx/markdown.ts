/**
 * CommonMark from a checked MDX advisory body, for the places that carry Markdown: CSAF notes
 * (Secvisogram and the BSI CSAF viewer render `notes[].text` as Markdown) and OSV `details`. The
 * body is Markdown plus the allowed components and nothing else (scripts/core/mdx/parse.ts refuses
 * code), and MDX's escapes (`&lt;`, `\{`) are valid Markdown too, so the source is kept as written
 * and only the component tags go: a `<Callout type="warning">` block becomes a block quote starting
 * with **Warning:**, an inline component keeps just its content. A body without any MDX syntax is
 * returned as is, without parsing (most bodies: this keeps CSAF generation fast).
 */
import { parseMdxBody } from "./parse.ts";

/** Characters without which a body cannot contain MDX (components, expressions, imports, exports). */
export const MDX_SPECIAL = /[<{}]|^[ \t]*(import|export)\b/m;

/** Whether `body` may contain MDX constructs (else it is plain CommonMark + GFM). */
export const mayContainMdx = (body: string): boolean => MDX_SPECIAL.test(body);

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

/**
 * `text` as literal Markdown on one line: every ASCII punctuation character backslash-escaped (which
 * CommonMark defines for all of them), so that a callout title cannot become a link, an HTML tag, an
 * emphasis or a heading in CSAF notes and OSV details.
 */
export function escapeMarkdown(text: string): string {
  return text.replace(/\s+/g, " ").replace(/[!-/:-@[-`{-~]/g, "\\$&");
}

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
      const title = escapeMarkdown(
        typeof attr("title") === "string" ? String(attr("title")) : (LABEL[String(attr("type"))] ?? "Note"),
      );
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
  if (!mayContainMdx(body)) return body.trim();
  const { tree } = parseMdxBody("", body, 1);
  return rewrite(body, tree.children as Node[], 0, body.length).trim();
}

export interface MarkdownSection {
  /** Text of the `#`/`##` heading that opens the section, or "" before the first heading. */
  title: string;
  /** The section's Markdown, without its heading, trimmed. */
  markdown: string;
}

/** Splits Markdown at its level-1 and level-2 ATX headings (outside fenced code blocks). */
export function markdownSections(markdown: string): MarkdownSection[] {
  const sections: { title: string; lines: string[] }[] = [{ title: "", lines: [] }];
  let fence: string | undefined;
  for (const line of markdown.split(/\r?\n/)) {
    const f = /^ {0,3}(`{3,}|~{3,})/.exec(line)?.[1];
    if (f && (!fence || (f[0] === fence[0] && f.length >= fence.length))) fence = fence ? undefined : f;
    const heading = fence ? undefined : /^ {0,3}#{1,2}[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$/.exec(line);
    if (heading && !f) sections.push({ title: heading[1]!.trim(), lines: [] });
    else sections[sections.length - 1]!.lines.push(line);
  }
  return sections
    .map((s) => ({ title: s.title, markdown: s.lines.join("\n").trim() }))
    .filter((s) => s.markdown !== "");
}
