import { runBacktest } from '../backtest/run-backtest.ts';
import { type BarSeries, createBarSeries } from '../data/bar-series.ts';
import type { Strategy } from './strategy.ts';

/** Where a strategy's decisions changed because bars after a cut changed: it reads the future. */
export type LookaheadFinding = {
  /** Index of the first bar after which the future was altered. */
  readonly cutIndex: number;
  /** Time (epoch ms) of the first bar whose decision differed, before the cut. */
  readonly firstDifferentBarTime: number;
  /** What differed there, in words. */
  readonly difference: string;
};

/** The gate's verdict on one strategy. */
export type LookaheadReport = {
  readonly passed: boolean;
  /** The cut points tried (bar indexes). */
  readonly cuts: readonly number[];
  readonly finding: LookaheadFinding | null;
};

type Decision = { readonly time: number; readonly text: string };

/**
 * The lookahead gate: runs the strategy over `bars`, then over copies whose bars after a cut point
 * are altered, and compares every decision made up to the cut (the orders placed on bars at or
 * before it, seen through their fills and rejections at the next open). A strategy that only
 * reads the past decides alike; any difference means it read a bar after the one it was given.
 *
 * `create` is given the series it will be fed (a sandboxed strategy batches from it) and must
 * return a fresh instance each call. Cut points default to 25 %, 50 % and 75 % of the bars.
 */
export function checkLookahead(options: {
  create: (bars: BarSeries) => Strategy;
  bars: BarSeries;
  cuts?: readonly number[];
}): LookaheadReport {
  const { bars, create } = options;
  const cuts = options.cuts ?? [0.25, 0.5, 0.75].map((share) => Math.floor(bars.length * share));
  const baseline = decisions(bars, create);
  for (const cut of cuts) {
    // Orders placed on bars up to the cut fill at the next bar's open, at the latest this time.
    const limit = bars.time[cut + 1] ?? Number.POSITIVE_INFINITY;
    const upToCut = (list: readonly Decision[]) =>
      list.filter((decision) => decision.time <= limit);
    const expected = upToCut(baseline);
    const seen = upToCut(decisions(alterAfter(bars, cut), create));
    for (let i = 0; i < Math.max(expected.length, seen.length); i++) {
      const was = expected[i];
      const now = seen[i];
      if (was?.text === now?.text && was?.time === now?.time) continue;
      const time = Math.min(was?.time ?? limit, now?.time ?? limit);
      const cutTime = new Date(bars.time[cut] as number).toISOString();
      return {
        passed: false,
        cuts,
        finding: {
          cutIndex: cut,
          firstDifferentBarTime: time,
          difference: `with the bars after ${cutTime} changed, the order filled at ${new Date(time).toISOString()} changed from ${was?.text ?? 'none'} to ${now?.text ?? 'none'}`,
        },
      };
    }
  }
  return { passed: true, cuts, finding: null };
}

/** Every order the strategy placed, keyed by the time of the bar it was placed on. */
function decisions(bars: BarSeries, create: (bars: BarSeries) => Strategy): Decision[] {
  const result = runBacktest({
    bars: { X: bars },
    strategy: { factory: () => create(bars) },
    initialCash: 1_000_000,
    sizing: { type: 'fixed', quantity: 1 },
  });
  const placed: Decision[] = [
    ...result.fills.map((fill) => ({ time: fill.time, text: `${fill.side} ${fill.quantity}` })),
    ...result.rejections.map((rejection) => ({
      time: rejection.time,
      text: `${rejection.order.side} ${rejection.order.quantity} (refused)`,
    })),
  ];
  return placed.sort((a, b) => a.time - b.time);
}

/** A copy whose bars after `cut` move the other way: each later return is mirrored. */
function alterAfter(bars: BarSeries, cut: number): BarSeries {
  const copy = createBarSeries(bars.length);
  for (const column of ['time', 'open', 'high', 'low', 'close', 'volume'] as const) {
    copy[column].set(bars[column]);
  }
  const pivot = bars.close[cut] as number;
  for (let i = cut + 1; i < bars.length; i++) {
    // Mirror every price around the cut's close in log space: ups become downs.
    for (const column of ['open', 'high', 'low', 'close'] as const) {
      copy[column][i] = (pivot * pivot) / (bars[column][i] as number);
    }
    const high = copy.high[i] as number;
    copy.high[i] = copy.low[i] as number;
    copy.low[i] = high;
    copy.volume[i] = (bars.volume[i] as number) * 2;
  }
  return copy;
}
