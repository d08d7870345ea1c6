/**
 * Strict YAML parsing with source positions: YAML 1.2 core schema (no `yes`/`no` booleans, dates stay
 * strings), unique keys (as text: `1` and `"1"` are one key), bounded aliases and nesting, no
 * prototype keys, no control characters; CRLF and CR read as LF. Everything runs in linear time.
 * Positions are resolved lazily from the syntax tree, so the common case (no findings) pays nothing
 * for them.
 */
import {
  Composer,
  type CST,
  type Document,
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  Lexer,
  LineCounter,
  type Node,
  type Pair,
  Parser,
  type Scalar,
  type YAMLMap,
  YAMLParseError,
} from "yaml";
import type { Finding } from "../finding.ts";
import { CONTROL_CHAR_HINT, describeChar, findControlChar, findControlEscape } from "./control-chars.ts";
import { MAX_FINDINGS_PER_FILE, moreFindings } from "./limit.ts";
import { escapePointer, type Position, type Positions } from "./positions.ts";
import { normalizeNewlines } from "./source.ts";

/** Keys that could reach Object.prototype in naive consumers: refused everywhere. */
export const FORBIDDEN_KEYS = new Set(["__proto__", "constructor", "prototype"]);
/** More alias expansions than this is treated as an alias bomb. */
export const MAX_ALIASES = 50;
/** Collections nested deeper than this are refused before the document is built. */
export const MAX_DEPTH = 64;

export interface ParsedYaml {
  value: unknown;
  positions: Positions;
}

/** Positions read from a yaml Document on demand. */
class DocumentPositions implements Positions {
  private readonly doc: Document;
  private readonly lines: LineCounter;
  private readonly lineOffset: number;
  /** Key → pair of each mapping a lookup went through, built on first use: one lookup costs O(depth). */
  private readonly index = new WeakMap<YAMLMap, Map<string, Pair>>();

  constructor(doc: Document, lines: LineCounter, lineOffset: number) {
    this.doc = doc;
    this.lines = lines;
    this.lineOffset = lineOffset;
  }

  private pos(offset: number): Position {
    const { line, col } = this.lines.linePos(offset);
    return { line: line + this.lineOffset, column: col };
  }

  private pair(map: YAMLMap, key: string): Pair | undefined {
    let pairs = this.index.get(map);
    if (!pairs) {
      pairs = new Map();
      for (const p of map.items) {
        const k = isScalar(p.key) ? String(p.key.value) : undefined;
        if (k !== undefined && !pairs.has(k)) pairs.set(k, p);
      }
      this.index.set(map, pairs);
    }
    return pairs.get(key);
  }

