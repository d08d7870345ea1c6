/**
 * TreeSources for `verify`: a built folder (`dist/`) or a web site. Both read absolute URLs
 * outside the tree (a key on a key server) over https; plain http only to this machine
 * (127.0.0.1, localhost, ::1), which is what tests and local previews use.
 */
import { readFile } from "node:fs/promises";
import { isAbsolute, relative, resolve } from "node:path";
import { NetworkError, type TreeSource } from "../core/verify/source.ts";

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

/** GET over https: bytes, null for 404/410, NetworkError for outages, Error for refusals. */
export async function httpRead(url: string): Promise<Uint8Array | null> {
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
  try {
    return new Uint8Array(await response.arrayBuffer());
  } catch (error) {
    throw new NetworkError(
      url,
      `download interrupted: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

function isUrl(location: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(location);
}

/** A built tree in a folder; tree paths never leave the folder. */
export function directorySource(dir: string): TreeSource {
  const root = resolve(dir);
  return {
    label: root,
    async read(location) {
      if (isUrl(location)) return httpRead(location);
      const file = resolve(root, location);
      const inside = relative(root, file);
      if (inside.startsWith("..") || isAbsolute(inside)) throw new Error(`path leaves ${root}`);
      try {
        return new Uint8Array(await readFile(file));
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
    read(location) {
      return httpRead(isUrl(location) ? location : `${base}/${location}`);
    },
  };
}
