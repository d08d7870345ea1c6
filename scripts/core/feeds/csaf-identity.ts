/**
 * What identifies a CSAF product for matching, expressed with the shared matching modules: a CPE
 * helper as a CPE 2.3 string (scripts/core/match/cpe.ts), a purl helper as an OSV package
 * (scripts/core/match/purl.ts), a `product_version_range` as OSV range events
 * (scripts/core/versions/range.ts). Nothing here re-implements those modules; it only adapts.
 */
import { formatCpe, parseCpe } from "../match/cpe.ts";
import { normalizePurl, osvEcosystemOfPurlType, purlToOsvPackage } from "../match/purl.ts";
import { generic } from "../versions/generic.ts";
import { schemeFor } from "../versions/index.ts";
import { parseRange } from "../versions/range.ts";
import type { OsvEvent } from "./types.ts";

/** CPE 2.3 formatted string for a CPE 2.3 string or a 2.2 URI; undefined when it does not parse. */
export function toCpe23(cpe: string): string | undefined {
  const parsed = parseCpe(cpe);
  return parsed.ok ? formatCpe(parsed.cpe) : undefined;
}

export interface OsvPackageRef {
  /** OSV ecosystem; for purl types OSV does not know, the purl type itself (`generic`). */
  ecosystem: string;
  /** Package name as OSV writes it (Maven `group:artifact`, npm `@scope/name`, Go module path). */
  name: string;
  /** The normalized purl without version, qualifiers and subpath: the matching key. */
  purl: string;
  /** The purl's version in the ecosystem's spelling (Go without the `v` prefix), if any. */
  version?: string;
}

/** OSV package of a purl; undefined when the purl does not parse. */
export function purlPackage(purl: string): OsvPackageRef | undefined {
  const parts = normalizePurl(purl);
  if (!parts.ok) return undefined;
  const osv = purlToOsvPackage(parts.purl);
  const ref: OsvPackageRef = osv.ok
    ? { ecosystem: osv.ecosystem, name: osv.name, purl: parts.purl }
    : {
        ecosystem: osvEcosystemOfPurlType(parts.type, parts.namespace) ?? parts.type,
        name: parts.namespace ? `${parts.namespace}/${parts.name}` : parts.name,
        purl: parts.purl,
      };
  if (parts.version)
    ref.version = parts.type === "golang" ? parts.version.replace(/^v(?=\d)/, "") : parts.version;
  return ref;
}

export interface VersEvents {
  /** Versioning scheme named after `vers:`. */
  scheme: string;
  /** Range events in order; empty when only exact versions were given. */
  events: OsvEvent[];
  /** Exact versions (`=` constraints). */
  versions: string[];
}

/**
 * A `vers:` range as OSV events, when it has an OSV equivalent: `*`, exact versions, and runs of
 * `>=a` / `<b` / `<=b` (a missing first lower bound means from the start). Undefined for anything
 * else (`>a`, `!=a`, invalid or unsorted ranges): the caller reports it. The range is parsed and
 * validated by versions/range.ts, with the comparator the scheme names (generic when unknown).
 */
export function versToEvents(vers: string): VersEvents | undefined {
  const match = /^vers:([a-z0-9.+-]+)\/(.*)$/i.exec(vers.trim());
  if (match === null) return undefined;
  const scheme = match[1]!.toLowerCase();
  const parsed = parseRange(match[2]!, schemeFor(scheme) ?? generic);
  if (!parsed.ok) return undefined;
  if (parsed.range.all) return { scheme, events: [{ introduced: "0" }], versions: [] };
  const events: OsvEvent[] = [];
  const versions: string[] = [];
  let open = false;
  for (const { comparator, version } of parsed.range.constraints) {
    if (comparator === ">=") {
      events.push({ introduced: version });
      open = true;
    } else if (comparator === "<" || comparator === "<=") {
      if (!open) {
        if (events.length > 0) return undefined;
        events.push({ introduced: "0" });
      }
      events.push(comparator === "<" ? { fixed: version } : { last_affected: version });
      open = false;
    } else if (comparator === "=" && !open) {
      versions.push(version);
    } else {
      return undefined;
    }
  }
  return { scheme, events, versions };
}
