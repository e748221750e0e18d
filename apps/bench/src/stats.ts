/** The median of `values` (mean of the middle two for an even count). */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Medians of every numeric field of a list of results with the same shape. */
export function medianOfFields<T extends object>(runs: readonly T[]): { [K in keyof T]: number } {
  const fields: Record<string, number[]> = {};
  for (const run of runs) {
    for (const [key, value] of Object.entries(run)) {
      if (typeof value !== 'number') continue;
      fields[key] = [...(fields[key] ?? []), value];
    }
  }
  return Object.fromEntries(
    Object.entries(fields).map(([key, values]) => [key, median(values)]),
  ) as { [K in keyof T]: number };
}

/**
 * The median, over repetitions, of `field` in `key`'s run divided by the same field in `baseKey`'s
 * run of the same repetition. Timings drift with the shared machine's load; two runs side by side
 * drift together, so their ratio is steadier than the ratio of the two medians.
 */
export function pairedRatio(
  runs: ReadonlyMap<string, readonly object[]>,
  key: string,
  baseKey: string,
  field: string,
): number {
  const keyRuns = (runs.get(key) ?? []) as Record<string, number>[];
  const baseRuns = (runs.get(baseKey) ?? []) as Record<string, number>[];
  return median(keyRuns.map((run, index) => run[field]! / baseRuns[index]![field]!));
}
