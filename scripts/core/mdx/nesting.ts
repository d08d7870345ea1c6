/**
 * Nesting read from an MDX body's text before it is parsed. satteri parses 10,000 nested `>` in
 * milliseconds, but 10,000 nested inline `<Callout>` take seconds, 300,000 `>` minutes, and 200,000
 * `*` crash the process (its recursion overflows the native stack): such bodies must never reach
 * it. This is an upper bound from the text alone (code blocks are not told apart), so its limits are
 * far above what a body may use; parseMdxBody measures the real nesting on the tree.
 */

/** Levels of block quotes, list items, components, emphasis and links a body may nest. */
export const MAX_NESTING = 32;
/** Block quote and list markers at the start of one line. */
export const SCAN_MAX_NESTING = 256;
/**
 * Emphasis delimiters in one paragraph (text between blank lines). satteri takes 0.3 s for 60,000
 * nested `*` and overflows beyond 150,000; a real paragraph, even a table of 2,000 rows, has a few
 * thousand at most.
 */
export const SCAN_MAX_EMPHASIS = 50_000;
/**
 * Tags in one paragraph (an inline component cannot span a blank line), counted without their
 * closing tags, which attribute values could fake (`<a title="</a>">`): satteri takes 15 s for
 * 20,000 nested inline tags. Components between blank lines it parses in linear time.
 */
export const SCAN_MAX_TAGS = 500;

export interface DeepText {
  /** 1-based line of the body. */
  line: number;
  /** What nests how deep, for a finding that adds the limit. */
  message: string;
}

/** `>`, `-`, `+`, `*` or `1.` / `1)` opening a container, after up to three spaces. */
const MARKER = /[ \t]{0,3}(?:>|[-+*](?=[ \t]|$)|\d{1,9}[.)](?=[ \t]|$))[ \t]?/y;
/** A thematic break (`- - -`, `***`): not a list. */
const THEMATIC_BREAK = /[ \t]*([-*_])(?:[ \t]*\1){2,}[ \t]*$/y;
const TAG_START = /<[A-Za-z]/g;
/** A `*`, `~` or `_` that could open emphasis: before a non-space; `_` not inside a word. */
const EMPHASIS = /[*~](?=\S)|(?<![A-Za-z0-9])_(?=\S)/g;

/** Container markers at the start of `line`. */
function markers(line: string): number {
  let depth = 0;
  for (let at = 0; at < line.length; ) {
    THEMATIC_BREAK.lastIndex = at;
    if (THEMATIC_BREAK.test(line)) break;
    MARKER.lastIndex = at;
    if (!MARKER.test(line) || MARKER.lastIndex === at) break;
    at = MARKER.lastIndex;
    depth++;
  }
  return depth;
}

/** The first place where `body` nests beyond the scan limits, if any. */
export function nestingBeforeParsing(body: string): DeepText | undefined {
  const lines = body.split(/\r\n?|\n/);
  // The paragraph being read: its first line, its emphasis markers and its tags.
  let start = 0;
  let emphasis = 0;
  let tags = 0;
  const paragraph = (): DeepText | undefined => {
    if (tags > SCAN_MAX_TAGS)
      return {
        line: start + 1,
        message: `has a paragraph with ${tags} tags (<…) that could nest as deep: more than ${SCAN_MAX_TAGS} are refused unparsed`,
      };
    if (emphasis > SCAN_MAX_EMPHASIS)
      return {
        line: start + 1,
        message: `has a paragraph with ${emphasis} emphasis markers (* _ ~) that could nest as deep: more than ${SCAN_MAX_EMPHASIS} are refused unparsed`,
      };
    return undefined;
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const depth = markers(line);
    if (depth > SCAN_MAX_NESTING)
      return {
        line: i + 1,
        message: `is nested ${depth} levels deep (block quote and list markers on one line)`,
      };
    if (line.trim() === "") {
      const deep = paragraph();
      if (deep) return deep;
      start = i + 1;
      emphasis = 0;
      tags = 0;
    } else {
      emphasis += line.match(EMPHASIS)?.length ?? 0;
      tags += line.match(TAG_START)?.length ?? 0;
    }
  }
  return paragraph();
}
