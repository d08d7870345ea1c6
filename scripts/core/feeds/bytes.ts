/**
 * Byte-level helpers shared by the feed readers: magic numbers, text decoding, JSON parsing that
 * reports instead of throwing, gzip (bounded), and turning zod issues into one readable line.
 */
import { gunzipSync } from "node:zlib";
import type { z } from "zod";
import type { FeedDiagnostic } from "./types.ts";

/**
 * Largest feed content read as one piece: a feed file or the decompressed content of a gzip file
 * (256 MiB: several times the largest real feed file, and half the longest string V8 can hold).
 * Larger content is reported, not read; inflating a gzip stream stops at this size.
 */
export const MAX_FEED_BYTES = 256 * 1024 * 1024;

/**
 * Largest feed file worth reading from disk at all (1 GiB): a zip export may be larger than
 * {@link MAX_FEED_BYTES}, since its entries are read one batch at a time.
 */
export const MAX_FEED_FILE_BYTES = 1024 * 1024 * 1024;

/** `PK\x03\x04` (local file header) or `PK\x05\x06` (empty archive): a zip file. */
export function isZip(bytes: Uint8Array): boolean {
  return (
    bytes.length >= 4 &&
    bytes[0] === 0x50 &&
    bytes[1] === 0x4b &&
    ((bytes[2] === 0x03 && bytes[3] === 0x04) || (bytes[2] === 0x05 && bytes[3] === 0x06))
  );
}

/** `1f 8b`: a gzip stream. */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

const decoder = new TextDecoder("utf-8");

/**
 * UTF-8 text without a byte-order mark (TextDecoder drops it). Throws a RangeError past V8's
 * longest string (about 512 MiB): for bytes of unchecked size use {@link readText}.
 */
export function decodeText(bytes: Uint8Array): string {
  return decoder.decode(bytes);
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; diagnostic: FeedDiagnostic };

/** Like {@link decodeText}, but content over `limit` bytes, or that cannot be decoded, is a diagnostic. */
export function readText(bytes: Uint8Array, source: string, limit = MAX_FEED_BYTES): Parsed<string> {
  if (bytes.length > limit) {
    return {
      ok: false,
      diagnostic: fail(
        source,
        `content of ${bytes.length} bytes is over the limit of ${limit} bytes: not read`,
      ),
    };
  }
  try {
    return { ok: true, value: decoder.decode(bytes) };
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return { ok: false, diagnostic: fail(source, `content could not be read as text: ${detail}`) };
  }
}

/** Builds an error diagnostic; `record` is the record id or index when known. */
export function fail(source: string, message: string, record?: string): FeedDiagnostic {
  return record === undefined
    ? { severity: "error", source, message }
    : { severity: "error", source, record, message };
}

/** Builds a warning diagnostic. */
export function warn(source: string, message: string, record?: string): FeedDiagnostic {
  return record === undefined
    ? { severity: "warning", source, message }
    : { severity: "warning", source, record, message };
}

/** Parses JSON text; a syntax error (bad or truncated file) becomes one error diagnostic. */
export function parseJson(text: string, source: string, what: string): Parsed<unknown> {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    const hint = text.trim() === "" ? "the file is empty" : `${detail} (${text.length} characters read)`;
    return { ok: false, diagnostic: fail(source, `not valid JSON: expected ${what}, ${hint}`) };
  }
}

/**
 * Gunzips when the bytes carry the gzip magic; a corrupt or truncated stream is a diagnostic, and
 * so is content inflating past `limit` bytes (a decompression bomb): inflating stops there.
 */
export function maybeGunzip(bytes: Uint8Array, source: string, limit = MAX_FEED_BYTES): Parsed<Uint8Array> {
  if (!isGzip(bytes)) return { ok: true, value: bytes };
  try {
    const value = gunzipSync(bytes, { maxOutputLength: limit });
    return { ok: true, value: new Uint8Array(value.buffer, value.byteOffset, value.length) };
  } catch (error) {
    if ((error as { code?: unknown }).code === "ERR_BUFFER_TOO_LARGE") {
      return {
        ok: false,
        diagnostic: fail(source, `gzip content inflates past the limit of ${limit} bytes: not read`),
      };
    }
    const detail = error instanceof Error ? error.message : String(error);
    return { ok: false, diagnostic: fail(source, `gzip stream could not be decompressed: ${detail}`) };
  }
}

/** `a/b/0/c: message; …` for the first few zod issues. */
export function describeIssues(error: z.ZodError, limit = 3): string {
  const parts = error.issues.slice(0, limit).map((issue) => {
    const path = issue.path.map(String).join("/");
    return path === "" ? issue.message : `${path}: ${issue.message}`;
  });
  const more = error.issues.length > limit ? `; and ${error.issues.length - limit} more` : "";
  return parts.join("; ") + more;
}

export const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** The `id` of something that failed validation, if it has a usable one. */
export function idOf(value: unknown, key = "id"): string | undefined {
  if (!isObject(value)) return undefined;
  const id = value[key];
  return typeof id === "string" && id !== "" ? id : undefined;
}

/** Order-preserving de-duplication. */
export function unique<T>(values: Iterable<T>): T[] {
  return [...new Set(values)];
}

/** Keeps diagnostics for row-based feeds bounded: after `limit`, only a count is kept. */
export class DiagnosticSink {
  readonly items: FeedDiagnostic[] = [];
  #dropped = 0;
  #droppedErrors = false;
  readonly #limit: number;
  readonly #source: string;

  constructor(source: string, limit = 100) {
    this.#source = source;
    this.#limit = limit;
  }

  push(diagnostic: FeedDiagnostic): void {
    if (this.items.length < this.#limit) this.items.push(diagnostic);
    else {
      this.#dropped++;
      if (diagnostic.severity === "error") this.#droppedErrors = true;
    }
  }

  /** Diagnostics, with one summary line for those left out. */
  finish(): FeedDiagnostic[] {
    if (this.#dropped > 0) {
      const message = `${this.#dropped} further problems of this file were not listed`;
      this.items.push(this.#droppedErrors ? fail(this.#source, message) : warn(this.#source, message));
    }
    return this.items;
  }
}
