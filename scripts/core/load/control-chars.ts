/**
 * Characters no hand-written text may hold: C0 controls other than tab, LF and CR, DEL, C1 controls,
 * lone UTF-16 surrogates and the noncharacters U+FFFE/U+FFFF. XML 1.0 forbids most of them (Atom and
 * RSS feeds stop being well-formed), terminals execute them, and none is visible in an editor.
 */

/** One forbidden character (a lone surrogate is one code unit without its other half). */
export const CONTROL_CHAR =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Names of the control characters people meet (by code point, in decimal). */
const NAMES: Record<number, string> = {
  0: "NUL",
  7: "bell",
  8: "backspace",
  11: "vertical tab",
  12: "form feed",
  27: "escape",
  127: "delete",
  133: "next line",
};

/** `U+000C (form feed)`: what the user sees in a finding. */
export function describeChar(char: string): string {
  const code = char.charCodeAt(0);
  const hex = `U+${code.toString(16).toUpperCase().padStart(4, "0")}`;
  if (code >= 0xd800 && code <= 0xdfff) return `${hex} (a lone surrogate: half of a UTF-16 pair)`;
  if (code >= 0xfffe) return `${hex} (a noncharacter)`;
  return `${hex} (${NAMES[code] ?? (code >= 0x80 ? "C1 control character" : "control character")})`;
}

/** Where the first forbidden character of `text` is, and which it is. */
export function findControlChar(text: string): { index: number; char: string } | undefined {
  const m = CONTROL_CHAR.exec(text);
  return m ? { index: m.index, char: m[0] } : undefined;
}

/** YAML double-quoted escapes that stand for one character (`\t`, `\n`, `\r` are fine). */
const ESCAPES: Record<string, string> = {
  "0": "\0",
  a: "\x07",
  b: "\b",
  e: "\x1b",
  f: "\f",
  v: "\v",
  N: "\x85",
};
const ESCAPE = /\\(x[0-9A-Fa-f]{2}|u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|[\s\S])/g;

/**
 * The first escape sequence of a double-quoted YAML scalar's source that stands for a forbidden
 * character: its index in `source`, and the character.
 */
export function findControlEscape(source: string): { index: number; char: string } | undefined {
  ESCAPE.lastIndex = 0;
  for (let m = ESCAPE.exec(source); m; m = ESCAPE.exec(source)) {
    const seq = m[1]!;
    const code = seq.length > 1 ? Number.parseInt(seq.slice(1), 16) : undefined;
    if (code === undefined) {
      const char = ESCAPES[seq];
      if (char !== undefined) return { index: m.index, char };
      continue;
    }
    if (code >= 0xd800 && code <= 0xdbff && seq[0] === "u") {
      // A high surrogate is fine when the next escape is its low half.
      const low = /^\\u([dD][c-fC-F][0-9A-Fa-f]{2})/.exec(source.slice(ESCAPE.lastIndex));
      if (low) {
        ESCAPE.lastIndex += low[0].length;
        continue;
      }
    }
    const char = code > 0xffff ? "" : String.fromCharCode(code);
    if (char !== "" && CONTROL_CHAR.test(char)) return { index: m.index, char };
  }
  return undefined;
}

/** Hints of control character findings, in YAML and in an advisory body. */
export const CONTROL_CHAR_HINT = {
  yaml: "delete the character (editors often show it as a box, or not at all), or the escape that writes it in a double-quoted string (\\e, \\f, \\v, \\x1b, \\u0000, …); a line break is a real new line",
  body: "delete the character (editors often show it as a box, or not at all), or the character reference that writes it (&#12;); a line break is a real new line, a page break has no place in a web page",
};
