/**
 * HTTP GET for feed downloads: conditional requests, an idle timeout (no data for N ms aborts),
 * Content-Length checked (a truncated body is an error, not a short file; with a Content-Encoding
 * the length counts the compressed bytes, so there the decoder's own end-of-stream check decides),
 * a size cap (`maxBytes`: a Content-Length over it is refused unread, a body passing it is aborted,
 * so neither memory nor disk fills), and retries with
 * exponential backoff after network errors, timeouts, truncation, HTTP 429 and 5xx (and statuses
 * the caller names). `Retry-After` is honoured up to the backoff ceiling. Uses Node's fetch.
 */
import { type Fetcher, type FetchResult, TooLarge } from "../core/matching/pull.ts";

export interface HttpOptions {
  /** Abort when no data arrives for this long. */
  timeoutMs: number;
  /** Retries after the first attempt. */
  retries: number;
  /** Wait before the first retry; doubles each time (capped at 60 s). */
  backoffMs: number;
  sleep?: (ms: number) => Promise<void>;
  userAgent?: string;
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

const MAX_BACKOFF_MS = 60_000;

/** A failure that another attempt may cure. */
class Transient extends Error {
  readonly retryAfterMs: number | undefined;
  constructor(message: string, retryAfterMs?: number) {
    super(message);
    this.retryAfterMs = retryAfterMs;
  }
}

/** The feed fetcher over Node's fetch. */
export function httpFetcher(options: HttpOptions): Fetcher {
  const wait = options.sleep ?? sleep;
  return {
    async get(url, { headers = {}, retryOn = [], onProgress, maxBytes } = {}) {
      let delay = options.backoffMs;
      for (let attempt = 0; ; attempt++) {
        try {
          return await once(url, headers, retryOn, options, onProgress, maxBytes);
        } catch (error) {
          // Another attempt would be as large: the caller words this one itself.
          if (error instanceof TooLarge) throw error;
          const detail = error instanceof Error ? error.message : String(error);
          if (!(error instanceof Transient)) throw new Error(`GET ${url} failed: ${detail}`);
          if (attempt >= options.retries) {
            const tries = attempt + 1;
            throw new Error(`GET ${url} failed after ${tries} attempt${tries === 1 ? "" : "s"}: ${detail}`);
          }
          await wait(Math.min(Math.max(delay, error.retryAfterMs ?? 0), MAX_BACKOFF_MS));
          delay *= 2;
        }
      }
    },
  };
}

async function once(
  url: string,
  headers: Record<string, string>,
  retryOn: number[],
  options: HttpOptions,
  onProgress?: (received: number, total?: number) => void,
  maxBytes = Number.POSITIVE_INFINITY,
): Promise<FetchResult> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const arm = () => {
    clearTimeout(timer);
    timer = setTimeout(() => controller.abort(), options.timeoutMs);
  };
  arm();
  try {
    let response: Response;
    try {
      response = await fetch(url, {
        headers: { "User-Agent": options.userAgent ?? "psirt-feeds", ...headers },
        signal: controller.signal,
        redirect: "follow",
      });
    } catch (error) {
      throw new Transient(
        controller.signal.aborted ? `no response within ${options.timeoutMs} ms` : networkError(error),
      );
    }
    const { status } = response;
    if (status === 304) return { status, body: new Uint8Array() };
    if (status < 200 || status > 299) {
      await response.body?.cancel().catch(() => {});
      const message = `HTTP ${status}${response.statusText ? ` ${response.statusText}` : ""}`;
      if (status === 429 || status >= 500 || retryOn.includes(status))
        throw new Transient(message, retryAfter(response.headers.get("retry-after")));
      throw new Error(message);
    }
    // fetch decodes gzip/deflate/br bodies itself; Content-Length then counts the encoded bytes, and
    // a cut-off encoded body fails in the decoder (below) instead.
    const encoding = response.headers.get("content-encoding");
    const encoded = encoding !== null && encoding.trim().toLowerCase() !== "identity";
    const lengthHeader = encoded ? null : response.headers.get("content-length");
    const total = lengthHeader === null ? undefined : Number(lengthHeader);
    if (total !== undefined && total > maxBytes) {
      await response.body?.cancel().catch(() => {});
      throw new TooLarge(url, maxBytes, total);
    }
    const chunks: Uint8Array[] = [];
    let received = 0;
    try {
      const reader = response.body?.getReader();
      for (let next = await reader?.read(); next && !next.done; next = await reader!.read()) {
        arm();
        received += next.value.length;
        // Counted as decoded: a small gzip-encoded body inflating without end is stopped too.
        if (received > maxBytes) {
          await reader!.cancel().catch(() => {});
          throw new TooLarge(url, maxBytes);
        }
        chunks.push(next.value);
        onProgress?.(received, total);
      }
    } catch (error) {
      if (error instanceof TooLarge) throw error;
      const why = controller.signal.aborted ? `no data for ${options.timeoutMs} ms` : networkError(error);
      throw new Transient(`body interrupted after ${received} bytes${total ? ` of ${total}` : ""} (${why})`);
    }
    if (total !== undefined && Number.isFinite(total) && received !== total) {
      throw new Transient(
        received < total
          ? `truncated body: ${received} of ${total} bytes`
          : `body of ${received} bytes is longer than its Content-Length (${total})`,
      );
    }
    const body = Buffer.concat(chunks);
    const result: FetchResult = { status, body: new Uint8Array(body.buffer, body.byteOffset, body.length) };
    const etag = response.headers.get("etag");
    const lastModified = response.headers.get("last-modified");
    if (etag) result.etag = etag;
    if (lastModified) result.lastModified = lastModified;
    return result;
  } finally {
    clearTimeout(timer);
  }
}

function networkError(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  const base = error instanceof Error ? error.message : String(error);
  return cause?.code ? `${base} (${cause.code})` : cause?.message ? `${base} (${cause.message})` : base;
}

/** Retry-After in milliseconds (seconds or an HTTP date); undefined when absent or unreadable. */
export function retryAfter(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
