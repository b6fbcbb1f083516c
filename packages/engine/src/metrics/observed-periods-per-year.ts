const YEAR_MS = 365.25 * 86_400_000;

/**
 * Bars per year a series actually has, to annualise its ratios by the bars' own timeframe and
 * calendar rather than a fixed 252 or 365: `(n - 1) / years`, where `years` is the time from
 * the first to the last bar over a 365.25-day year. Daily stock bars (no weekends, holidays)
 * give about 252, daily crypto bars 365, one-minute bars of a 24/7 market 525,960.
 *
 * Undefined for fewer than two bars (nothing to observe; annualised ratios are null then anyway).
 */
export function observedPeriodsPerYear(times: ArrayLike<number>): number | undefined {
  const n = times.length;
  if (n < 2) return undefined;
  const years = ((times[n - 1] as number) - (times[0] as number)) / YEAR_MS;
  return years > 0 ? (n - 1) / years : undefined;
}
