/**
 * The feed side of matching: records from every feed file, de-duplicated, with withdrawn ones set
 * aside, indexed by package purl (OSV, GHSA, CSAF purl helpers) and by CPE vendor + product (NVD,
 * CSAF CPE helpers), and grouped by alias. Building it is O(records); a look-up is O(1) plus the
 * entries of that one package.
 */
import type { CpeAffected, PackageAffected, Severity, VulnRecord } from "../feeds/types.ts";
import { type Cpe, type CpeMatchResult, type CpeValue, checkCriteria, parseCpe } from "../match/cpe.ts";
import type { OsvEvaluation } from "../match/osv-range.ts";
import { osvEcosystemRelease, osvPackageToPurl } from "../match/purl.ts";
import { generic } from "../versions/generic.ts";
import { schemeFor, type VersionScheme } from "../versions/index.ts";
import { type AliasGroup, AliasGroups, idKey } from "./aliases.ts";
import type { CompiledEntry } from "./compiled-osv.ts";
import type { DiagnosticLog } from "./diagnostics.ts";
import type { SchemeCache } from "./memo-scheme.ts";

/** What matching keeps of a record (the rest, such as details, is dropped to save memory). */
export interface IndexedRecord {
  id: string;
  aliases: string[];
  source: VulnRecord["source"];
  /** The feed file it was read from. */
  file: string;
  summary?: string;
  modified?: string;
  severity: Severity[];
  kev?: VulnRecord["kev"];
  /** First reference URL (SARIF help link). */
  reference?: string;
  packages: PackageAffected[];
  cpes: CpeAffected[];
  /** Alias-group root (set when the index is built). */
  root: string;
}

export interface PackageEntry {
  record: IndexedRecord;
  affected: PackageAffected;
  scheme: VersionScheme;
  /** The distribution release the ecosystem names ("Debian:12" → "12"), if any. */
  release?: string;
  /** The entry prepared for fast tests (null: not preparable, evaluateOsv decides every time). */
  compiled?: CompiledEntry | null;
  /** evaluateOsv's answers, by version, where the prepared test deferred to it. */
  results?: Map<string, OsvEvaluation>;
  /** Affected-range text and fixed versions, once computed. */
  described?: { affected: string; fixed: string[] };
}

export interface CpeEntry {
  record: IndexedRecord;
  affected: CpeAffected;
  criteria: Cpe;
  /** evaluateCpeMatch's answers by component CPE and version (the same component recurs). */
  results?: Map<string, CpeMatchResult>;
}

const literal = (v: CpeValue): string | undefined =>
  v.kind === "value" && v.before === "" && v.after === "" ? v.literal : undefined;

/** Index key of a CPE's vendor and product, when both are plain values. */
export const cpeKey = (cpe: Cpe): string | undefined => {
  const vendor = literal(cpe.vendor);
  const product = literal(cpe.product);
  return vendor === undefined || product === undefined ? undefined : `${vendor}\0${product}`;
};

const SOURCES: readonly VulnRecord["source"][] = ["osv", "nvd", "csaf"];

/** A record's key in the index: one record per source and id (ids compared as idKey does). */
const recordKey = (source: VulnRecord["source"], id: string): string => `${source}\0${idKey(id)}`;

export class FeedIndex {
  readonly #records = new Map<string, IndexedRecord>();
  readonly #packages = new Map<string, PackageEntry[]>();
  readonly #cpes = new Map<string, CpeEntry[]>();
  /** Criteria with `*`/`?` inside vendor or product: tested one by one (rare). */
  readonly #cpePatterns: CpeEntry[] = [];
  readonly #groups = new AliasGroups();
  readonly #log: DiagnosticLog;
  readonly #schemes: SchemeCache;
  /** Memoized comparator per OSV ecosystem string (null: none known, generic is used). */
  readonly #ecosystemSchemes = new Map<string, VersionScheme | null>();
  #withdrawn = new Set<string>();
  #built = false;

  constructor(log: DiagnosticLog, schemes: SchemeCache) {
    this.#log = log;
    this.#schemes = schemes;
  }

  /** Adds the records of one feed file. A record seen twice keeps its newest `modified` copy. */
  add(records: readonly VulnRecord[], file: string): void {
    this.#built = false;
    for (const r of records) {
      const key = recordKey(r.source, r.id);
      if (r.withdrawn) {
        this.#withdrawn.add(key);
        continue;
      }
      const old = this.#records.get(key);
      if (old && (old.modified ?? "") >= (r.modified ?? "")) continue;
      const packages: PackageAffected[] = [];
      const cpes: CpeAffected[] = [];
      for (const a of r.affected) {
        if (a.kind === "package") packages.push(a);
        else if (a.vulnerable) cpes.push(a);
      }
      const slim: IndexedRecord = {
        id: r.id,
        aliases: r.aliases,
        source: r.source,
        file,
        severity: r.severity,
        packages,
        cpes,
        root: "",
      };
      if (r.summary) slim.summary = r.summary;
      if (r.modified) slim.modified = r.modified;
      if (r.kev) slim.kev = r.kev;
      if (r.references[0]) slim.reference = r.references[0];
      this.#records.set(key, slim);
    }
  }

