/** Sizes of limits for messages, shared by `feeds pull` and `verify`. */

/** "1 GiB", "256 MiB", "100 KiB", "1000 bytes": a limit as it was set. */
export function binarySize(n: number): string {
  for (const [unit, size] of [
    ["GiB", 2 ** 30],
    ["MiB", 2 ** 20],
    ["KiB", 2 ** 10],
  ] as const) {
    if (n >= size && n % size === 0) return `${n / size} ${unit}`;
  }
  return `${n} bytes`;
}
