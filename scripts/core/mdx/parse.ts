/**
 * Parses an analyst's MDX body to a syntax tree and refuses anything that is code: imports, exports,
 * JavaScript expressions, unknown components or attributes; and what breaks a reader: control
 * characters, nesting deeper than MAX_NESTING. Analysts' files are untrusted input.
 */
import type { Root, RootContent } from "mdast";
import { mdxToMdast } from "satteri";
import type { Finding } from "../finding.ts";
import { CONTROL_CHAR, CONTROL_CHAR_HINT, describeChar, findControlChar } from "../load/control-chars.ts";
import { MAX_FINDINGS_PER_FILE, moreFindings } from "../load/limit.ts";
import { ALLOWED_COMPONENTS } from "./components.ts";
import { MAX_NESTING, nestingBeforeParsing } from "./nesting.ts";

/** Node types that add a level of nesting (a list adds one per item, through its list items). */
const NESTING = new Set([
  "blockquote",
  "listItem",
  "footnoteDefinition",
  "mdxJsxFlowElement",
  "mdxJsxTextElement",
  "emphasis",
  "strong",
  "delete",
  "link",
  "linkReference",
]);

interface Positioned {
  type: string;
  position?: { start: { line: number; column: number } };
  children?: unknown[];
  name?: string | null;
  attributes?: { type: string; name?: string; value?: unknown; position?: Positioned["position"] }[];
  value?: unknown;
  url?: unknown;
  title?: unknown;
  alt?: unknown;
}

/**
 * What a callout title may not contain: it is shown as text on the site and escaped in Markdown
 * (CSAF notes, OSV), so markup in it is a mistake or an attack; GFM would still link a bare URL.
 */
const TITLE_MARKUP = /[<>\r\n]|\]\s*\(|:\/\/|\bwww\./i;

const NESTING_HINT =
  "flatten the text: every reader of the body (site, feeds, CSAF, OSV) walks it level by level, and deeper nesting is refused";

/** The deepest nesting of a parsed tree (iteratively), and the first node beyond `MAX_NESTING`. */
function nestingOf(tree: Root): { depth: number; first?: Positioned } {
  let depth = 0;
  let first: Positioned | undefined;
  const stack: [Positioned, number][] = [[tree as unknown as Positioned, 0]];
  for (let item = stack.pop(); item; item = stack.pop()) {
    const [node, above] = item;
    const level = above + (NESTING.has(node.type) ? 1 : 0);
    if (level > depth) depth = level;
    if (level > MAX_NESTING && !first) first = node;
    for (const child of (node.children ?? []) as Positioned[]) stack.push([child, level]);
  }
  return first ? { depth, first } : { depth };
}

/** Offset → 1-based line and column of `text`, with the line starts computed once. */
function lineColumn(text: string): (offset: number) => { line: number; column: number } {
  const starts = [0];
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) starts.push(i + 1);
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - starts[lo]! + 1 };
  };
}

export interface ParsedBody {
  tree: Root;
  findings: Finding[];
}

