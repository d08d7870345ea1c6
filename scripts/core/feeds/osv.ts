/**
 * OSV reader (GitHub Advisory Database, osv.dev exports): a single record, a JSON array of records,
 * an osv.dev `{ "vulns": [...] }` response, or a per-ecosystem `all.zip` bulk export.
 */
import { inflateRawSync } from "node:zlib";
import { osvPackageToPurl, type PurlResult } from "../match/purl.ts";
import {
  decodeText,
  describeIssues,
  fail,
  idOf,
  isObject,
  isZip,
  parseJson,
  readText,
  unique,
  warn,
} from "./bytes.ts";
import { type OsvEventInput, type OsvRecordInput, osvRecordSchema } from "./schema/osv.ts";
import { isOsvRecord } from "./schema/osv-check.ts";
import type { FeedDiagnostic, OsvEvent, OsvRange, PackageAffected, ReadResult, VulnRecord } from "./types.ts";

export interface ReadOsvOptions {
  /** Uncompressed bytes decompressed from a zip at a time, so a large export is never held whole. */
  zipBatchBytes?: number;
}

const ZIP_BATCH_BYTES = 32 * 1024 * 1024;

/**
 * Largest zip entry read (32 MiB, one batch): an entry is one OSV record, and real ones are well
 * under a megabyte. A larger entry is reported and not inflated.
 */
export const MAX_ZIP_ENTRY_BYTES = ZIP_BATCH_BYTES;

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
  let entries: ZipEntry[];
  try {
    entries = zipEntries(bytes).filter((entry) => entry.name.endsWith(".json"));
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    diagnostics.push(fail(source, `zip archive could not be read (truncated or corrupt?): ${detail}`));
    return { items, diagnostics };
  }
  let start = 0;
  while (start < entries.length) {
    // Entries declaring about `batchBytes` in all (one entry more at most); none inflates past
    // what it declares.
    const batch: ZipEntry[] = [];
    let size = 0;
    for (; start < entries.length && (batch.length === 0 || size < batchBytes); start++) {
      batch.push(entries[start]!);
      size += entries[start]!.size;
    }
    const files = new Map<string, Uint8Array>();
    for (const entry of batch) {
      const data = inflateEntry(bytes, entry);
      if (typeof data === "string") diagnostics.push(fail(source, `zip entry ${data}`, entry.name));
      else files.set(entry.name, data);
    }
    for (const name of [...files.keys()].sort()) {
      const text = readText(files.get(name)!, source);
      const parsed = text.ok ? parseJson(text.value, source, "an OSV record") : text;
      if (!parsed.ok) diagnostics.push({ ...parsed.diagnostic, record: name });
      else readOne(parsed.value, source, name, items, diagnostics, purls);
    }
  }
  return { items, diagnostics };
}

/** One file of a zip archive, as its central directory describes it. */
interface ZipEntry {
  name: string;
  flags: number;
  /** 0: stored, 8: deflate. */
  method: number;
  compressedSize: number;
  /** Declared uncompressed size. */
  size: number;
  /** Offset of the (compressed) data. */
  start: number;
}

const u16 = (b: Uint8Array, i: number): number => b[i]! | (b[i + 1]! << 8);
const u32 = (b: Uint8Array, i: number): number => u16(b, i) + u16(b, i + 2) * 0x10000;
const u64 = (b: Uint8Array, i: number): number => u32(b, i) + u32(b, i + 4) * 0x100000000;
const UTF8 = new TextDecoder("utf-8");

/**
 * The entries of a zip archive, read from its central directory (zip64 included) without
 * decompressing anything; a damaged archive throws. (fflate's `unzipSync` can list entries but
 * cannot bound what one inflates to: node:zlib does, given where each entry's data starts.)
 */