  private walk(pointer: string): { node: Node | null; key: Node | null } {
    let node = this.doc.contents as Node | null;
    let key: Node | null = null;
    if (pointer === "") return { node, key };
    for (const raw of pointer.slice(1).split("/")) {
      const seg = raw.replace(/~1/g, "/").replace(/~0/g, "~");
      if (isMap(node)) {
        const pair = this.pair(node, seg);
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

/** The first MAX_FINDINGS_PER_FILE of `findings` in the order of the file, and one that counts the rest. */
function limited(findings: Finding[], what: string): Finding[] {
  findings.sort((a, b) => a.line - b.line || a.column - b.column);
  if (findings.length <= MAX_FINDINGS_PER_FILE) return findings;
  const rest = findings.length - MAX_FINDINGS_PER_FILE;
  return [
    ...findings.slice(0, MAX_FINDINGS_PER_FILE),
    moreFindings(findings[MAX_FINDINGS_PER_FILE]!, rest, what),
  ];
}

/**
 * The CST of `text`, built iteratively, or the offset at which collections nest deeper than
 * MAX_DEPTH: yaml's composer recurses once per level and would overflow the stack on a few
 * thousand `[`.
 */
function syntaxTree(text: string, lines: LineCounter): { tokens: CST.Token[] } | { tooDeep: number } {
  const parser = new Parser(lines.addNewLine);
  lines.addNewLine(0);
  const tokens: CST.Token[] = [];
  for (const lexeme of new Lexer().lex(text)) {
    const offset = parser.offset;
    for (const token of parser.next(lexeme)) tokens.push(token);
    // The stack holds the document, the open collections and at most one scalar.
    if (parser.stack.length > MAX_DEPTH) {
      let depth = 0;
      for (const t of parser.stack)
        if (t.type === "block-map" || t.type === "block-seq" || t.type === "flow-collection") depth++;
      if (depth > MAX_DEPTH) return { tooDeep: offset };
    }
  }
  for (const token of parser.end()) tokens.push(token);
  return { tokens };
}

/** yaml's parseDocument, on a CST whose depth is known to be bounded. */
function compose(tokens: CST.Token[], length: number): Document.Parsed {
  // Duplicate keys are found by parseYaml's walk: yaml's own check compares each key with every
  // earlier one (90,000 keys took minutes).
  const composer = new Composer({ schema: "core", uniqueKeys: false, strict: true });
  let doc: Document.Parsed | undefined;
  for (const next of composer.compose(tokens, true, length)) {
    if (!doc) doc = next;
    else {
      doc.errors.push(
        new YAMLParseError(
          [next.range[0], next.range[1]],
          "MULTIPLE_DOCS",
          "Source contains multiple documents; please use YAML.parseAllDocuments()",
        ),
      );
      break;
    }
  }
  return doc!;
}

/**
 * Parses one YAML document. `lineOffset` shifts reported lines (front matter starts after `---`).
 * Returns findings instead of throwing; `value` is undefined when the document is unusable.
 */
export function parseYaml(
  original: string,
  file: string,
  lineOffset = 0,
): { ok: true; parsed: ParsedYaml } | { ok: false; findings: Finding[] } {
  // yaml reads CRLF as a line break but keeps a lone CR (the end of a Windows file) in the value.
  const text = normalizeNewlines(original);
  const lines = new LineCounter();
  const at = (offset: number) => {
    const { line, col } = lines.linePos(offset);
    return { line: line + lineOffset, column: col };
  };
  const finding = (code: string, offset: number, message: string, hint: string, pointer = ""): Finding => ({
    code,
    severity: "error",
    file,
    pointer,
    ...at(offset),
    message,
    hint,
  });

  const tree = syntaxTree(text, lines);
  if ("tooDeep" in tree) {
    return {
      ok: false,
      findings: [
        finding(
          "PSIRT-E004",
          tree.tooDeep,
          `YAML nesting is deeper than ${MAX_DEPTH} levels`,
          "flatten the structure: no field of these files nests that deep",
        ),
      ],
    };
  }
  const doc = compose(tree.tokens, text.length);
  const positions = new DocumentPositions(doc, lines, lineOffset);
  const findings: Finding[] = [];
  for (const error of doc.errors) {
    const offset = error.pos[0];
    const firstLine = error.message.split("\n")[0] ?? error.message;
    findings.push(
      finding(
        "PSIRT-E002",
        offset,
        `YAML syntax error: ${firstLine}`,
        "fix the YAML syntax at this position (indentation, quotes, colons)",
      ),
    );
  }
  if (findings.length > 0) return { ok: false, findings };

  // One pass over the nodes (iterative; the depth is bounded above): keys, aliases, characters.
  let aliases = 0;
  const controls: Finding[] = [];
  const checkText = (scalar: Scalar, pointer: string, isKey: boolean) => {
    if (typeof scalar.value !== "string" || !findControlChar(scalar.value)) return;
    const [start, end] = scalar.range ?? [0, 0];
    const source = text.slice(start, end);
    // The character as written, or the escape that writes it; else the start of the value.
    const written =
      findControlChar(source) ?? (scalar.type === "QUOTE_DOUBLE" ? findControlEscape(source) : undefined);
    const char = written?.char ?? findControlChar(scalar.value)!.char;
    const path = pointer.slice(1).replace(/~1/g, "/").replace(/~0/g, "~");
    const parent = path.slice(0, Math.max(0, path.lastIndexOf("/")));
    const where = isKey ? (parent ? `a key of "${parent}"` : "a top-level key") : `"${path}"`;
    controls.push(
      finding(
        "PSIRT-E008",
        start + (written?.index ?? 0),
        `control character ${describeChar(char)} in ${where}: such characters break XML feeds and terminals, and editors do not show them`,
        CONTROL_CHAR_HINT.yaml,
        pointer,
      ),
    );
  };
  const stack: { node: unknown; pointer: string }[] = [{ node: doc.contents, pointer: "" }];
  for (let item = stack.pop(); item; item = stack.pop()) {
    const { node, pointer } = item;
    if (isAlias(node)) aliases++;
    else if (isScalar(node)) checkText(node, pointer, false);
    else if (isMap(node)) {
      const seen = new Set<string>();
      const children: typeof stack = [];
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        const key = pair.key as Node | null;
        if (key && !isScalar(key)) {
          findings.push(
            finding(
              "PSIRT-E002",
              key.range?.[0] ?? 0,
              "complex (non-scalar) mapping key",
              "use plain text keys",
            ),
          );
          continue;
        }
        // `1` and `"1"` are the same key once parsed: compared as text.
        const name = String(key?.value ?? "");
        if (seen.has(name)) {
          findings.push(
            finding(
              "PSIRT-E003",
              key?.range?.[0] ?? 0,
              `duplicate key "${name}": each key may appear once per mapping`,
              "remove or merge the second entry with this key",
            ),
          );
        }
        seen.add(name);
        if (FORBIDDEN_KEYS.has(name)) {
          findings.push(
            finding(
              "PSIRT-E005",
              key?.range?.[0] ?? 0,
              `forbidden key "${name}"`,
              "keys named __proto__, constructor or prototype are refused; remove it",
            ),
          );
        }
        const child = `${pointer}/${escapePointer(name)}`;
        if (key) checkText(key, child, true);
        children.push({ node: pair.value, pointer: child });
      }
      for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
    } else if (isSeq(node)) {
      for (let i = node.items.length - 1; i >= 0; i--)
        stack.push({ node: node.items[i], pointer: `${pointer}/${i}` });
    }
  }
  findings.push(
    ...limited(findings.splice(0), "duplicate, forbidden or complex keys"),
    ...limited(controls, "control characters"),
  );
  if (aliases > MAX_ALIASES) {
    findings.push(
      finding(
        "PSIRT-E004",
        0,
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
        finding(
          "PSIRT-E004",
          0,
          `YAML aliases expand too much: ${error instanceof Error ? error.message : String(error)}`,
          "write the values out instead of using anchors and aliases",
        ),
      ],
    };
  }
}
