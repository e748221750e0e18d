/** The median of `values` (mean of the middle two for an even count). */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Medians of every numeric field of a list of results with the same shape. */
export function medianOfFields<T extends object>(runs: readonly T[]): Record<string, number> {
  const fields: Record<string, number[]> = {};
  for (const run of runs) {
    for (const [key, value] of Object.entries(run)) {
      if (typeof value !== 'number') continue;
      fields[key] = [...(fields[key] ?? []), value];
    }
  }
  return Object.fromEntries(Object.entries(fields).map(([key, values]) => [key, median(values)]));
}
