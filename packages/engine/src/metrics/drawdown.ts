/** The worst peak-to-trough fall of an equity series. */
export type MaxDrawdown = {
  /** Largest `1 - equity / running peak`, as a fraction in 0..1 (0.25 = 25 % below the peak). */
  readonly maxDrawdown: number;
  /** Index of the peak before the deepest trough, and of that trough. */
  readonly peakIndex: number;
  readonly troughIndex: number;
  /**
   * Longest time under water, in bars: from a peak to the first bar back at or above it (or to
   * the last bar when it never recovers). It need not be the deepest drawdown's episode.
   */
  readonly longestDurationBars: number;
};

/**
 * Drawdown at each point: `1 - equity[t] / max(equity[0..t])`, a fraction ≥ 0 (0 at a new high).
 * Positive by convention, so "max drawdown 0.2" reads as "20 % below the peak".
 */
export function drawdownCurve(equity: ArrayLike<number>): number[] {
  return fillDrawdown(equity, new Array<number>(equity.length));
}

/** {@link drawdownCurve} written into `curve` (a typed array: no garbage), which it returns. */
export function fillDrawdown<T extends { [index: number]: number }>(
  equity: ArrayLike<number>,
  curve: T,
): T {
  let peak = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < equity.length; i++) {
    const value = equity[i] as number;
    if (value > peak) peak = value;
    curve[i] = peak > 0 ? 1 - value / peak : 0;
  }
  return curve;
}

/** Depth and duration of the worst drawdown; zeros for a series that never falls. */
export function maxDrawdown(equity: ArrayLike<number>): MaxDrawdown {
  let peak = Number.NEGATIVE_INFINITY;
  let peakIndex = 0;
  let underwater = false;
  let worst = 0;
  let worstPeak = 0;
  let worstTrough = 0;
  let longest = 0;
  for (let i = 0; i < equity.length; i++) {
    const value = equity[i] as number;
    if (value >= peak) {
      // Back at or above the running peak: an episode under water (if any) ends here.
      if (underwater) longest = Math.max(longest, i - peakIndex);
      underwater = false;
      peak = value;
      peakIndex = i;
      continue;
    }
    underwater = true;
    const depth = peak > 0 ? 1 - value / peak : 0;
    if (depth > worst) {
      worst = depth;
      worstPeak = peakIndex;
      worstTrough = i;
    }
  }
  if (underwater) longest = Math.max(longest, equity.length - 1 - peakIndex);
  return {
    maxDrawdown: worst,
    peakIndex: worstPeak,
    troughIndex: worstTrough,
    longestDurationBars: longest,
  };
}
