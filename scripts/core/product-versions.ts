/** Version ranges over a product's declared scheme (adapter over scripts/core/versions/range.ts). */
import { inRange, parseRange } from "./versions/range.ts";

export type CompiledRange =
  | { ok: true; text: string; contains(version: string): boolean }
  | { ok: false; error: string };

export function compileRange(text: string, scheme: string): CompiledRange {
  const parsed = parseRange(text, scheme);
  if (!parsed.ok) return { ok: false, error: parsed.error };
  const range = parsed.range;
  return { ok: true, text, contains: (v: string) => inRange(v, range) };
}
