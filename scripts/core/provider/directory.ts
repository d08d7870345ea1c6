/**
 * Directory-based distribution (CSAF 2.0 §7.1.12–7.1.14): `index.txt`, `changes.csv` and the
 * HTML directory listings a static host needs in place of server-generated ones.
 * Paths are relative to the TLP folder: `2026/nls-sa-2026-0001.json`.
 */
import { escapeHtml } from "../html.ts";

/** One line of changes.csv. */
export interface ChangeEntry {
  /** Path relative to the TLP folder. */
  path: string;
  /** `/document/tracking/current_release_date`, as written in the document. */
  currentReleaseDate: string;
}

/**
 * index.txt (requirement 12): every document path, one per line, each line ending in a
 * newline. Ordered as the specification's example: newest year first, then by name, descending.
 */
export function indexTxt(paths: readonly string[]): string {
  const sorted = [...new Set(paths)].sort((a, b) => (a < b ? 1 : a > b ? -1 : 0));
  return sorted.map((p) => `${p}\n`).join("");
}

function time(dateTime: string): number {
  const t = Date.parse(dateTime);
  if (Number.isNaN(t)) throw new Error(`changes.csv: not a date-time: "${dateTime}"`);
  return t;
}

function csvField(value: string): string {
  return `"${value.replace(/"/g, '""')}"`;
}

/**
 * changes.csv (requirement 13): `"<path>","<current_release_date>"` per document, no heading,
 * latest `current_release_date` first (ties: by path). Fields are double-quoted as in the
 * CSAF 2.0 example; RFC 4180 readers read them either way.
 */
export function changesCsv(entries: readonly ChangeEntry[]): string {
  const sorted = [...entries].sort(
    (a, b) => time(b.currentReleaseDate) - time(a.currentReleaseDate) || (a.path < b.path ? -1 : 1),
  );
  return sorted.map((e) => `${csvField(e.path)},${csvField(e.currentReleaseDate)}\n`).join("");
}

/** Reads index.txt: the non-empty lines, trimmed. */
export function parseIndexTxt(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== "");
}

function parseCsvLine(line: string): string[] | undefined {
  const fields: string[] = [];
  const pattern = /\s*(?:"((?:[^"]|"")*)"|([^,"]*))\s*(,|$)/y;
  let at = 0;
  while (at <= line.length) {
    pattern.lastIndex = at;
    const match = pattern.exec(line);
    if (!match) return undefined;
    fields.push(match[1] !== undefined ? match[1].replace(/""/g, '"') : (match[2] ?? "").trim());
    if (match[3] !== ",") return pattern.lastIndex === line.length ? fields : undefined;
    at = pattern.lastIndex;
  }
  return fields;
}

/**
 * Reads changes.csv (quoted as in CSAF 2.0 or unquoted as in CSAF 2.1). Each problem is
 * reported with its 1-based line number; `unsorted` lists lines that break newest-first order.
 */
export function parseChangesCsv(text: string): {
  entries: ChangeEntry[];
  errors: string[];
} {
  const entries: ChangeEntry[] = [];
  const errors: string[] = [];
  let previous: number | undefined;
  text.split(/\r?\n/).forEach((line, index) => {
    if (line.trim() === "") return;
    const fields = parseCsvLine(line);
    const [path, date] = fields ?? [];
    if (fields?.length !== 2 || !path || !date) {
      errors.push(
        `line ${index + 1}: expected "<path>","<current_release_date>", found ${JSON.stringify(line)}`,
      );
      return;
    }
    const t = Date.parse(date);
    if (Number.isNaN(t)) {
      errors.push(`line ${index + 1}: "${date}" is not a date-time`);
    } else {
      if (previous !== undefined && t > previous)
        errors.push(`line ${index + 1}: not sorted latest first (${date} after an older line)`);
      previous = t;
    }
    entries.push({ path, currentReleaseDate: date });
  });
  return { entries, errors };
}

/** The directory listings' Content-Security-Policy: no scripts, styles, images or frames. */
export const LISTING_CSP = "default-src 'none'; base-uri 'none'; form-action 'none'";

/**
 * A minimal HTML directory listing (requirement 14 on a static host): one link per entry,
 * folders written with a trailing `/`, a link to the parent unless `root`.
 */
export function directoryListing(
  title: string,
  entries: readonly string[],
  options: { root?: boolean } = {},
): string {
  const sorted = [...new Set(entries)].sort((a, b) => {
    const dirA = a.endsWith("/");
    const dirB = b.endsWith("/");
    if (dirA !== dirB) return dirA ? -1 : 1;
    return a < b ? -1 : a > b ? 1 : 0;
  });
  const links = [...(options.root ? [] : ["../"]), ...sorted].map((name) => {
    const href =
      name === "../"
        ? name
        : name.endsWith("/")
          ? `${encodeURIComponent(name.slice(0, -1))}/`
          : encodeURIComponent(name);
    return `<li><a href="${escapeHtml(href)}">${escapeHtml(name)}</a></li>`;
  });
  return [
    "<!doctype html>",
    '<html lang="en">',
    "<head>",
    '<meta charset="utf-8">',
    // A list of links: nothing to run, style or load.
    `<meta http-equiv="Content-Security-Policy" content="${LISTING_CSP}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>Index of ${escapeHtml(title)}</title>`,
    "</head>",
    "<body>",
    `<h1>Index of ${escapeHtml(title)}</h1>`,
    "<ul>",
    ...links,
    "</ul>",
    "</body>",
    "</html>",
    "",
  ].join("\n");
}
