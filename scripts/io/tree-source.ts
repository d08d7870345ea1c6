/**
 * TreeSources for `verify`: a built folder (`dist/`) or a web site. Both read absolute URLs
 * outside the tree (a key on a key server) over https; plain http only to this machine
 * (127.0.0.1, localhost, ::1), which is what tests and local previews use. Every read has a
 * limit (the caller's, per kind of file: scripts/core/verify/limits.ts), since neither the server
 * nor the folder is trusted: a larger file is refused unread when its size is known first (file
 * size, Content-Length) and stopped once it passes the limit otherwise.
 */
import { stat } from "node:fs/promises";
import { isAbsolute, relative, resolve } from "node:path";
import { FileTooLarge, NetworkError, type TreeSource } from "../core/verify/source.ts";
import { readCapped } from "./repo-files.ts";

const LOOPBACK = new Set(["127.0.0.1", "localhost", "[::1]", "::1"]);
const TIMEOUT_MS = 30_000;

/** Throws unless `url` is https, or http to this machine. */
export function checkScheme(url: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`"${url}" is not a URL`);
  }
  if (parsed.protocol === "https:") return parsed;
  if (parsed.protocol === "http:" && LOOPBACK.has(parsed.hostname)) return parsed;
  throw new Error(`refusing ${parsed.protocol}// for ${url}: CSAF is published over https (requirement 3)`);
}

/**
 * GET over https: bytes, null for 404/410, NetworkError for outages, FileTooLarge for a body over
 * `maxBytes` (a Content-Length over it is refused unread, a body passing it is aborted: the
 * server is not trusted to stop), Error for refusals.
 */
export async function httpRead(url: string, maxBytes: number): Promise<Uint8Array | null> {
  checkScheme(url);
  let response: Response;
  try {
    response = await fetch(url, { redirect: "follow", signal: AbortSignal.timeout(TIMEOUT_MS) });
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    const detail = cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
    throw new NetworkError(url, `cannot fetch: ${detail}`);
  }
  if (response.redirected) checkScheme(response.url);
  if (response.status === 404 || response.status === 410) {
    await response.body?.cancel();
    return null;
  }
  if (response.status >= 500) {
    await response.body?.cancel();
    throw new NetworkError(url, `HTTP ${response.status} ${response.statusText}`);
  }
  if (!response.ok) {
    await response.body?.cancel();
    throw new Error(`HTTP ${response.status} ${response.statusText}`);
  }
  // fetch decodes gzip/deflate/br itself: then Content-Length counts the encoded bytes, and only
  // the decoded ones are counted (a small encoded body may inflate without end).
  const encoding = response.headers.get("content-encoding");
  const encoded = encoding !== null && encoding.trim().toLowerCase() !== "identity";
  const announced = encoded ? Number.NaN : Number(response.headers.get("content-length") ?? Number.NaN);
  if (announced > maxBytes) {
    await response.body?.cancel().catch(() => {});
    throw new FileTooLarge(url, maxBytes, announced);
  }
  const chunks: Uint8Array[] = [];
  let received = 0;
  try {
    const reader = response.body?.getReader();
    for (let next = await reader?.read(); next && !next.done; next = await reader!.read()) {
      received += next.value.length;
      if (received > maxBytes) {
        await reader!.cancel().catch(() => {});
        throw new FileTooLarge(url, maxBytes);
      }
      chunks.push(next.value);
    }
  } catch (error) {
    if (error instanceof FileTooLarge) throw error;
    throw new NetworkError(
      url,
      `download interrupted: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const body = Buffer.concat(chunks);
  return new Uint8Array(body.buffer, body.byteOffset, body.length);
}

function isUrl(location: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(location);
}

/** A built tree in a folder; tree paths never leave the folder. */
export function directorySource(dir: string): TreeSource {
  const root = resolve(dir);
  return {
    label: root,
    async read(location, maxBytes) {
      if (isUrl(location)) return httpRead(location, maxBytes);
      const file = resolve(root, location);
      const inside = relative(root, file);
      if (inside.startsWith("..") || isAbsolute(inside)) throw new Error(`path leaves ${root}`);
      try {
        // A folder, pipe or device is not a published file (and a pipe would never end).
        if (!(await stat(file)).isFile()) return null;
        const bytes = await readCapped(file, maxBytes);
        if (bytes.length > maxBytes) throw new FileTooLarge(location, maxBytes, (await stat(file)).size);
        return bytes;
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === "ENOENT" || code === "ENOTDIR" || code === "EISDIR") return null;
        throw error;
      }
    },
  };
}

/** A published site: tree paths are read below `baseUrl`. */
export function urlSource(baseUrl: string): TreeSource {
  const base = checkScheme(baseUrl).href.replace(/\/+$/, "");
  return {
    label: base,
    read(location, maxBytes) {
      return httpRead(isUrl(location) ? location : `${base}/${location}`, maxBytes);
    },
  };
}
