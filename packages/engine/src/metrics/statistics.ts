/** Arithmetic mean; NaN for an empty list. */
export function mean(values: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i] as number;
  return values.length === 0 ? Number.NaN : sum / values.length;
}

/** Sample standard deviation (divides by n - 1, Bessel's correction); NaN below two values. */
export function sampleStandardDeviation(values: ArrayLike<number>): number {
  const n = values.length;
  if (n < 2) return Number.NaN;
  const average = mean(values);
  let squares = 0;
  for (let i = 0; i < n; i++) {
    const deviation = (values[i] as number) - average;
    squares += deviation * deviation;
  }
  return Math.sqrt(squares / (n - 1));
}

/**
 * The `p`-th percentile (0..100) of values already sorted ascending, by linear interpolation
 * between closest ranks: rank `h = (n - 1) * p / 100`, value `x[⌊h⌋] + (h - ⌊h⌋)(x[⌊h⌋+1] - x[⌊h⌋])`
 * (Hyndman–Fan type 7, the default of NumPy, R and Excel's PERCENTILE.INC). NaN when empty.
 */
export function percentileOfSorted(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const rank = ((n - 1) * p) / 100;
  const lower = Math.floor(rank);
  const upper = Math.min(lower + 1, n - 1);
  const low = sorted[lower] as number;
  return low + (rank - lower) * ((sorted[upper] as number) - low);
}
