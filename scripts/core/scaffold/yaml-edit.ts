/**
 * Small, format-preserving edits of YAML files that people maintain by hand (incidents): the yaml
 * Document API locates the nodes, the change is spliced into the original text, so comments,
 * folded scalars, quoting and blank lines stay exactly as written. Each edit re-parses its result
 * and checks that only the intended value changed; when the text splice cannot be used (flow
 * collections, unusual layouts) the Document API rewrites the file instead. Pure: text in, text out.
 */
import { isDeepStrictEqual } from "node:util";
import {
  type Document,
  isMap,
  isScalar,
  isSeq,
  type Node,
  type Pair,
  parseDocument,
  type Scalar,
  stringify,
  visit,
  Document as YamlDocument,
} from "yaml";

const PARSE = { schema: "core", uniqueKeys: true, strict: true } as const;

/**
 * YAML text of a document we generate: block style with short lists of plain values in flow style
 * (`products: [widget]`), no folding, core schema.
 */
export function renderYaml(value: unknown): string {
  const doc = new YamlDocument(value, { schema: "core" });
  visit(doc, {
    Seq(_, node) {
      const plain = node.items.every((i) => isScalar(i) && typeof i.value === "string");
      const length = node.items.reduce<number>((n, i) => n + String((i as Scalar).value).length + 2, 0);
      if (plain && node.items.length > 0 && length <= 60) node.flow = true;
    },
  });
  return doc.toString({ lineWidth: 0, indentSeq: true, flowCollectionPadding: false });
}

function parse(text: string, file: string): Document {
  const doc = parseDocument(text, PARSE);
  if (doc.errors.length > 0)
    throw new Error(
      `${file}: cannot edit a file with YAML errors (${doc.errors[0]!.message.split("\n")[0]})`,
    );
  if (!isMap(doc.contents)) throw new Error(`${file}: expected a YAML mapping at the top level`);
  return doc;
}

function topPair(doc: Document, key: string): Pair<Node, Node | null> | undefined {
  if (!isMap(doc.contents)) return undefined;
  return doc.contents.items.find((p) => isScalar(p.key) && p.key.value === key) as
    | Pair<Node, Node | null>
    | undefined;
}

const lineStart = (text: string, offset: number): number => text.lastIndexOf("\n", offset - 1) + 1;

/** Offset just after the line that contains `offset` (or the end of the text). */
function lineEnd(text: string, offset: number): number {
  const nl = text.indexOf("\n", offset);
  return nl === -1 ? text.length : nl + 1;
}

/** One-line YAML scalar for `value` (plain when safe, quoted otherwise). */
function scalarText(value: string): string {
  return stringify(value, { lineWidth: 0, schema: "core" }).trimEnd();
}

/** The edit went as planned when the re-parsed document equals the expected data. */
function checked(text: string, expected: unknown): string | undefined {
  const doc = parseDocument(text, PARSE);
  if (doc.errors.length > 0) return undefined;
  return isDeepStrictEqual(doc.toJS(), expected) ? text : undefined;
}

/** Fallback: the Document API sets the value and prints the file (comments kept, layout may change). */
function viaDocument(text: string, file: string, edit: (doc: Document) => void): string {
  const doc = parse(text, file);
  edit(doc);
  return doc.toString({ lineWidth: 0, indentSeq: true });
}

/**
 * Sets top-level `key` to the string `value`: replaces the existing scalar, or inserts `key: value`
 * on its own line before the first of `before` keys that exists (else at the end).
 */
