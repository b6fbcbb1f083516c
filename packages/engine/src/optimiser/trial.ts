import { isDomainError } from '@tradewind/core';
import { runBacktest } from '../backtest/run-backtest.ts';
import type { BarSeries } from '../data/bar-series.ts';
import type { PerformanceMetrics } from '../metrics/performance-metrics.ts';
import type { Sizing } from '../strategy/sizing.ts';

/** The in-sample part of the bars (searched) or the out-of-sample rest (checked afterwards). */
export type Sample = 'in' | 'out';

/** One backtest an optimisation asks for. */
export type TrialRequest = {
  readonly params: Readonly<Record<string, number>>;
  readonly sample: Sample;
};

/** Its metrics, or why the parameters cannot run (e.g. fast not below slow). */
export type TrialAnswer = { readonly metrics: PerformanceMetrics } | { readonly invalid: string };

/** What every trial of one optimisation shares: plain data, so a worker thread can hold it. */
export type TrialData = {
  readonly symbol: string;
  readonly bars: BarSeries;
  readonly strategy: string;
  readonly initialCash: number;
  readonly commission?: number;
  readonly slippage?: number;
  readonly sizing: Sizing;
  readonly seed?: number;
  readonly periodsPerYear?: number;
  /** Share of the bars, at the end, kept out of the search (0..0.9). */
  readonly outOfSample: number;
};

/**
 * Runs one trial: the strategy with `params` over the in-sample bars (all but the last
 * `outOfSample` share) or over the out-of-sample ones (warmed up on the bars before them), with
 * only metrics kept. Invalid parameters answer `invalid` instead of throwing.
 */
export function runTrial(data: TrialData, request: TrialRequest): TrialAnswer {
  const split = outOfSampleStart(data);
  const time = data.bars.time;
  try {
    const result = runBacktest({
      bars: { [data.symbol]: data.bars },
      strategy: { name: data.strategy, params: request.params },
      initialCash: data.initialCash,
      commission: data.commission,
      slippage: data.slippage,
      sizing: data.sizing,
      seed: data.seed,
      periodsPerYear: data.periodsPerYear,
      detail: 'metrics',
      ...(request.sample === 'in'
        ? split < data.bars.length && { endTime: (time[split] as number) - 1 }
        : { startTime: time[Math.min(split, data.bars.length - 1)] as number }),
    });
    return { metrics: result.metrics };
  } catch (error) {
    if (isDomainError(error) && error.code === 'VALIDATION_ERROR')
      return { invalid: error.message };
    throw error;
  }
}

/** Index of the first out-of-sample bar. */
export function outOfSampleStart(data: Pick<TrialData, 'bars' | 'outOfSample'>): number {
  return Math.max(1, Math.round(data.bars.length * (1 - data.outOfSample)));
}
