import { DomainError, MAX_COMPARED_STRATEGIES, MIN_COMPARED_STRATEGIES } from '@tradewind/core';
import { z } from 'zod';
import type { BacktestOptions } from '../backtest/backtest-options.ts';
import { runBacktest } from '../backtest/run-backtest.ts';
import type { PerformanceMetrics } from '../metrics/performance-metrics.ts';
import {
  compareByMetric,
  metricValue,
  type RankingMetric,
  ZRankingMetric,
} from './metric-ranking.ts';

/** Which metrics a comparison reports, and which one orders it (default: the first). */
export const ZCompareSettings = z.strictObject({
  metrics: z
    .array(ZRankingMetric)
    .min(1)
    .default(['totalReturn', 'sharpeRatio', 'maxDrawdown', 'winRate', 'totalTrades']),
  rankBy: ZRankingMetric.optional(),
});
export type CompareSettings = z.input<typeof ZCompareSettings>;

/** One contender: a registered strategy with parameters, and the name to show it under. */
export type ComparedStrategy = {
  readonly name: string;
  readonly params?: unknown;
  readonly label?: string;
};

export type CompareOptions = Omit<BacktestOptions, 'strategy' | 'monteCarlo' | 'onProgress'> & {
  readonly strategies: readonly ComparedStrategy[];
  readonly settings?: CompareSettings;
};

export type ComparisonEntry = {
  readonly label: string;
  readonly strategy: string;
  readonly params: Readonly<Record<string, unknown>>;
  /** Place on `rankBy`, 1 = best; tied values share a place (1, 2, 2, 4). */
  readonly rank: number;
  /** The chosen metrics' values (`null` where undefined) and each one's place among all. */
  readonly values: Readonly<Partial<Record<RankingMetric, number | null>>>;
  readonly ranks: Readonly<Partial<Record<RankingMetric, number>>>;
  readonly metrics: PerformanceMetrics;
};

export type ComparisonResult = {
  readonly metrics: readonly RankingMetric[];
  readonly rankBy: RankingMetric;
  /** Best first. */
  readonly entries: readonly ComparisonEntry[];
};

/**
 * Backtests 2-10 strategies over the same bars, costs and period, and ranks them on each chosen
 * metric (risks and costs: lower is better; undefined values rank last).
 *
 * @throws DomainError `VALIDATION_ERROR` for fewer than 2 or more than 10 strategies, bad
 *   settings, or anything {@link runBacktest} refuses (naming the strategy).
 */
export function compareStrategies(options: CompareOptions): ComparisonResult {
  const { strategies, settings, ...backtest } = options;
  const count = strategies.length;
  if (count < MIN_COMPARED_STRATEGIES || count > MAX_COMPARED_STRATEGIES) {
    throw new DomainError(
      'VALIDATION_ERROR',
      `compare takes ${MIN_COMPARED_STRATEGIES} to ${MAX_COMPARED_STRATEGIES} strategies (got ${count})`,
      { field: 'strategies' },
    );
  }
  const parsed = ZCompareSettings.safeParse(settings ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = ['settings', ...(issue?.path ?? [])].join('.');
    throw new DomainError('VALIDATION_ERROR', `${field}: ${issue?.message}`, { field });
  }
  const { metrics } = parsed.data;
  const rankBy = parsed.data.rankBy ?? (metrics[0] as RankingMetric);
  const shown = metrics.includes(rankBy) ? metrics : [...metrics, rankBy];

  const runs = strategies.map((strategy, index) => {
    const result = runBacktest({
      ...backtest,
      strategy: { name: strategy.name, params: strategy.params },
      detail: 'metrics',
    });
    const params = result.strategy.params;
    const label =
      strategy.label ??
      `${result.strategy.name}(${Object.entries(params)
        .map(([key, value]) => `${key}=${String(value)}`)
        .join(', ')})`;
    return { index, label, strategy: result.strategy.name, params, metrics: result.metrics };
  });
  const labels = runs.map((run) => run.label);
  const repeated = labels.find((label, index) => labels.indexOf(label) !== index);
  if (repeated !== undefined) {
    throw new DomainError('VALIDATION_ERROR', `"${repeated}" is compared twice`, {
      field: 'strategies',
    });
  }

  const places = new Map<RankingMetric, number[]>();
  for (const metric of shown) places.set(metric, competitionRanks(runs, metric));
  const entries = runs.map((run): ComparisonEntry => {
    const values: Partial<Record<RankingMetric, number | null>> = {};
    const ranks: Partial<Record<RankingMetric, number>> = {};
    for (const metric of shown) {
      values[metric] = metricValue(run.metrics, metric);
      ranks[metric] = places.get(metric)?.[run.index] as number;
    }
    return {
      label: run.label,
      strategy: run.strategy,
      params: run.params,
      rank: ranks[rankBy] as number,
      values,
      ranks,
      metrics: run.metrics,
    };
  });
  // Stable: equal ranks keep the order the strategies were given in.
  entries.sort((a, b) => a.rank - b.rank);
  return { metrics: shown, rankBy, entries };
}

/** Place of each run on `metric` (1 = best), ties sharing the better place. */
function competitionRanks(
  runs: readonly { index: number; metrics: PerformanceMetrics }[],
  metric: RankingMetric,
): number[] {
  const order = [...runs].sort((a, b) => compareByMetric(a.metrics, b.metrics, metric));
  const ranks = new Array<number>(runs.length);
  order.forEach((run, position) => {
    const previous = order[position - 1];
    const tied =
      previous !== undefined && compareByMetric(previous.metrics, run.metrics, metric) === 0;
    ranks[run.index] = tied ? (ranks[previous.index] as number) : position + 1;
  });
  return ranks;
}
