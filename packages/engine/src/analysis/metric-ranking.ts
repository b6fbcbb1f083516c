import { type ComparisonMetric, ZComparisonMetric } from '@tradewind/core';
import type { PerformanceMetrics } from '../metrics/performance-metrics.ts';

/**
 * Metrics that strategies can be ranked or optimised on: the backtest contract's comparison
 * metrics (`ZComparisonMetric`), spelled as in `PerformanceMetrics`.
 */
export const ZRankingMetric = ZComparisonMetric;
export type RankingMetric = ComparisonMetric;

// Risks and costs: less is better. Everything else: more is better.
const LOWER_IS_BETTER: ReadonlySet<RankingMetric> = new Set([
  'maxDrawdown',
  'annualizedVolatility',
  'totalFees',
]);

/** True when a smaller value of `metric` is the better one. */
export function lowerIsBetter(metric: RankingMetric): boolean {
  return LOWER_IS_BETTER.has(metric);
}

/** The value of `metric`, `null` where it is undefined (a ratio without volatility, say). */
export function metricValue(metrics: PerformanceMetrics, metric: RankingMetric): number | null {
  return metrics[metric];
}

/**
 * Orders `a` before `b` when its value of `metric` is better; undefined (`null`) values come
 * last. Stable sorts keep ties in their given order.
 */
export function compareByMetric(
  a: PerformanceMetrics,
  b: PerformanceMetrics,
  metric: RankingMetric,
): number {
  const x = metricValue(a, metric);
  const y = metricValue(b, metric);
  if (x === null || y === null) return x === null ? (y === null ? 0 : 1) : -1;
  return lowerIsBetter(metric) ? x - y : y - x;
}
