/** The bytes of generated JSON: one serialisation for every CSAF document, hash and signature. */

/**
 * JSON text with 2-space indentation and a trailing newline. Keys keep the order in which the
 * document was built (the builders insert them alphabetically), so equal input gives equal bytes.
 * `undefined` properties are dropped, as JSON.stringify does.
 */
export function stableStringify(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