  /** Builds the package and CPE maps and the alias groups; called once after all `add`s. */
  build(): void {
    if (this.#built) return;
    this.#packages.clear();
    this.#cpes.clear();
    this.#cpePatterns.length = 0;
    // A record withdrawn in one file and live in another (older) file stays withdrawn.
    for (const key of this.#withdrawn) this.#records.delete(key);
    for (const record of this.#records.values()) this.#groups.add(record.id, record.aliases);
    for (const record of this.#records.values()) {
      record.root = this.#groups.rootOf(record.id);
      for (const affected of record.packages) this.#indexPackage(record, affected);
      for (const affected of record.cpes) this.#indexCpe(record, affected);
    }
    this.#built = true;
  }

  #indexPackage(record: IndexedRecord, affected: PackageAffected): void {
    let purl = affected.purl;
    if (purl === undefined) {
      const derived = osvPackageToPurl(affected.ecosystem, affected.name);
      if (!derived.ok) {
        this.#log.warn(
          record.file,
          record.id,
          `${derived.error}: package ${JSON.stringify(affected.name)} cannot be matched to SBOM components`,
          `ecosystem:${affected.ecosystem}`,
        );
        return;
      }
      purl = derived.purl;
    }
    let scheme = this.#ecosystemSchemes.get(affected.ecosystem);
    if (scheme === undefined) {
      const known = schemeFor(affected.ecosystem);
      scheme = known ? this.#schemes.get(known) : null;
      this.#ecosystemSchemes.set(affected.ecosystem, scheme);
    }
    if (scheme === null) {
      this.#log.warn(
        record.file,
        record.id,
        `no version ordering is known for ecosystem ${JSON.stringify(affected.ecosystem)}: generic ordering is used for ${affected.name}`,
        `scheme:${affected.ecosystem}`,
      );
    }
    const entry: PackageEntry = { record, affected, scheme: scheme ?? this.#schemes.get(generic) };
    const release = osvEcosystemRelease(affected.ecosystem);
    if (release !== undefined) entry.release = release;
    const list = this.#packages.get(purl);
    if (list) list.push(entry);
    else this.#packages.set(purl, [entry]);
  }

  #indexCpe(record: IndexedRecord, affected: CpeAffected): void {
    const parsed = parseCpe(affected.criteria);
    if (!parsed.ok) {
      this.#log.warn(record.file, record.id, `${parsed.error}; the entry is skipped`, "cpe:invalid");
      return;
    }
    const cpe = parsed.cpe;
    const broad = checkCriteria(cpe);
    const vague = cpe.vendor.kind !== "value" || cpe.product.kind !== "value";
    if (broad !== undefined || vague) {
      const why = broad ?? "vendor and product must both be named to guard against false positives";
      this.#log.warn(record.file, record.id, `CPE ${affected.criteria} is skipped: ${why}`, "cpe:broad");
      return;
    }
    const entry: CpeEntry = { record, affected, criteria: cpe };
    const key = cpeKey(cpe);
    if (key === undefined) {
      this.#cpePatterns.push(entry);
      return;
    }
    const list = this.#cpes.get(key);
    if (list) list.push(entry);
    else this.#cpes.set(key, [entry]);
  }

  /** Entries for a normalized package purl (no version). */
  packageEntries(purl: string): readonly PackageEntry[] | undefined {
    return this.#packages.get(purl);
  }

  /** Entries whose criteria may name this CPE (same vendor and product, or a wildcard pattern). */
  cpeEntries(cpe: Cpe): CpeEntry[] {
    const key = cpeKey(cpe);
    const exact = key === undefined ? undefined : this.#cpes.get(key);
    if (this.#cpePatterns.length === 0) return exact ?? [];
    return [...(exact ?? []), ...this.#cpePatterns];
  }

  /** The alias group of a record. */
  groupOf(record: IndexedRecord): AliasGroup {
    return this.#groups.groupOfRoot(record.root);
  }

  /** The alias group containing `id`, if any record names it. */
  groupOfId(id: string): AliasGroup | undefined {
    return this.#groups.groupOf(id);
  }

  /** The live records whose own id is `id` (one per source at most). */
  recordsWithId(id: string): IndexedRecord[] {
    const found: IndexedRecord[] = [];
    for (const source of SOURCES) {
      const record = this.#records.get(recordKey(source, id));
      if (record) found.push(record);
    }
    return found;
  }

  get size(): number {
    return this.#records.size;
  }

  /** Whether a withdrawn record (of any source) has this id. */
  isWithdrawn(id: string): boolean {
    const key = idKey(id);
    for (const withdrawn of this.#withdrawn)
      if (withdrawn.slice(withdrawn.indexOf("\0") + 1) === key) return true;
    return false;
  }

  get withdrawnCount(): number {
    return this.#withdrawn.size;
  }
}
