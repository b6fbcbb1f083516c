import { TIMEFRAME_MS, type Timeframe } from '@tradewind/core';

export { TIMEFRAME_MS };

/** Bars of `timeframe` in a 365-day year, to annualise ratios computed on per-bar equity. */
export function barsPerYear(timeframe: Timeframe): number {
  return (365 * 86_400_000) / TIMEFRAME_MS[timeframe];
}