/** Parses `body` (which starts on line `bodyLine` of `file`) and checks it. */
export function parseMdxBody(file: string, body: string, bodyLine: number): ParsedBody {
  const findings: Finding[] = [];
  const at = (node: Positioned | undefined) => ({
    line: (node?.position?.start.line ?? 1) + bodyLine - 1,
    column: node?.position?.start.column ?? 1,
  });
  const push = (code: string, node: Positioned | undefined, message: string, hint: string) => {
    findings.push({ code, severity: "error", file, pointer: "/body", ...at(node), message, hint });
  };
  const empty: Root = { type: "root", children: [] };

  // Nesting the parser itself handles badly (seconds for 10,000 levels, a crash for 200,000) is
  // refused before parsing; what is left is measured on the tree, before anything walks it.
  const deep = nestingBeforeParsing(body);
  if (deep) {
    push(
      "PSIRT-E075",
      { type: "text", position: { start: { line: deep.line, column: 1 } } },
      `the body ${deep.message}; at most ${MAX_NESTING} levels of nesting`,
      NESTING_HINT,
    );
    return { tree: empty, findings };
  }

  // Control characters as written; the tree is searched for those written as `&#12;` (below).
  const controls: Finding[] = [];
  if (findControlChar(body)) {
    const where = lineColumn(body);
    const all = new RegExp(CONTROL_CHAR.source, "g");
    for (let m = all.exec(body); m; m = all.exec(body)) {
      const pos = where(m.index);
      controls.push({
        code: "PSIRT-E008",
        severity: "error",
        file,
        pointer: "/body",
        line: pos.line + bodyLine - 1,
        column: pos.column,
        message: `control character ${describeChar(m[0])} in the advisory text: such characters break XML feeds and terminals, and editors do not show them`,
        hint: CONTROL_CHAR_HINT.body,
      });
      if (controls.length > MAX_FINDINGS_PER_FILE) break;
    }
    if (controls.length > MAX_FINDINGS_PER_FILE) {
      const total = body.match(all)?.length ?? controls.length;
      const next = controls.pop()!;
      controls.push(moreFindings(next, total - MAX_FINDINGS_PER_FILE, "control characters"));
    }
    findings.push(...controls);
  }

  let tree: Root;
  try {
    // satteri (Rust, the parser Astro 7 ships) builds the same mdast as micromark's MDX + GFM
    // extensions, about twenty times faster: advisory bodies are parsed on every build.
    tree = mdxToMdast(body, { features: { frontmatter: false, gfm: true } } as never) as unknown as Root;
  } catch (error) {
    const e = error as { line?: number; column?: number; reason?: string; message?: string };
    const text = (e.reason ?? e.message ?? String(error)).split("\n")[0] ?? "";
    const at = /^(\d+):(\d+): /.exec(text);
    const reason = text.replace(/^\d+:\d+: /, "").replace(/ \([a-z-]+:[a-z-]+\)$/, "");
    findings.push({
      code: "PSIRT-E070",
      severity: "error",
      file,
      pointer: "/body",
      line: (e.line ?? Number(at?.[1] ?? 1)) + bodyLine - 1,
      column: e.column ?? Number(at?.[2] ?? 1),
      message: `MDX syntax error: ${reason}`,
      hint: "in MDX, write a literal < as &lt; and { as \\{; close every component tag",
    });
    return { tree: empty, findings };
  }

  const nesting = nestingOf(tree);
  if (nesting.first) {
    push(
      "PSIRT-E075",
      nesting.first,
      `the body is nested ${nesting.depth} levels deep (block quotes, list items, components, emphasis, links); at most ${MAX_NESTING} levels of nesting`,
      NESTING_HINT,
    );
    return { tree: empty, findings };
  }

  // Text written as a character reference (`&#12;`) reaches the tree as the character itself.
  let decoded = controls.length;
  const checkDecoded = (node: Positioned, values: unknown[]) => {
    if (decoded > 0) return;
    for (const v of values) {
      const found = typeof v === "string" ? findControlChar(v) : undefined;
      if (!found) continue;
      decoded++;
      push(
        "PSIRT-E008",
        node,
        `control character ${describeChar(found.char)} in the advisory text, written as a character reference: such characters break XML feeds and terminals`,
        CONTROL_CHAR_HINT.body,
      );
      return;
    }
  };

  const walk = (node: Positioned) => {
    checkDecoded(node, [
      node.value,
      node.url,
      node.title,
      node.alt,
      ...(node.attributes ?? []).map((a) => a.value),
    ]);
    switch (node.type) {
      case "mdxjsEsm":
        push(
          "PSIRT-E071",
          node,
          "import/export statements are not allowed in advisory bodies",
          "remove the statement; advisories contain prose and allowed components only",
        );
        return;
      case "mdxFlowExpression":
      case "mdxTextExpression":
        push(
          "PSIRT-E072",
          node,
          "JavaScript expressions `{…}` are not allowed in advisory bodies",
          "remove the expression, or escape a literal brace as \\{",
        );
        return;
      case "image":
      case "imageReference":
        push(
          "PSIRT-E074",
          node,
          "images are not allowed in advisory bodies: readers of the site, feeds and e-mails would load them from elsewhere",
          "link to the picture instead: [description](https://…)",
        );
        return;
      case "link":
      case "definition": {
        const url = String((node as { url?: unknown }).url ?? "");
        if (!/^(https:\/\/|mailto:|#|\/(?!\/))/i.test(url)) {
          push(
            "PSIRT-E074",
            node,
            `link target "${url.slice(0, 80)}" is not allowed: use https://, mailto:, a site path (/…) or an anchor (#…)`,
            "write the link as an absolute https:// URL",
          );
        }
        break;
      }
      case "mdxJsxFlowElement":
      case "mdxJsxTextElement": {
        const name = node.name ?? "";
        const spec = ALLOWED_COMPONENTS[name];
        if (!spec) {
          push(
            "PSIRT-E073",
            node,
            `component or HTML tag <${name || "fragment"}> is not allowed`,
            `use Markdown, or one of the allowed components: ${Object.keys(ALLOWED_COMPONENTS).join(", ")}`,
          );
          return;
        }
        const seen = new Set<string>();
        for (const attr of node.attributes ?? []) {
          if (
            attr.type === "mdxJsxExpressionAttribute" ||
            (attr.value !== null && typeof attr.value === "object")
          ) {
            push(
              "PSIRT-E072",
              node,
              `<${name}>: attribute expressions are not allowed`,
              'give attributes as quoted text: type="warning"',
            );
            continue;
          }
          const attrName = attr.name ?? "";
          const allowed = spec.attributes[attrName];
          if (!allowed) {
            push(
              "PSIRT-E073",
              node,
              `<${name}>: attribute "${attrName}" is not allowed`,
              `allowed attributes: ${Object.keys(spec.attributes).join(", ")}`,
            );
            continue;
          }
          seen.add(attrName);
          const text = String(attr.value ?? "");
          if (name === "Callout" && attrName === "title" && TITLE_MARKUP.test(text)) {
            push(
              "PSIRT-E073",
              node,
              `<${name}>: title "${text.replace(/\s+/g, " ").slice(0, 80)}" is not allowed: a title is one line of plain text, without <, >, [links](…) or URLs`,
              'write the title as plain text (title="Update to 2.4.1"); put links and markup in the callout\'s text',
            );
          }
          if (allowed.length > 0 && !allowed.includes(String(attr.value))) {
            push(
              "PSIRT-E073",
              node,
              `<${name}>: ${attrName}="${String(attr.value)}" is not allowed`,
              `use one of: ${allowed.join(", ")}`,
            );
          }
        }
        for (const req of spec.required) {
          if (!seen.has(req))
            push("PSIRT-E073", node, `<${name}> needs the attribute "${req}"`, spec.description);
        }
        break;
      }
    }
    for (const child of (node.children ?? []) as Positioned[]) walk(child);
  };
  for (const child of tree.children as RootContent[]) walk(child as unknown as Positioned);
  return { tree, findings };
}
