/** Hash files of CSAF 2.0 requirement 18: `<hex>  <file name>\n`, as `sha256sum` writes them. */
import { createHash } from "node:crypto";

export type HashAlgorithm = "sha256" | "sha512";

function bytesOf(data: Uint8Array | string): Uint8Array {
  return typeof data === "string" ? new TextEncoder().encode(data) : data;
}

/** Lowercase hex digest of the bytes (strings as UTF-8). */
export function digest(algorithm: HashAlgorithm, data: Uint8Array | string): string {
  return createHash(algorithm).update(bytesOf(data)).digest("hex");
}

/** `<sha256 hex>  <fileName>\n` */
export function sha256Line(data: Uint8Array | string, fileName: string): string {
  return `${digest("sha256", data)}  ${fileName}\n`;
}

/** `<sha512 hex>  <fileName>\n` */
export function sha512Line(data: Uint8Array | string, fileName: string): string {
  return `${digest("sha512", data)}  ${fileName}\n`;
}

/**
 * Reads a hash file: the content starts with the hex digest; anything after it (a file name)
 * is separated by whitespace. Returns the lowercase digest and the optional name.
 */
export function parseHashFile(
  text: string,
  algorithm: HashAlgorithm,
): { digest: string; fileName?: string } | { error: string } {
  const length = algorithm === "sha256" ? 64 : 128;
  const match = /^([0-9a-fA-F]+)(?:[ \t]+\*?(\S.*?))?\s*$/s.exec(text.split(/\r?\n/)[0] ?? "");
  if (!match?.[1] || match[1].length !== length)
    return { error: `expected ${length} hex digits at the start of the file` };
  return { digest: match[1].toLowerCase(), ...(match[2] ? { fileName: match[2] } : {}) };
}
