import { describe, expect, it } from 'vitest';
import { runEnsembleBacktest } from '../analysis/ensemble-backtest.ts';
import { randomWalkBars } from '../analysis/test-bars.ts';
import { runBacktest } from '../backtest/run-backtest.ts';
import type { RiskRules } from './risk-rules.ts';

// A volatile daily walk: MovingAverage(2, 4) trades often, so every rule gets to act.
const BARS = { X: randomWalkBars(160, 11, 100, 0.08) };
const START = BARS.X[20]?.time as number;
const BASE = {
  bars: BARS,
  startTime: START,
  initialCash: 10_000,
  commission: 0.001,
  slippage: 0.0005,
  sizing: { type: 'percent_of_equity', percent: 50 },
} as const;
const STRATEGY = { name: 'MovingAverage', params: { fast: 2, slow: 4 } };

const CASES: ReadonlyArray<{ rule: string; risk: RiskRules }> = [
  { rule: 'stop_loss', risk: { stopLoss: 0.03 } },
  { rule: 'cooldown', risk: { stopLoss: 0.03, cooldownBars: 4 } },
  { rule: 'max_drawdown', risk: { maxDrawdown: 0.08 } },
  { rule: 'max_daily_loss', risk: { maxDailyLoss: 0.02 } },
];

describe('one risk implementation: runBacktest and an ensemble of one give the same fills', () => {
  for (const { rule, risk } of CASES) {
    it(rule, () => {
      const single = runBacktest({ ...BASE, strategy: STRATEGY, risk });
      const ensemble = runEnsembleBacktest({
        ...BASE,
        members: [{ ...STRATEGY, weight: 1 }],
        settings: { rebalance: 'never', riskManagement: risk },
      });
      const plain = runBacktest({ ...BASE, strategy: STRATEGY });
      const acted = rule === 'cooldown' ? 'stop_loss' : rule;
      expect(single.riskEvents.some((event) => event.rule === acted)).toBe(true);
      // The rule changed what traded, and both runners changed it the same way.
      expect(single.fills).not.toEqual(plain.fills);
      expect(ensemble.members[0]?.executions).toEqual(single.fills);
      expect(ensemble.equityCurve).toEqual(single.equityCurve);
      expect(ensemble.riskEvents.map((event) => [event.time, event.rule])).toEqual(
        single.riskEvents.map((event) => [event.time, event.rule]),
      );
    });
  }

  it('a cooldown drops the entries a stop-loss alone lets through', () => {
    const stop = runBacktest({ ...BASE, strategy: STRATEGY, risk: { stopLoss: 0.03 } });
    const cooled = runBacktest({
      ...BASE,
      strategy: STRATEGY,
      risk: { stopLoss: 0.03, cooldownBars: 4 },
    });
    expect(cooled.fills).not.toEqual(stop.fills);
  });

  it('a run without rules is unchanged (no guard on the path)', () => {
    const plain = runBacktest({ ...BASE, strategy: STRATEGY });
    expect(plain.riskEvents).toEqual([]);
    expect(runBacktest({ ...BASE, strategy: STRATEGY, risk: {} })).toEqual(plain);
  });

  it('names the bad rule', () => {
    expect(() => runBacktest({ ...BASE, strategy: STRATEGY, risk: { maxDrawdown: 1.5 } })).toThrow(
      /^risk\.maxDrawdown: /,
    );
  });
});
