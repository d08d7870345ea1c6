/**
 * A floor for the matching benchmark: the least work any matcher of these inputs does in this
 * runtime, built from the project's own fastest parts. It reads and JSON.parses every file (the
 * baseline), checks each OSV record's structure (isOsvRecord), indexes records by package purl
 * and NVD criteria by vendor and product, and tests each distinct SBOM purl against its package's
 * prepared ranges (compileAffected). It does not normalize records, match CPEs, merge aliases,
 * look at incidents, KEV or EPSS, collect diagnostics or write a report: a real matcher is slower.
 * Its ratio to the baseline shows how far down a matcher written in TypeScript can go.
 */
import { readFileSync } from "node:fs";
import { isOsvRecord } from "../../scripts/core/feeds/schema/osv-check.ts";
import { normalizePurl, osvPackageToPurl } from "../../scripts/core/match/purl.ts";
import { type CompiledEntry, compileAffected } from "../../scripts/core/matching/compiled-osv.ts";
import { SchemeCache } from "../../scripts/core/matching/memo-scheme.ts";
import { generic } from "../../scripts/core/versions/generic.ts";
import { schemeFor, type VersionScheme } from "../../scripts/core/versions/index.ts";

interface Entry {
  id: string;
  affected: { ranges: never[]; versions: string[] };
  scheme: VersionScheme;
  compiled?: CompiledEntry | null;
}

type Json = Record<string, unknown>;

/** Runs the floor over the files; returns the number of (component, record) hits. */
export function matchFloor(sboms: readonly string[], feeds: readonly string[]): number {
  const schemes = new SchemeCache();
  const byPackage = new Map<string, Entry[]>();
  const cpes = new Map<string, string[]>();
  const purls = new Map<string, Map<string, string | null>>();
  const ecosystemSchemes = new Map<string, VersionScheme>();
  for (const file of feeds) {
    const json = JSON.parse(readFileSync(file, "utf8")) as unknown;
    if (Array.isArray(json)) {
      for (const record of json) {
        if (!isOsvRecord(record)) continue;
        for (const affected of record.affected ?? []) {
          const pkg = affected.package;
          if (pkg === undefined) continue;
          let names = purls.get(pkg.ecosystem);
          if (names === undefined) {
            names = new Map();
            purls.set(pkg.ecosystem, names);
            ecosystemSchemes.set(pkg.ecosystem, schemes.get(schemeFor(pkg.ecosystem) ?? generic));
          }
          let key = names.get(pkg.name);
          if (key === undefined) {
            const purl = osvPackageToPurl(pkg.ecosystem, pkg.name);
            key = purl.ok ? purl.purl : null;
            names.set(pkg.name, key);
          }
          if (key === null) continue;
          const entry: Entry = {
            id: record.id,
            affected: { ranges: (affected.ranges ?? []) as never[], versions: affected.versions ?? [] },
            scheme: ecosystemSchemes.get(pkg.ecosystem)!,
          };
          const list = byPackage.get(key);
          if (list) list.push(entry);
          else byPackage.set(key, [entry]);
        }
      }
    } else {
      for (const item of (json as { vulnerabilities?: { cve: Json }[] }).vulnerabilities ?? []) {
        for (const config of (item.cve.configurations ?? []) as { nodes: { cpeMatch: Json[] }[] }[])
          for (const node of config.nodes)
            for (const match of node.cpeMatch) {
              const [, , , vendor, product] = String(match.criteria).split(":");
              const key = `${vendor}:${product}`;
              const list = cpes.get(key);
              if (list) list.push(item.cve.id as string);
              else cpes.set(key, [item.cve.id as string]);
            }
      }
    }
  }
  const bases = new Map<string, { key: string; scheme: VersionScheme } | null>();
  const decided = new Map<string, number>();
  let hits = 0;
  for (const file of sboms) {
    const bom = JSON.parse(readFileSync(file, "utf8")) as { components?: Json[] };
    for (const component of bom.components ?? []) {
      const purl = component.purl;
      if (typeof purl !== "string") continue;
      let found = decided.get(purl);
      if (found === undefined) {
        found = 0;
        const q = purl.indexOf("?");
        const head = q === -1 ? purl : purl.slice(0, q);
        const at = head.lastIndexOf("@");
        const basePart = head.slice(0, at);
        let base = bases.get(basePart);
        if (base === undefined) {
          const n = normalizePurl(basePart);
          base = n.ok ? { key: n.purl, scheme: schemes.get(schemeFor(n.type) ?? generic) } : null;
          bases.set(basePart, base);
        }
        const version = head.slice(at + 1);
        for (const entry of (base && byPackage.get(base.key)) ?? []) {
          if (entry.compiled === undefined)
            entry.compiled = compileAffected(entry.affected, entry.scheme) ?? null;
          if (entry.compiled?.(version)) found++;
        }
        decided.set(purl, found);
      }
      hits += found;
    }
  }
  return hits;
}
