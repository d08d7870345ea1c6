/** What `verify` reads a published tree through: a folder or a web site, behind one interface. */

/**
 * Reads one location: a path relative to the site root (`.well-known/csaf/…`) or an absolute
 * URL outside the tree (e.g. a key server). Resolves to the bytes, or null when the file does
 * not exist (missing file, HTTP 404/410); rejects with a NetworkError when it cannot tell
 * (exit 3), with another Error when it refuses or the server denies (a failure, exit 1).
 */
export interface TreeSource {
  /** For messages: the folder or URL being verified. */
  readonly label: string;
  read(location: string): Promise<Uint8Array | null>;
}

/** The source could not be reached (connection, DNS, TLS, timeout, HTTP 5xx …): exit 3. */
export class NetworkError extends Error {
  readonly location: string;
  constructor(location: string, message: string) {
    super(message);
    this.location = location;
  }
}

/** True for `scheme://…` locations, false for tree-relative paths. */
export function isAbsoluteUrl(location: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(location);
}
