/**
 * One matching run: feeds are added file by file (records go straight into the index, so the raw
 * reader output can be collected), then every component of every SBOM is looked up once. Cost:
 * O(records) to index + O(components × entries of the component's own package). Pure: the caller
 * reads the files.
 */
import type { FeedReadResult } from "../feeds/detect.ts";
import type { EpssData, KevEntry } from "../feeds/types.ts";
import { generic } from "../versions/generic.ts";
import type { VersionScheme } from "../versions/index.ts";
import { type AliasGroup, compareIds, idKey } from "./aliases.ts";
import { CandidateReader, purlHasVersion } from "./components.ts";
import { Coverage } from "./coverage.ts";
import { DiagnosticLog } from "./diagnostics.ts";
import { FeedIndex, type IndexedRecord } from "./feed-index.ts";
import { type Hit, hitsFor } from "./hits.ts";
import { type GroupIntel, groupIntel } from "./intel.ts";
import { SchemeCache } from "./memo-scheme.ts";
import { priorityOf } from "./priority.ts";
import type { IncidentRef, Match, MatchResult, SbomTarget } from "./types.ts";

/** Everything known about one vulnerability of the run. */
export interface VulnerabilityInfo {
  group: AliasGroup;
  intel: GroupIntel;
  records: IndexedRecord[];
}

export interface SessionResult extends MatchResult {
  /** By preferred id, for every vulnerability with at least one match. */
  vulnerabilities: Map<string, VulnerabilityInfo>;
  coverage: Coverage;
}

