/**
 * Strict YAML parsing with source positions: YAML 1.2 core schema (no `yes`/`no` booleans, dates stay
 * strings), unique keys, bounded aliases, no prototype keys. Positions are resolved lazily from the
 * syntax tree, so the common case (no findings) pays nothing for them.
 */
import {
  type Document,
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  type Node,
  parseDocument,
} from "yaml";
import type { Finding } from "../finding.ts";
import type { Position, Positions } from "./positions.ts";

/** Keys that could reach Object.prototype in naive consumers: refused everywhere. */
export const FORBIDDEN_KEYS = new Set(["__proto__", "constructor", "prototype"]);
/** More alias expansions than this is treated as an alias bomb. */
export const MAX_ALIASES = 50;

export interface ParsedYaml {
  value: unknown;
  positions: Positions;
}

/** Positions read from a yaml Document on demand. */
class DocumentPositions implements Positions {
  private readonly doc: Document;
  private readonly lines: LineCounter;
  private readonly lineOffset: number;

  constructor(doc: Document, lines: LineCounter, lineOffset: number) {
    this.doc = doc;
    this.lines = lines;
    this.lineOffset = lineOffset;
  }

  private pos(offset: number): Position {
    const { line, col } = this.lines.linePos(offset);
    return { line: line + this.lineOffset, column: col };
  }

  private walk(pointer: string): { node: Node | null; key: Node | null } {
    let node = this.doc.contents as Node | null;
    let key: Node | null = null;
    if (pointer === "") return { node, key };
    for (const raw of pointer.slice(1).split("/")) {
      const seg = raw.replace(/~1/g, "/").replace(/~0/g, "~");
      if (isMap(node)) {
        const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === seg);
        if (!pair) break;
        key = pair.key as Node;
        node = (pair.value as Node | null) ?? key;
      } else if (isSeq(node)) {
        const item = node.items[Number(seg)];
        if (!item) break;
        key = null;
        node = item as Node;
      } else break;
    }
    return { node, key };
  }

  at(pointer: string): Position {
    const { node } = this.walk(pointer);
    return this.pos(node?.range?.[0] ?? 0);
  }

  keyAt(pointer: string): Position {
    const { node, key } = this.walk(pointer);
    return this.pos((key ?? node)?.range?.[0] ?? 0);
  }
}

function yamlFinding(
  file: string,
  code: string,
  line: number,
  column: number,
  message: string,
  hint: string,
): Finding {
  return { code, severity: "error", file, pointer: "", line, column, message, hint };
}

/**
 * Parses one YAML document. `lineOffset` shifts reported lines (front matter starts after `---`).
 * Returns findings instead of throwing; `value` is undefined when the document is unusable.
 */
export function parseYaml(
  text: string,
  file: string,
  lineOffset = 0,
): { ok: true; parsed: ParsedYaml } | { ok: false; findings: Finding[] } {
  const lines = new LineCounter();
  const doc = parseDocument(text, {
    lineCounter: lines,
    schema: "core",
    uniqueKeys: true,
    strict: true,
    prettyErrors: false,
  });
  const positions = new DocumentPositions(doc, lines, lineOffset);
  const findings: Finding[] = [];
  for (const error of doc.errors) {
    const offset = error.pos[0];
    const { line, col } = lines.linePos(offset);
    const firstLine = error.message.split("\n")[0] ?? error.message;
    if (error.code === "DUPLICATE_KEY") {
      const key = /^[^:\n]*/.exec(text.slice(offset))?.[0]?.trim() ?? "";
      findings.push(
        yamlFinding(
          file,
          "PSIRT-E003",
          line + lineOffset,
          col,
          `duplicate key "${key}": each key may appear once per mapping`,
          "remove or merge the second entry with this key",
        ),
      );
    } else {
      findings.push(
        yamlFinding(
          file,
          "PSIRT-E002",
          line + lineOffset,
          col,
          `YAML syntax error: ${firstLine}`,
          "fix the YAML syntax at this position (indentation, quotes, colons)",
        ),
      );
    }
  }
  if (findings.length > 0) return { ok: false, findings };

  let aliases = 0;
  const visit = (node: unknown, depth: number): void => {
    if (depth > 64) {
      findings.push(
        yamlFinding(
          file,
          "PSIRT-E004",
          1 + lineOffset,
          1,
          "YAML nesting is deeper than 64 levels",
          "flatten the structure",
        ),
      );
      return;
    }
    if (isAlias(node)) {
      aliases++;
      return;
    }
    if (isMap(node)) {
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        const key = pair.key as Node | null;
        if (isScalar(key) && FORBIDDEN_KEYS.has(String(key.value))) {
          const { line, col } = lines.linePos(key.range?.[0] ?? 0);
          findings.push(
            yamlFinding(
              file,
              "PSIRT-E005",
              line + lineOffset,
              col,
              `forbidden key "${String(key.value)}"`,
              "keys named __proto__, constructor or prototype are refused; remove it",
            ),
          );
        } else if (key && !isScalar(key)) {
          const { line, col } = lines.linePos(key.range?.[0] ?? 0);
          findings.push(
            yamlFinding(
              file,
              "PSIRT-E002",
              line + lineOffset,
              col,
              "complex (non-scalar) mapping key",
              "use plain text keys",
            ),
          );
        }
        visit(pair.value, depth + 1);
      }
    } else if (isSeq(node)) {
      for (const item of node.items) visit(item, depth + 1);
    }
  };
  visit(doc.contents, 0);
  if (aliases > MAX_ALIASES) {
    findings.push(
      yamlFinding(
        file,
        "PSIRT-E004",
        1 + lineOffset,
        1,
        `${aliases} YAML aliases: more than ${MAX_ALIASES} is refused as a possible alias bomb`,
        "write the values out instead of using anchors and aliases",
      ),
    );
  }
  if (findings.length > 0) return { ok: false, findings };

  try {
    const value = doc.toJS({ maxAliasCount: 100 }) as unknown;
    return { ok: true, parsed: { value, positions } };
  } catch (error) {
    return {
      ok: false,
      findings: [
        yamlFinding(
          file,
          "PSIRT-E004",
          1 + lineOffset,
          1,
          `YAML aliases expand too much: ${error instanceof Error ? error.message : String(error)}`,
          "write the values out instead of using anchors and aliases",
        ),
      ],
    };
  }
}
