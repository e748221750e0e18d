/** One line of results.json. */
export interface BenchResult {
  /** Stable id, e.g. `m3.scrollFrameP95Ratio`. */
  id: string;
  /** The kit's measurement (median of the repetitions). */
  value: number;
  unit: string;
  /** The baseline's measurement in the same run, or null when the goal is absolute. */
  baseline: number | null;
  /** value / baseline when both exist. */
  ratio: number | null;
  /** The goal as text, e.g. "<= 1.05x" or "= 0". */
  goal: string;
  pass: boolean;
}

/** Builds a result, computing the ratio when there is a baseline. */
export function result(
  fields: Omit<BenchResult, 'ratio' | 'baseline'> & {
    baseline?: number | null;
    /** A ratio measured otherwise (e.g. the median of per-repetition ratios); default value/baseline. */
    ratio?: number;
  },
): BenchResult {
  const baseline = fields.baseline ?? null;
  const ratio =
    fields.ratio ??
    (baseline === null || baseline === 0 || !Number.isFinite(baseline)
      ? null
      : fields.value / baseline);
  return {
    id: fields.id,
    value: round(fields.value),
    unit: fields.unit,
    baseline: baseline === null ? null : round(baseline),
    ratio: ratio === null ? null : round(ratio),
    goal: fields.goal,
    pass: fields.pass,
  };
}

function round(value: number): number {
  return Number.isFinite(value) ? Math.round(value * 1000) / 1000 : value;
}
