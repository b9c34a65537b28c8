/** Distributions, not single times: the bench runs on shared, noisy machines. */
export function quantile(values: number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

export const median = (values: number[]): number => quantile(values, 0.5);

/** Median with the middle half (p25–p75), the spread the report shows. */
export function distribution(values: number[]): { median: number; p25: number; p75: number; p95: number; min: number; max: number; n: number } {
  return {
    median: quantile(values, 0.5),
    p25: quantile(values, 0.25),
    p75: quantile(values, 0.75),
    p95: quantile(values, 0.95),
    min: Math.min(...values),
    max: Math.max(...values),
    n: values.length,
  };
}

export type Distribution = ReturnType<typeof distribution>;

/** One row of the report. `value` is what the goal is about (a median, a p95, a ratio…). */
export interface Figure {
  id: number;
  name: string;
  unit: string;
  /** The measured distribution (of the figure itself, or of the app's side when there is a baseline). */
  measured: Distribution;
  baseline: Distribution | null;
  /** measured.median / baseline.median, when there is a baseline (or the median of paired runs' ratios). */
  ratio: number | null;
  /** The middle half of the paired runs' ratios, where runs are paired with their baseline. */
  ratioSpread?: { p25: number; p75: number };
  /** What the goal compares, e.g. "ratio", "p95", "median". */
  compared: string;
  value: number;
  goal: string;
  /** null in smoke mode: one short iteration, nothing checked. */
  met: boolean | null;
  notes?: string[];
}

export interface BenchContext {
  smoke: boolean;
  /** Repetitions: many in a real run, one in smoke mode. */
  reps(n: number): number;
}

/** A figure judged by its 95th percentile against a limit, with no baseline (loopback latencies). */
export function p95Figure(id: number, name: string, values: number[], limitMs: number, counted: string): Figure {
  const d = distribution(values);
  return { id, name, unit: 'ms', measured: d, baseline: null, ratio: null, compared: 'p95', value: d.p95, goal: `p95 ≤ ${limitMs} ms`, met: d.p95 <= limitMs, notes: [`${d.n} ${counted}`] };
}
