/**
 * CISA KEV reader: the catalog JSON (`known_exploited_vulnerabilities.json`) or its CSV form
 * (`known_exploited_vulnerabilities.csv`), plain or gzipped. Bad entries become diagnostics.
 */
import { DiagnosticSink, decodeText, describeIssues, fail, idOf, maybeGunzip, parseJson } from "./bytes.ts";
import { parseCsv } from "./csv.ts";
import { type KevEntryInput, kevCatalogSchema, kevEntrySchema } from "./schema/kev.ts";
import type { KevEntry, ReadResult } from "./types.ts";

const REQUIRED_COLUMNS = [
  "cveID",
  "vendorProject",
  "product",
  "vulnerabilityName",
  "dateAdded",
  "requiredAction",
  "dueDate",
] as const;

/** Reads a KEV catalog; the format (JSON or CSV) is taken from the content. */
export function readKev(bytes: Uint8Array, source: string): ReadResult<KevEntry> {
  const plain = maybeGunzip(bytes, source);
  if (!plain.ok) return { items: [], diagnostics: [plain.diagnostic] };
  const text = decodeText(plain.value);
  const start = text.trimStart()[0];
  if (start === "{" || start === "[") {
    const parsed = parseJson(text, source, "the KEV catalog");
    if (!parsed.ok) return { items: [], diagnostics: [parsed.diagnostic] };
    return readKevJson(parsed.value, source);
  }
  return readKevCsv(text, source);
}

/** Reads the already parsed catalog JSON. */
export function readKevJson(value: unknown, source: string): ReadResult<KevEntry> {
  const catalog = kevCatalogSchema.safeParse(value);
  if (!catalog.success) {
    const message = `not a KEV catalog: ${describeIssues(catalog.error)}`;
    return { items: [], diagnostics: [fail(source, message)] };
  }
  const sink = new DiagnosticSink(source);
  const items: KevEntry[] = [];
  catalog.data.vulnerabilities.forEach((entry, index) => {
    const result = kevEntrySchema.safeParse(entry);
    if (result.success) items.push(normalize(result.data));
    else {
      const record = idOf(entry, "cveID") ?? `vulnerabilities/${index}`;
      sink.push(fail(source, `not a valid KEV entry: ${describeIssues(result.error)}`, record));
    }
  });
  return { items, diagnostics: sink.finish() };
}

/** Reads the CSV form: a header row naming the columns, then one entry per row. */
export function readKevCsv(text: string, source: string): ReadResult<KevEntry> {
  const { rows, unterminatedQuoteAt } = parseCsv(text);
  const sink = new DiagnosticSink(source);
  const [header, ...body] = rows;
  const columns = header?.fields.map((f) => f.trim()) ?? [];
  const missing = REQUIRED_COLUMNS.filter((c) => !columns.includes(c));
  if (header === undefined || missing.length > 0) {
    const found = header === undefined ? "an empty file" : `columns ${columns.join(",")}`;
    const message = `not a KEV CSV: expected a header with ${missing.join(", ")}, found ${found}`;
    return { items: [], diagnostics: [fail(source, message)] };
  }
  const items: KevEntry[] = [];
  for (const row of body) {
    const record = `line ${row.line}`;
    if (row.fields.length !== columns.length) {
      const message = `expected ${columns.length} fields, found ${row.fields.length}`;
      sink.push(fail(source, message, row.fields[0] || record));
      continue;
    }
    const raw: Record<string, unknown> = {};
    columns.forEach((column, i) => {
      raw[column] = row.fields[i];
    });
    if (typeof raw.cwes === "string") {
      raw.cwes = raw.cwes
        .split(",")
        .map((c) => c.trim())
        .filter((c) => c !== "");
    }
    const result = kevEntrySchema.safeParse(raw);
    if (result.success) items.push(normalize(result.data));
    else sink.push(fail(source, `not a valid KEV row (${record}): ${describeIssues(result.error)}`, record));
  }
  if (unterminatedQuoteAt !== undefined) {
    const message = `file ends inside a quoted field opened on line ${unterminatedQuoteAt} (truncated?)`;
    sink.push(fail(source, message));
  }
  return { items, diagnostics: sink.finish() };
}

function normalize(input: KevEntryInput): KevEntry {
  const entry: KevEntry = {
    cve: input.cveID,
    vendorProject: input.vendorProject,
    product: input.product,
    vulnerabilityName: input.vulnerabilityName,
    dateAdded: input.dateAdded,
    dueDate: input.dueDate,
    requiredAction: input.requiredAction,
    knownRansomwareCampaignUse: input.knownRansomwareCampaignUse ?? "Unknown",
    cwes: input.cwes ?? [],
  };
  if (input.notes) entry.notes = input.notes;
  return entry;
}