export function setTopLevelString(
  text: string,
  file: string,
  key: string,
  value: string,
  before: readonly string[] = [],
): string {
  const doc = parse(text, file);
  const expected = { ...(doc.toJS() as Record<string, unknown>) };
  const pair = topPair(doc, key);
  let out: string | undefined;
  if (pair) {
    expected[key] = value;
    const node = pair.value;
    if (isScalar(node) && node.range && node.type !== "BLOCK_FOLDED" && node.type !== "BLOCK_LITERAL")
      out = text.slice(0, node.range[0]) + scalarText(value) + text.slice(node.range[1]);
  } else {
    const ordered: Record<string, unknown> = {};
    const anchor = before.find((k) => topPair(doc, k));
    for (const [k, v] of Object.entries(expected)) {
      if (k === anchor) ordered[key] = value;
      ordered[k] = v;
    }
    if (!anchor) ordered[key] = value;
    Object.keys(expected).forEach((k) => {
      delete expected[k];
    });
    Object.assign(expected, ordered);
    const line = `${key}: ${scalarText(value)}\n`;
    const anchorPair = anchor ? topPair(doc, anchor) : undefined;
    if (anchorPair?.key.range) {
      const at = lineStart(text, anchorPair.key.range[0]);
      out = text.slice(0, at) + line + text.slice(at);
    } else {
      out = (text.endsWith("\n") || text === "" ? text : `${text}\n`) + line;
    }
  }
  const verified = out === undefined ? undefined : checked(out, expected);
  return (
    verified ??
    viaDocument(text, file, (d) => {
      d.set(key, value);
    })
  );
}

/**
 * Inserts `item` at position `index` of the top-level block sequence `key` (created when missing).
 * The new item is indented like its neighbours.
 */
export function insertSequenceItem(
  text: string,
  file: string,
  key: string,
  index: number,
  item: Record<string, unknown>,
): string {
  const doc = parse(text, file);
  const data = doc.toJS() as Record<string, unknown>;
  const list = Array.isArray(data[key]) ? [...(data[key] as unknown[])] : [];
  const at = Math.max(0, Math.min(index, list.length));
  list.splice(at, 0, item);
  const expected = { ...data, [key]: list };
  const rendered = renderYaml([item]);
  const indent = (prefix: string) =>
    rendered
      .split("\n")
      .filter((l) => l !== "")
      .map((l) => prefix + l)
      .join("\n")
      .concat("\n");

  const pair = topPair(doc, key);
  let out: string | undefined;
  const seq = pair?.value;
  if (pair && isSeq(seq) && !seq.flow && seq.items.length > 0) {
    const items = seq.items as Node[];
    const ref = items[Math.min(at, items.length - 1)]!;
    if (ref.range) {
      const start = lineStart(text, ref.range[0]);
      const dash = text.slice(start, ref.range[0]).indexOf("-");
      if (dash >= 0) {
        const block = indent(" ".repeat(dash));
        const offset = at < items.length ? start : lineEnd(text, Math.max(ref.range[0], ref.range[1] - 1));
        const head = text.slice(0, offset);
        out = (head.endsWith("\n") || head === "" ? head : `${head}\n`) + block + text.slice(offset);
      }
    }
  } else if (pair?.key.range && (!seq || (isSeq(seq) && seq.items.length === 0) || isScalar(seq))) {
    // `timeline:` empty or `timeline: []`: rewrite that one line as a block sequence
    const start = lineStart(text, pair.key.range[0]);
    const end = lineEnd(text, seq?.range ? seq.range[1] - 1 : pair.key.range[1]);
    if (!text.slice(start, end).includes("#") && text.slice(start, end).trim().split("\n").length === 1) {
      const column = pair.key.range[0] - start;
      out = `${text.slice(0, start)}${" ".repeat(column)}${key}:\n${indent(" ".repeat(column + 2))}${text.slice(end)}`;
    }
  } else if (!pair) {
    const head = text.endsWith("\n") || text === "" ? text : `${text}\n`;
    out = `${head}${key}:\n${indent("  ")}`;
  }
  const verified = out === undefined ? undefined : checked(out, expected);
  return (
    verified ??
    viaDocument(text, file, (d) => {
      const node = topPair(d, key)?.value;
      if (isSeq(node)) node.items.splice(at, 0, d.createNode(item));
      else d.set(key, d.createNode(list));
    })
  );
}