interface Decision {
  version: string | undefined;
  scheme: VersionScheme;
  hits: Hit[];
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export class MatchSession {
  readonly log = new DiagnosticLog();
  readonly #schemes = new SchemeCache();
  readonly index = new FeedIndex(this.log, this.#schemes);
  readonly #kev = new Map<string, KevEntry>();
  #epss: EpssData | undefined;

  /** Adds one feed file's reader output (records, KEV entries or EPSS scores, diagnostics). */
  addFeed(file: string, result: FeedReadResult): void {
    for (const d of result.diagnostics) this.log.note({ ...d });
    if (result.records) this.index.add(result.records, file);
    for (const entry of result.kev ?? []) this.#kev.set(idKey(entry.cve), entry);
    if (result.epss) {
      if (this.#epss === undefined) this.#epss = result.epss;
      else for (const [cve, score] of result.epss.scores) this.#epss.scores.set(cve, score);
    }
  }

  get kevSize(): number {
    return this.#kev.size;
  }

  get epssSize(): number {
    return this.#epss?.scores.size ?? 0;
  }

  /** The group of any id a record names (id or alias), if any. */
  groupOf(id: string): AliasGroup | undefined {
    this.index.build();
    return this.index.groupOfId(id);
  }

  /**
   * What the KEV catalog and EPSS say about an id no live record names (records hold the rest);
   * with `withdrawn` when a withdrawn record has that id.
   */
  intelFor(id: string): { intel: GroupIntel; withdrawn: boolean } {
    return {
      intel: groupIntel({ id, aliases: [] }, [], this.#kev, this.#epss),
      withdrawn: this.index.isWithdrawn(id),
    };
  }

  /** Matches every component of `targets`; `incidents` decide known vs new. */
  run(targets: readonly SbomTarget[], incidents: readonly IncidentRef[]): SessionResult {
    const run = this.start(incidents);
    for (const target of targets) run.add(target);
    return run.finish();
  }

  /**
   * A run fed one SBOM at a time (after all feeds were added), so that a large inventory need not
   * be held in memory at once: `add` each target, then `finish`.
   */
  start(incidents: readonly IncidentRef[]): { add(target: SbomTarget): void; finish(): SessionResult } {
    this.index.build();
    // Filled as targets arrive; coverage reads it when it compares incident version ranges.
    const schemes = new Map<string, string>();
    const coverage = new Coverage(incidents, schemes);
    const reader = new CandidateReader(this.#schemes, this.log);
    const vulnerabilities = new Map<string, VulnerabilityInfo>();
    const matches = new Map<string, Match>();
    /**
     * The hits of each component identity seen so far: product versions share most of their
     * components, and one look-up replaces reading and evaluating them again.
     */
    const decided = new Map<string, Decision>();
    const decidedByPurl = new Map<string, Decision>();
    let components = 0;
    let sboms = 0;
    const add = (target: SbomTarget): void => {
      sboms++;
      if (target.versionScheme) schemes.set(target.product, target.versionScheme);
      if (target.components.length === 0)
        this.log.warn(target.file, undefined, "the SBOM lists no components: nothing to match");
      for (const component of target.components) {
        components++;
        // What decides the hits: the purl, the version (when the purl has none) and the CPE. Most
        // components have a purl and nothing else that counts: the purl itself is their key.
        const { purl, cpe } = component;
        const plain =
          purl !== undefined &&
          cpe === undefined &&
          (component.version === undefined || purlHasVersion(purl));
        const memo = plain ? decidedByPurl : decided;
        const identity = plain ? purl : `${purl ?? ""}\0${component.version ?? ""}\0${cpe ?? ""}`;
        let decision = memo.get(identity);
        if (decision === undefined) {
          const before = this.log.noted;
          const candidate = reader.read(component, target.file);
          decision = {
            version: candidate.version,
            scheme: candidate.scheme ?? generic,
            hits: hitsFor(candidate, this.index, target.file, this.log),
          };
          // Warnings name the file and the component, so a component that raised one is read
          // again wherever it appears.
          if (this.log.noted === before) memo.set(identity, decision);
        }
        const { hits, scheme, version } = decision;
        for (const hit of hits) {
          const info = this.#info(hit.group, vulnerabilities);
          const identity = component.purl ?? hit.cpe ?? `${component.name}@${component.version ?? ""}`;
          const key = `${hit.group.id}\0${target.product}\0${target.productVersion}\0${identity}`;
          const existing = matches.get(key);
          if (existing) merge(existing, hit, scheme);
          else matches.set(key, this.#newMatch(target, component, version, hit, info, coverage));
        }
      }
    };
    const finish = (): SessionResult => ({
      matches: [...matches.values()].sort(
        (a, b) =>
          cmp(a.priority, b.priority) ||
          Number(b.new) - Number(a.new) ||
          compareIds(a.id, b.id) ||
          cmp(a.product, b.product) ||
          cmp(a.productVersion, b.productVersion) ||
          cmp(a.purl ?? a.cpe ?? a.component, b.purl ?? b.cpe ?? b.component),
      ),
      diagnostics: this.log.list(),
      stats: {
        sboms,
        components,
        records: this.index.size,
        withdrawn: this.index.withdrawnCount,
        vulnerabilities: vulnerabilities.size,
      },
      vulnerabilities,
      coverage,
    });
    return { add, finish };
  }

  #info(group: AliasGroup, cache: Map<string, VulnerabilityInfo>): VulnerabilityInfo {
    let info = cache.get(group.id);
    if (info === undefined) {
      const records = [group.id, ...group.aliases].flatMap((id) => this.index.recordsWithId(id));
      info = { group, records, intel: groupIntel(group, records, this.#kev, this.#epss) };
      cache.set(group.id, info);
    }
    return info;
  }

  #newMatch(
    target: SbomTarget,
    component: SbomTarget["components"][number],
    version: string | undefined,
    hit: Hit,
    info: VulnerabilityInfo,
    coverage: Coverage,
  ): Match {
    const { intel, group } = info;
    const match: Match = {
      id: group.id,
      aliases: group.aliases,
      product: target.product,
      productVersion: target.productVersion,
      sbom: target.file,
      component: component.group ? `${component.group}/${component.name}` : component.name,
      version: version ?? component.version ?? "",
      matchedBy: hit.via,
      confidence: hit.via === "purl" ? "high" : "low",
      affected: hit.affected,
      fixed: hit.fixed,
      priority: priorityOf({
        ...(intel.cvss ? { cvssScore: intel.cvss.score } : {}),
        kev: intel.kev !== undefined,
        ...(intel.epss ? { epss: intel.epss } : {}),
        ...(target.exposure ? { exposure: target.exposure } : {}),
      }),
      new: true,
      sources: [source(hit)],
    };
    if (intel.summary) match.summary = intel.summary;
    if (component.bomRef) match.bomRef = component.bomRef;
    if (component.purl) match.purl = component.purl;
    if (hit.cpe) match.cpe = hit.cpe;
    if (intel.cvss) match.cvss = intel.cvss;
    if (intel.kev) match.kev = intel.kev;
    if (intel.epss) match.epss = intel.epss;
    if (target.exposure) match.exposure = target.exposure;
    const known = coverage.lookup(group, target.product, target.productVersion);
    if (known) {
      match.known = known;
      match.new = known.analysis === null;
    }
    return match;
  }
}

const source = (hit: Hit): string => `${hit.record.id} (${hit.record.source})`;

/** Adds another hit of the same vulnerability on the same component. */
function merge(match: Match, hit: Hit, scheme: { compare(a: string, b: string): number }): void {
  const s = source(hit);
  if (!match.sources.includes(s)) match.sources.push(s);
  if (hit.via === "purl" && match.matchedBy === "cpe") {
    match.matchedBy = "purl";
    match.confidence = "high";
    delete match.cpe;
  }
  if (!`; ${match.affected}; `.includes(`; ${hit.affected}; `))
    match.affected = `${match.affected}; ${hit.affected}`;
  const fixed = new Set([...match.fixed, ...hit.fixed]);
  match.fixed = [...fixed].sort((a, b) => scheme.compare(a, b));
}
