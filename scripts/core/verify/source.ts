/** What `verify` reads a published tree through: a folder or a web site, behind one interface. */

/**
 * Reads one location: a path relative to the site root (`.well-known/csaf/…`) or an absolute
 * URL outside the tree (e.g. a key server). Resolves to the bytes, or null when the file does
 * not exist (missing file, HTTP 404/410); rejects with a NetworkError when it cannot tell
 * (exit 3), with a FileTooLarge when the file is over `maxBytes`, with another Error when it
 * refuses or the server denies (a failure, exit 1).
 */
export interface TreeSource {
  /** For messages: the folder or URL being verified. */
  readonly label: string;
  /**
   * `maxBytes`: the largest file accepted. A larger one is refused unread when its size is known
   * first (file size, Content-Length), else its reading stops once it passes the limit.
   */
  read(location: string, maxBytes: number): Promise<Uint8Array | null>;
}

/** The source could not be reached (connection, DNS, TLS, timeout, HTTP 5xx …): exit 3. */
export class NetworkError extends Error {
  readonly location: string;
  constructor(location: string, message: string) {
    super(message);
    this.location = location;
  }
}

/** A file over the limit it was read with: refused, nothing of it kept. */
export class FileTooLarge extends Error {
  readonly limit: number;
  /** Its size when known before reading (file size, Content-Length); undefined when the body passed the limit. */
  readonly size: number | undefined;
  constructor(location: string, limit: number, size?: number) {
    super(
      size === undefined
        ? `${location}: the body passed the limit of ${limit} bytes`
        : `${location}: ${size} bytes are over the limit of ${limit} bytes`,
    );
    this.name = "FileTooLarge";
    this.limit = limit;
    this.size = size;
  }
}

/** True for `scheme://…` locations, false for tree-relative paths. */
export function isAbsoluteUrl(location: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(location);
}
