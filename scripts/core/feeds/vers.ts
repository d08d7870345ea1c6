/**
 * Simple `vers:` ranges (https://github.com/package-url/vers-spec) → OSV range events. Handled:
 * `*`, exact versions (`1.2` or `=1.2`), and runs of `>=a` / `<b` / `<=b` (a missing lower bound
 * means from the start). Anything else (`>a`, `!=a`, unpaired bounds) is left to the caller.
 */
import type { OsvEvent } from "./types.ts";

export interface VersEvents {
  /** Versioning scheme after `vers:` (`npm`, `generic`, …). */
  scheme: string;
  /** Range events in order; empty when only exact versions were given. */
  events: OsvEvent[];
  /** Exact versions (`=` constraints). */
  versions: string[];
}

/** Converts a vers string; undefined when it is malformed or not one of the simple forms. */
export function versToEvents(vers: string): VersEvents | undefined {
  const match = /^vers:([a-z0-9.+-]+)\/(.+)$/i.exec(vers.trim().replace(/\s+/g, ""));
  if (match === null) return undefined;
  const scheme = match[1]!.toLowerCase();
  const body = match[2]!;
  if (body === "*") return { scheme, events: [{ introduced: "0" }], versions: [] };
  const events: OsvEvent[] = [];
  const versions: string[] = [];
  let open = false;
  for (const constraint of body.split("|")) {
    const [, op = "", raw = ""] = /^(>=|<=|!=|<|>|=)?(.*)$/.exec(constraint) ?? [];
    if (raw === "") return undefined;
    let version: string;
    try {
      version = decodeURIComponent(raw);
    } catch {
      return undefined;
    }
    if (op === ">=") {
      if (open) return undefined;
      events.push({ introduced: version });
      open = true;
    } else if (op === "<" || op === "<=") {
      if (!open) {
        if (events.length > 0) return undefined;
        events.push({ introduced: "0" });
      }
      events.push(op === "<" ? { fixed: version } : { last_affected: version });
      open = false;
    } else if (op === "" || op === "=") {
      if (open) return undefined;
      versions.push(version);
    } else {
      return undefined;
    }
  }
  return { scheme, events, versions };
}