function zipEntries(bytes: Uint8Array): ZipEntry[] {
  const need = (ok: boolean, what: string): void => {
    if (!ok) throw new Error(what);
  };
  // End of central directory record: 22 bytes, then a comment of up to 65535.
  let end = bytes.length - 22;
  const first = Math.max(0, end - 65535);
  while (end >= first && u32(bytes, end) !== 0x06054b50) end--;
  need(end >= first, "no end of central directory record");
  let count = u16(bytes, end + 10);
  let offset = u32(bytes, end + 16);
  if (end >= 20 && u32(bytes, end - 20) === 0x07064b50) {
    const end64 = u64(bytes, end - 12);
    need(end64 + 56 <= bytes.length && u32(bytes, end64) === 0x06064b50, "bad zip64 end record");
    count = u64(bytes, end64 + 32);
    offset = u64(bytes, end64 + 48);
  }
  const entries: ZipEntry[] = [];
  for (let n = 0; n < count; n++) {
    need(offset + 46 <= bytes.length && u32(bytes, offset) === 0x02014b50, "bad central directory");
    const nameLength = u16(bytes, offset + 28);
    const extraLength = u16(bytes, offset + 30);
    const extra = offset + 46 + nameLength;
    need(extra + extraLength <= bytes.length, "bad central directory");
    const fields = [u32(bytes, offset + 24), u32(bytes, offset + 20), u32(bytes, offset + 42)];
    // zip64 extended information (id 1) holds, in this order, the fields saturated above.
    if (fields.includes(0xffffffff)) {
      let i = extra;
      while (i + 4 <= extra + extraLength && u16(bytes, i) !== 1) i += 4 + u16(bytes, i + 2);
      need(i + 4 <= extra + extraLength, "zip64 sizes missing");
      let at = i + 4;
      for (let f = 0; f < fields.length; f++) {
        if (fields[f] !== 0xffffffff) continue;
        need(at + 8 <= extra + extraLength, "zip64 sizes missing");
        fields[f] = u64(bytes, at);
        at += 8;
      }
    }
    const [size, compressedSize, local] = fields as [number, number, number];
    need(local + 30 <= bytes.length && u32(bytes, local) === 0x04034b50, "bad local file header");
    const start = local + 30 + u16(bytes, local + 26) + u16(bytes, local + 28);
    need(start + compressedSize <= bytes.length, "entry data past the end of the archive");
    entries.push({
      name: UTF8.decode(bytes.subarray(offset + 46, extra)),
      flags: u16(bytes, offset + 8),
      method: u16(bytes, offset + 10),
      compressedSize,
      size,
      start,
    });
    offset = extra + extraLength + u16(bytes, offset + 32);
  }
  return entries;
}

/**
 * The content of one entry, or why it was not read. Inflating stops at the declared size, which
 * may not pass {@link MAX_ZIP_ENTRY_BYTES}: an entry cannot inflate to more than it declares.
 */
function inflateEntry(bytes: Uint8Array, entry: ZipEntry): Uint8Array | string {
  const raw = bytes.subarray(entry.start, entry.start + entry.compressedSize);
  const declared = entry.method === 0 ? Math.max(entry.size, raw.length) : entry.size;
  if (declared > MAX_ZIP_ENTRY_BYTES)
    return `inflates past the limit of ${MAX_ZIP_ENTRY_BYTES} bytes (it declares ${declared} bytes): not read`;
  if (entry.flags & 1) return "is encrypted: not read";
  if (entry.method === 0) return raw;
  if (entry.method !== 8)
    return `uses compression method ${entry.method}, not stored (0) or deflate (8): not read`;
  try {
    const data = inflateRawSync(raw, { maxOutputLength: Math.max(entry.size, 1) });
    if (data.length !== entry.size)
      return `inflates to ${data.length} bytes, not the ${entry.size} bytes it declares: not read`;
    return new Uint8Array(data.buffer, data.byteOffset, data.length);
  } catch (error) {
    if ((error as { code?: unknown }).code === "ERR_BUFFER_TOO_LARGE")
      return `inflates past the ${entry.size} bytes it declares: not read`;
    const detail = error instanceof Error ? error.message : String(error);
    return `could not be decompressed: ${detail}`;
  }
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

/**
 * Package purls by ecosystem, then name: a package appears in many records and many files. Shared
 * by all reads (a pure memo: same input, same purl); emptied when it grows past a bound.
 */
class PurlCache {
  readonly #byEcosystem = new Map<string, Map<string, PurlResult>>();
  #size = 0;

  get(ecosystem: string, name: string): PurlResult {
    let names = this.#byEcosystem.get(ecosystem);
    if (names === undefined) {
      names = new Map();
      this.#byEcosystem.set(ecosystem, names);
    }
    let purl = names.get(name);
    if (purl === undefined) {
      purl = osvPackageToPurl(ecosystem, name);
      if (this.#size >= PURLS_MAX) {
        for (const m of this.#byEcosystem.values()) m.clear();
        this.#size = 0;
      }
      names.set(name, purl);
      this.#size++;
    }
    return purl;
  }
}
const PURLS = new PurlCache();
const PURLS_MAX = 500_000;

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
    const purl = purls.get(entry.package.ecosystem, entry.package.name);
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
