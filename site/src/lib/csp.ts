/**
 * The Content-Security-Policy of every page, delivered in a `<meta http-equiv>` element (a static
 * site has no headers of its own; see scripts/docs/site.md for the HTTP headers to add when hosting).
 * Nothing inline is allowed: every script and stylesheet is a file of this site.
 */
export interface CspOptions {
  /** Pagefind's search runs WebAssembly: only the search page needs 'wasm-unsafe-eval'. */
  wasm?: boolean;
}

export function contentSecurityPolicy(options: CspOptions = {}): string {
  const directives: [string, ...string[]][] = [
    ["default-src", "'self'"],
    ["script-src", "'self'", ...(options.wasm ? ["'wasm-unsafe-eval'"] : [])],
    ["style-src", "'self'"],
    ["img-src", "'self'", "data:"],
    ["font-src", "'self'"],
    ["connect-src", "'self'"],
    ["object-src", "'none'"],
    ["base-uri", "'self'"],
    ["form-action", "'self'"],
  ];
  return directives.map((d) => d.join(" ")).join("; ");
}
