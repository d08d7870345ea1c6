/** Splits an advisory `.mdx` file into its YAML front matter and MDX body (gray-matter does the split). */
import matter from "gray-matter";
import type { Finding } from "../finding.ts";
import { normalizeNewlines } from "./source.ts";

// gray-matter parses the YAML itself unless given an engine: ours parses it later, with positions.
const SPLIT_ONLY = { engines: { yaml: { parse: () => ({}), stringify: () => "" } } };

export interface SplitFile {
  /** The front matter YAML text; its first line is line `yamlLineOffset + 1` of the file. */
  yaml: string;
  yamlLineOffset: number;
  /** The MDX body as written, with LF line breaks. */
  body: string;
  /** 1-based line of the file on which the body starts. */
  bodyLine: number;
}

export function splitFrontMatter(
  file: string,
  original: string,
): { ok: true; split: SplitFile } | { ok: false; finding: Finding } {
  const fail = (message: string, hint: string, line = 1): { ok: false; finding: Finding } => ({
    ok: false,
    finding: { code: "PSIRT-E006", severity: "error", file, pointer: "", line, column: 1, message, hint },
  });
  // A file saved on Windows would otherwise keep a `\r` at the end of the last front matter line.
  const text = normalizeNewlines(original);
  if (!/^---[ \t]*\n/.test(text)) {
    return fail(
      "front matter missing: the file must start with a line `---`",
      "start the file with `---`, the YAML front matter, then `---`",
    );
  }
  if (!/\n---[ \t]*(\n|$)/.test(text.slice(3))) {
    return fail(
      "front matter is not terminated: no closing `---` line",
      "add a line `---` after the front matter",
    );
  }
  const parsed = matter(text, SPLIT_ONLY as never) as unknown as { matter: string; content: string };
  const bodyStart = text.length - parsed.content.length;
  const bodyLine = text.slice(0, bodyStart).split("\n").length;
  return { ok: true, split: { yaml: parsed.matter, yamlLineOffset: 0, body: parsed.content, bodyLine } };
}
