import { MAX_CURVE_POINTS } from '@tradewind/core';
import { describe, expect, it } from 'vitest';
import { randomWalkBars } from '../analysis/test-bars.ts';
import { runBacktest } from './run-backtest.ts';
import { recentPeriodReturns, storedCurves } from './stored-result.ts';

const OPTIONS = {
  initialCash: 100_000,
  commission: 0.001,
  sizing: { type: 'fixed', quantity: 100 },
  strategy: { name: 'MovingAverage', params: { fast: 5, slow: 20 } },
  // 9,000 days: more daily (and, over 25 years, weekly) periods than a bounded result keeps.
  bars: { X: randomWalkBars(9000, 7) },
} as const;

describe('runBacktest detail', () => {
  const full = runBacktest(OPTIONS);

  it('bounded: the full result capped as the server stores it, built directly', () => {
    const bounded = runBacktest({ ...OPTIONS, detail: 'bounded' });
    expect(bounded.metrics).toEqual(full.metrics);
    expect(bounded.closedTrades).toEqual(full.closedTrades);
    expect(bounded.period).toEqual({
      startTime: full.equityCurve.times[0],
      endTime: full.equityCurve.times.at(-1),
      bars: 9000,
    });
    const curves = storedCurves(full.equityCurve, full.drawdownCurve);
    expect(bounded.equityCurve).toEqual(curves.equityCurve);
    expect(bounded.drawdownCurve).toEqual(curves.drawdownCurve);
    expect(bounded.equityCurve.times.length).toBeLessThanOrEqual(MAX_CURVE_POINTS);
    for (const kind of ['daily', 'weekly', 'monthly'] as const) {
      const expected = recentPeriodReturns(full.periodReturns[kind]);
      expect(bounded.periodReturns[kind], kind).toEqual(expected.returns);
      expect(bounded.periodReturnsOmitted[kind], kind).toBe(expected.omitted);
      expect(full.periodReturnsOmitted[kind]).toBe(0);
    }
    expect(bounded.periodReturnsOmitted.daily).toBe(8000);
    expect(bounded.periodReturnsOmitted.weekly).toBeGreaterThan(0);
    expect(bounded.periodReturnsOmitted.monthly).toBe(0);
  });

  it('metrics: the same metrics and trades, no curves', () => {
    const metricsOnly = runBacktest({ ...OPTIONS, detail: 'metrics' });
    expect(metricsOnly.metrics).toEqual(full.metrics);
    expect(metricsOnly.fills).toEqual(full.fills);
    expect(metricsOnly.period).toEqual(full.period);
    expect(metricsOnly.equityCurve.times).toEqual([]);
    expect(metricsOnly.periodReturns.daily).toEqual([]);
  });
});
