/**
 * Known or new: a finding is known when an incident lists the vulnerability (or one of its
 * aliases) and has an analysis entry whose version range contains the product version. When the
 * incidents listing it analyse other products or versions only (a release shipped after the
 * analysis, a fix that regressed), the coverage names the incident with analysis `null`: the
 * finding stays new, and belongs in that incident rather than in another one.
 */
import { compileRange } from "../product-versions.ts";
import { type AliasGroup, idKey } from "./aliases.ts";
import type { IncidentRef, KnownCoverage } from "./types.ts";

export class Coverage {
  readonly #byId = new Map<string, IncidentRef[]>();
  readonly #schemes: ReadonlyMap<string, string>;
  readonly #ranges = new Map<string, ((v: string) => boolean) | null>();

  /** `schemes`: product id → its declared version scheme. */
  constructor(incidents: readonly IncidentRef[], schemes: ReadonlyMap<string, string>) {
    this.#schemes = schemes;
    const sorted = [...incidents].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    for (const incident of sorted) {
      for (const id of new Set(incident.data.vulnerabilities.map(idKey))) {
        const list = this.#byId.get(id);
        if (list) list.push(incident);
        else this.#byId.set(id, [incident]);
      }
    }
  }

  /** Incidents listing any id of the group (sorted by id, each once). */
  incidentsFor(group: AliasGroup): IncidentRef[] {
    const found = new Set<IncidentRef>();
    for (const id of [group.id, ...group.aliases])
      for (const i of this.#byId.get(idKey(id)) ?? []) found.add(i);
    return [...found].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  /**
   * The incident analysing this product version (first by id), else the first incident listing
   * the vulnerability with analysis `null`; undefined when no incident lists it.
   */
  lookup(group: AliasGroup, product: string, version: string): KnownCoverage | undefined {
    let first: KnownCoverage | undefined;
    for (const incident of this.incidentsFor(group)) {
      const hit = incident.data.analysis.find(
        (a) => a.product === product && this.#contains(product, a.versions, version),
      );
      const coverage: KnownCoverage = {
        incident: incident.id,
        incidentState: incident.data.state,
        analysis: hit?.state ?? null,
      };
      if (hit) return coverage;
      first ??= coverage;
    }
    return first;
  }

  #contains(product: string, range: string, version: string): boolean {
    const key = `${product}\0${range}`;
    let test = this.#ranges.get(key);
    if (test === undefined) {
      const compiled = compileRange(range, this.#schemes.get(product) ?? "generic");
      test = compiled.ok ? compiled.contains : null;
      this.#ranges.set(key, test);
    }
    return test === null ? false : test(version);
  }
}
