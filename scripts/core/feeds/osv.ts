/**
 * OSV reader (GitHub Advisory Database, osv.dev exports): a single record, a JSON array of records,
 * an osv.dev `{ "vulns": [...] }` response, or a per-ecosystem `all.zip` bulk export.
 */
import { unzipSync } from "fflate";
import { osvPackageToPurl, type PurlResult } from "../match/purl.ts";
import { decodeText, describeIssues, fail, idOf, isObject, isZip, parseJson, unique, warn } from "./bytes.ts";
import { type OsvEventInput, type OsvRecordInput, osvRecordSchema } from "./schema/osv.ts";
import { isOsvRecord } from "./schema/osv-check.ts";
import type { FeedDiagnostic, OsvEvent, OsvRange, PackageAffected, ReadResult, VulnRecord } from "./types.ts";

export interface ReadOsvOptions {
  /** Uncompressed bytes decompressed from a zip at a time, so a large export is never held whole. */
  zipBatchBytes?: number;
}

const ZIP_BATCH_BYTES = 32 * 1024 * 1024;

/**
 * Reads OSV records. Invalid records become error diagnostics (naming the record id or index) and
 * are left out; the others are returned. Withdrawn records are kept with `withdrawn` set.
 */
export function readOsv(
  bytes: Uint8Array,
  source: string,
  options: ReadOsvOptions = {},
): ReadResult<VulnRecord> {
  if (isZip(bytes)) return readOsvZip(bytes, source, options.zipBatchBytes ?? ZIP_BATCH_BYTES);
  const parsed = parseJson(decodeText(bytes), source, "an OSV record or an array of OSV records");
  if (!parsed.ok) return { items: [], diagnostics: [parsed.diagnostic] };
  return readOsvJson(parsed.value, source);
}

/** Same as {@link readOsv} for already parsed JSON. */
export function readOsvJson(value: unknown, source: string): ReadResult<VulnRecord> {
  const items: VulnRecord[] = [];
  const diagnostics: FeedDiagnostic[] = [];
  const purls = PURLS;
  const list = Array.isArray(value)
    ? value
    : isObject(value) && Array.isArray(value.vulns)
      ? value.vulns
      : undefined;
  if (list === undefined) {
    readOne(value, source, undefined, items, diagnostics, purls);
  } else {
    list.forEach((entry, index) => {
      readOne(entry, source, `#${index}`, items, diagnostics, purls);
    });
  }
  return { items, diagnostics };
}

function readOsvZip(bytes: Uint8Array, source: string, batchBytes: number): ReadResult<VulnRecord> {
  const items: VulnRecord[] = [];
  const diagnostics: FeedDiagnostic[] = [];
  const purls = PURLS;
  try {
    // First pass lists the entries without decompressing anything.
    const entries: { name: string; size: number }[] = [];
    unzipSync(bytes, {
      filter: (file) => {
        if (file.name.endsWith(".json")) entries.push({ name: file.name, size: file.originalSize });
        return false;
      },
    });
    let start = 0;
    while (start < entries.length) {
      const batch = new Set<string>();
      let size = 0;
      for (; start < entries.length && (batch.size === 0 || size < batchBytes); start++) {
        const entry = entries[start]!;
        batch.add(entry.name);
        size += entry.size;
      }
      const files = unzipSync(bytes, { filter: (file) => batch.has(file.name) });
      for (const name of [...batch].sort()) {
        const data = files[name];
        if (data === undefined) continue;
        const parsed = parseJson(decodeText(data), source, "an OSV record");
        if (!parsed.ok) diagnostics.push({ ...parsed.diagnostic, record: name });
        else readOne(parsed.value, source, name, items, diagnostics, purls);
      }
    }
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    diagnostics.push(fail(source, `zip archive could not be read (truncated or corrupt?): ${detail}`));
  }
  return { items, diagnostics };
}

function readOne(
  value: unknown,
  source: string,
  position: string | undefined,
  items: VulnRecord[],
  diagnostics: FeedDiagnostic[],
  purls: PurlCache,
): void {
  // Most records are well formed: a structural check with the schema's rules is enough for them,
  // zod runs for the others and explains what is wrong.
  if (isOsvRecord(value)) {
    items.push(normalize(value, source, diagnostics, purls));
    return;
  }
  const result = osvRecordSchema.safeParse(value);
  if (!result.success) {
    const id = idOf(value);
    const record = id ?? position ?? "record";
    const where = id !== undefined && position !== undefined ? ` (${position})` : "";
    diagnostics.push(fail(source, `not a valid OSV record${where}: ${describeIssues(result.error)}`, record));
    return;
  }
  items.push(normalize(result.data, source, diagnostics, purls));
}

/** Package purls by ecosystem and name: a package appears in many records and many files. */
type PurlCache = Map<string, PurlResult>;
/** Shared by all reads (a pure memo: same input, same purl); emptied when it grows past a bound. */
const PURLS: PurlCache = new Map();
const PURLS_MAX = 500_000;

function packagePurl(ecosystem: string, name: string, purls: PurlCache): PurlResult {
  const key = `${ecosystem}\0${name}`;
  let purl = purls.get(key);
  if (purl === undefined) {
    purl = osvPackageToPurl(ecosystem, name);
    if (purls.size >= PURLS_MAX) purls.clear();
    purls.set(key, purl);
  }
  return purl;
}

function normalize(
  input: OsvRecordInput,
  source: string,
  diagnostics: FeedDiagnostic[],
  purls: PurlCache,
): VulnRecord {
  const affected: PackageAffected[] = [];
  for (const entry of input.affected ?? []) {
    if (entry.package === undefined) {
      diagnostics.push(
        warn(source, "affected entry without a package (GIT ranges only) was skipped", input.id),
      );
      continue;
    }
    const purl = packagePurl(entry.package.ecosystem, entry.package.name, purls);
    affected.push({
      kind: "package",
      ecosystem: entry.package.ecosystem,
      name: entry.package.name,
      ...(purl.ok ? { purl: purl.purl } : {}),
      ranges: (entry.ranges ?? []).map(
        (range): OsvRange => ({
          type: range.type,
          ...(range.repo === undefined ? {} : { repo: range.repo }),
          events: range.events.map(toEvent),
        }),
      ),
      versions: entry.versions ?? [],
    });
  }
  const databaseSpecific = input.database_specific ?? undefined;
  const cweIds = databaseSpecific?.cwe_ids;
  const record: VulnRecord = {
    id: input.id,
    aliases: input.aliases ?? [],
    related: input.related ?? [],
    source: "osv",
    severity: (input.severity ?? []).map((s) => ({ type: s.type, vector: s.score })),
    cwes: Array.isArray(cweIds) ? unique(cweIds.filter((c): c is string => typeof c === "string")) : [],
    references: unique((input.references ?? []).map((r) => r.url)),
    affected,
  };
  if (input.summary) record.summary = input.summary;
  if (input.details) record.details = input.details;
  if (input.published) record.published = input.published;
  if (input.modified) record.modified = input.modified;
  if (input.withdrawn) record.withdrawn = input.withdrawn;
  if (databaseSpecific !== undefined) record.databaseSpecific = databaseSpecific;
  return record;
}

function toEvent(event: OsvEventInput): OsvEvent {
  if (event.introduced !== undefined) return { introduced: event.introduced };
  if (event.fixed !== undefined) return { fixed: event.fixed };
  if (event.last_affected !== undefined) return { last_affected: event.last_affected };
  return { limit: event.limit! };
}
