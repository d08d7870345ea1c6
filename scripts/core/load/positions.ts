/** Source positions by JSON pointer, so that every finding can name a line and column. */

export interface Position {
  line: number;
  column: number;
}

export interface Positions {
  /** Position of the value at `pointer` (or of its closest existing ancestor). */
  at(pointer: string): Position;
  /** Position of the key of the entry at `pointer`, falling back to the value. */
  keyAt(pointer: string): Position;
}

export function escapePointer(segment: string | number): string {
  return String(segment).replace(/~/g, "~0").replace(/\//g, "~1");
}

export function toPointer(path: readonly PropertyKey[]): string {
  return path.map((s) => `/${escapePointer(typeof s === "symbol" ? String(s) : s)}`).join("");
}

export function parentPointer(pointer: string): string {
  const i = pointer.lastIndexOf("/");
  return i <= 0 ? "" : pointer.slice(0, i);
}

/** Positions backed by two maps filled by a parser. */
export class PositionTable implements Positions {
  readonly values = new Map<string, Position>();
  readonly keys = new Map<string, Position>();
  readonly fallback: Position;

  constructor(fallback: Position = { line: 1, column: 1 }) {
    this.fallback = fallback;
  }

  at(pointer: string): Position {
    for (let p = pointer; ; p = parentPointer(p)) {
      const found = this.values.get(p);
      if (found) return found;
      if (p === "") return this.fallback;
    }
  }

  keyAt(pointer: string): Position {
    return this.keys.get(pointer) ?? this.at(pointer);
  }
}
