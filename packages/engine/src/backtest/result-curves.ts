import { MAX_CURVE_POINTS } from '@tradewind/core';
import { drawdownCurve, fillDrawdown } from '../metrics/drawdown.ts';
import {
  allPeriodReturns,
  type PeriodReturn,
  recentPeriodReturnsOf,
} from '../metrics/period-returns.ts';
import { downsampleCurve } from './downsample-curve.ts';

/**
 * How much of the curves a backtest result keeps:
 * - `full`: the equity and drawdown at every step and every period return;
 * - `bounded`: as the server stores a result, the curves downsampled to at most
 *   {@link MAX_CURVE_POINTS} and the most recent {@link MAX_CURVE_POINTS} period returns of
 *   each kind, built directly from the recorded steps (never the full curves first);
 * - `metrics`: no curves and no period returns (grid searches and optimisers rank metrics).
 */
export type ResultDetail = 'full' | 'bounded' | 'metrics';

/** The curve parts of a backtest result. */
export type ResultCurves = {
  readonly equityCurve: { readonly times: readonly number[]; readonly equity: readonly number[] };
  readonly drawdownCurve: readonly number[];
  readonly periodReturns: {
    readonly daily: readonly PeriodReturn[];
    readonly weekly: readonly PeriodReturn[];
    readonly monthly: readonly PeriodReturn[];
  };
  /** Period returns left out of `periodReturns` (the earliest ones), per kind. */
  readonly periodReturnsOmitted: {
    readonly daily: number;
    readonly weekly: number;
    readonly monthly: number;
  };
};

const NONE = { daily: 0, weekly: 0, monthly: 0 } as const;

/** The curve parts kept at `detail` of the recorded steps (`times`, `equity`). */
export function resultCurves(
  detail: ResultDetail,
  times: Float64Array,
  equity: Float64Array,
): ResultCurves {
  if (detail === 'metrics') {
    return {
      equityCurve: { times: [], equity: [] },
      drawdownCurve: [],
      periodReturns: { daily: [], weekly: [], monthly: [] },
      periodReturnsOmitted: NONE,
    };
  }
  if (detail === 'bounded') {
    const drawdown = fillDrawdown(equity, new Float64Array(equity.length));
    const curve = downsampleCurve({ times, equity, drawdown }, MAX_CURVE_POINTS);
    const { omitted, ...periodReturns } = recentPeriodReturnsOf(times, equity, MAX_CURVE_POINTS);
    return {
      equityCurve: { times: curve.times, equity: curve.equity },
      drawdownCurve: curve.drawdown,
      periodReturns,
      periodReturnsOmitted: omitted,
    };
  }
  return {
    equityCurve: { times: toNumbers(times), equity: toNumbers(equity) },
    drawdownCurve: drawdownCurve(equity),
    periodReturns: allPeriodReturns(times, equity),
    periodReturnsOmitted: NONE,
  };
}

/** Copies the values into a plain array (JSON-friendly; 6x faster than Array.from). */
function toNumbers(values: Float64Array): number[] {
  const count = values.length;
  const result = new Array<number>(count);
  for (let i = 0; i < count; i++) result[i] = values[i] as number;
  return result;
}
