/**
 * Parses an analyst's MDX body to a syntax tree and refuses anything that is code: imports, exports,
 * JavaScript expressions, unknown components or attributes. Analysts' files are untrusted input.
 */
import type { Root, RootContent } from "mdast";
import { mdxToMdast } from "satteri";
import type { Finding } from "../finding.ts";
import { ALLOWED_COMPONENTS } from "./components.ts";

interface Positioned {
  type: string;
  position?: { start: { line: number; column: number } };
  children?: unknown[];
  name?: string | null;
  attributes?: { type: string; name?: string; value?: unknown; position?: Positioned["position"] }[];
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
    return { tree: { type: "root", children: [] }, findings };
  }

  const walk = (node: Positioned) => {
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
