/**
 * Collects matching diagnostics without flooding: problems of one kind in one source are reported
 * once, naming the first record and counting the others.
 */
import type { MatchDiagnostic } from "./types.ts";

interface Entry {
  first: MatchDiagnostic;
  count: number;
}

export class DiagnosticLog {
  readonly #entries = new Map<string, Entry>();
  #noted = 0;

  /** How many problems were noted so far (grouped or not). */
  get noted(): number {
    return this.#noted;
  }

  /**
   * Notes a problem. `kind` groups problems of one sort within one source (e.g. "unknown ecosystem
   * Foo"); without it every problem is its own entry.
   */
  note(diagnostic: MatchDiagnostic, kind?: string): void {
    this.#noted++;
    const key =
      kind === undefined
        ? `${diagnostic.source}\0${diagnostic.record ?? ""}\0${diagnostic.message}`
        : `${diagnostic.source}\0${kind}`;
    const entry = this.#entries.get(key);
    if (entry) entry.count++;
    else this.#entries.set(key, { first: diagnostic, count: 1 });
  }

  warn(source: string, record: string | undefined, message: string, kind?: string): void {
    this.note(
      record === undefined
        ? { severity: "warning", source, message }
        : { severity: "warning", source, record, message },
      kind,
    );
  }

  /** Every diagnostic, in the order first noted; grouped ones say how many more there were. */
  list(): MatchDiagnostic[] {
    return [...this.#entries.values()].map(({ first, count }) =>
      count === 1 ? first : { ...first, message: `${first.message} (and ${count - 1} more like it)` },
    );
  }
}
