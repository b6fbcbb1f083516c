import { describe, expect, it } from 'vitest';
import movingAverageFile from '../../examples/moving-average.strategy.ts';
import { randomWalkBars } from '../analysis/test-bars.ts';
import { type BarSeries, toBarSeries } from '../data/bar-series.ts';
import { checkLookahead } from './lookahead-gate.ts';
import { moduleStrategyDefinition } from './module-definition.ts';
import type { Strategy } from './strategy.ts';
import type { StrategyModule } from './strategy-module.ts';
import { STRATEGY_REGISTRY } from './strategy-registry.ts';

const BARS = toBarSeries(randomWalkBars(800, 5));

/** A cheat: it is handed the series it is fed and trades on the next bar's close. */
function nextCloseCheat(series: BarSeries): Strategy {
  let index = 0;
  return {
    name: 'NextClose',
    warmupBars: 0,
    onBar(bar, context) {
      const next = series.close[index + 1] ?? bar.close;
      index++;
      const held = context.broker.positionQuantity(context.symbol);
      if (next > bar.close && held === 0)
        context.broker.submitMarketOrder(context.symbol, 'BUY', 1);
      if (next < bar.close && held > 0)
        context.broker.submitMarketOrder(context.symbol, 'SELL', held);
    },
  };
}

describe('the lookahead gate', () => {
  it.each([...STRATEGY_REGISTRY.keys()])('passes the built-in %s', (name) => {
    const definition = STRATEGY_REGISTRY.get(name);
    const report = checkLookahead({ bars: BARS, create: () => definition?.create() as Strategy });
    expect(report).toEqual({ passed: true, cuts: [200, 400, 600], finding: null });
  });

  it('passes the MovingAverage strategy file', () => {
    const definition = moduleStrategyDefinition(movingAverageFile as StrategyModule);
    expect(checkLookahead({ bars: BARS, create: () => definition.create() }).passed).toBe(true);
  });

  it("catches a strategy that trades on the next bar's close, naming the bar", () => {
    const report = checkLookahead({ bars: BARS, create: nextCloseCheat });
    expect(report.passed).toBe(false);
    expect(report.finding?.cutIndex).toBe(200);
    // The cheat's order on the cut bar (filled at the next open) is the first to change.
    expect(report.finding?.firstDifferentBarTime).toBe(BARS.time[201]);
    expect(report.finding?.difference).toContain('changed from');
  });
});
