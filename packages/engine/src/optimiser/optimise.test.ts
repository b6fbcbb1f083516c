import { describe, expect, it } from 'vitest';
import { randomWalkBars } from '../analysis/test-bars.ts';
import { toBarSeries } from '../data/bar-series.ts';
import { computeMetrics } from '../metrics/performance-metrics.ts';
import { type OptimiseSettings, optimise, type TrialEvaluator } from './optimise.ts';
import { runTrial, type TrialData } from './trial.ts';

const TEMPLATE = computeMetrics({ initialCash: 1, equity: [1, 1.1], tradePnls: [0.1] });

/** A fake backtest whose Sharpe peaks at fast 17, slow 120 (a known optimum). */
const bowl: TrialEvaluator = async (requests) =>
  requests.map(({ params }) => ({
    metrics: {
      ...TEMPLATE,
      sharpeRatio:
        -(((params.fast as number) - 17) ** 2) - ((params.slow as number) - 120) ** 2 / 10,
      totalTrades: params.fast as number,
    },
  }));

const SPACE = [
  { name: 'fast', min: 5, max: 50, integer: true },
  { name: 'slow', min: 20, max: 200, integer: true },
] as const;

const settings = (overrides: Partial<OptimiseSettings> = {}): OptimiseSettings => ({
  strategy: 'MovingAverage',
  space: SPACE,
  trials: 200,
  method: 'tpe',
  seed: 7,
  objective: 'sharpeRatio',
  ...overrides,
});

const DATA: TrialData = {
  symbol: 'X',
  bars: toBarSeries(randomWalkBars(1500, 11)),
  strategy: 'MovingAverage',
  initialCash: 100_000,
  commission: 0.001,
  sizing: { type: 'fixed', quantity: 100 },
  outOfSample: 0.25,
};

/** Real backtests, answered serially or spread over `lanes` interleaved "workers". */
function backtests(lanes: number): TrialEvaluator {
  return async (requests) => {
    const answers = new Array(requests.length);
    await Promise.all(
      Array.from({ length: lanes }, async (_, lane) => {
        for (let i = requests.length - 1 - lane; i >= 0; i -= lanes) {
          await Promise.resolve();
          answers[i] = runTrial(DATA, requests[i] as (typeof requests)[number]);
        }
      }),
    );
    return answers;
  };
}

describe('optimise', () => {
  it('TPE finds a known optimum, closer than random search with the same budget', async () => {
    const tpe = await optimise(settings(), bowl);
    const random = await optimise(settings({ method: 'random' }), bowl);
    const [best] = tpe.ranked;
    expect(best?.params.fast).toBeGreaterThanOrEqual(16);
    expect(best?.params.fast).toBeLessThanOrEqual(18);
    expect(Math.abs((best?.params.slow as number) - 120)).toBeLessThanOrEqual(4);
    expect(best?.score as number).toBeGreaterThan(random.ranked[0]?.score as number);
    expect(tpe.trials).toHaveLength(200);
  });

  it('finds the best of an exhaustive search of real backtests', async () => {
    const space = [
      { name: 'fast', min: 2, max: 10, integer: true },
      { name: 'slow', min: 15, max: 30, integer: true },
    ];
    const every = await backtests(1)(
      Array.from({ length: 9 * 16 }, (_, i) => ({
        params: { fast: 2 + (i % 9), slow: 15 + Math.floor(i / 9) },
        sample: 'in' as const,
      })),
    );
    const returns = every
      .map((answer) => ('metrics' in answer ? answer.metrics.totalReturn : -Infinity))
      .sort((a, b) => b - a);
    const found = await optimise(
      settings({ space, trials: 100, objective: 'totalReturn' }),
      backtests(1),
    );
    // A noisy landscape of 144 points: 100 TPE trials land on one of its three best.
    expect(returns.slice(0, 3)).toContain(found.ranked[0]?.score);
    expect(found.ranked[0]?.outOfSampleScore).toEqual(expect.any(Number));
  });

  it('gives identical results for the same seed however the trials are spread', async () => {
    const run = (lanes: number) =>
      optimise(settings({ trials: 40, objective: 'totalReturn', minTrades: 3 }), backtests(lanes));
    const one = await run(1);
    expect(JSON.stringify(await run(2))).toBe(JSON.stringify(one));
    expect(JSON.stringify(await run(3))).toBe(JSON.stringify(one));
    const other = await optimise(
      settings({ trials: 40, objective: 'totalReturn', minTrades: 3, seed: 8 }),
      backtests(1),
    );
    expect(JSON.stringify(other.trials)).not.toBe(JSON.stringify(one.trials));
  });

  it('applies constraints, ranks lower-is-better metrics and stops early', async () => {
    const constrained = await optimise(settings({ minTrades: 30, trials: 60 }), bowl);
    for (const trial of constrained.trials) {
      if ((trial.params.fast as number) < 30)
        expect(trial.infeasible).toMatch(/below the minimum 30/);
    }
    expect(constrained.ranked[0]?.params.fast).toBeGreaterThanOrEqual(30);
    // fast=5..6, slow above fast: invalid parameter pairs are infeasible, not failures.
    const invalid = await optimise(
      settings({
        space: [
          { name: 'fast', min: 40, max: 60, integer: true },
          { name: 'slow', min: 20, max: 30, integer: true },
        ],
        trials: 8,
      }),
      backtests(1),
    );
    expect(invalid.trials.every((trial) => /less than slow/.test(trial.infeasible ?? ''))).toBe(
      true,
    );
    expect(invalid.ranked).toEqual([]);
    const early = await optimise(settings({ patience: 16, trials: 5000, batchSize: 4 }), bowl);
    expect(early.stoppedEarly).toBe(true);
    expect(early.trials.length).toBeLessThan(5000);
  });

  it('rejects bad inputs with errors naming the field', async () => {
    const bad = (overrides: Partial<OptimiseSettings>) => optimise(settings(overrides), bowl);
    await expect(bad({ space: [] })).rejects.toMatchObject({ details: { field: 'space' } });
    await expect(
      bad({ space: [{ name: 'fast', min: 50, max: 5, integer: true }] }),
    ).rejects.toThrow(/inverted/);
    await expect(
      bad({ space: [{ name: 'period', min: 5, max: 50, integer: true }] }),
    ).rejects.toMatchObject({
      message: expect.stringMatching(/no parameter "period"/),
      details: { field: 'space.period' },
    });
    await expect(bad({ trials: 0 })).rejects.toMatchObject({ details: { field: 'trials' } });
    await expect(bad({ trials: 100_001 })).rejects.toThrow(/1 to 100,000/);
  });
});
