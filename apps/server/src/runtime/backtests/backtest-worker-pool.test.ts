import { parseOhlcv, runBacktest, toBarSeries } from '@tradewind/engine';
import { readOhlcv } from '@tradewind/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { movingAverageSpec } from '../../testing/backtest-spec.ts';
import type { ResolvedStrategy } from './backtest-job-spec.ts';
import { BacktestWorkerPool } from './backtest-worker-pool.ts';

const nvda = toBarSeries(parseOhlcv(readOhlcv('nvda-1999-2014.txt')));

const spec = movingAverageSpec({
  name: 'sma',
  symbol: 'NVDA',
  params: { fast: 10, slow: 30 },
  initialCapital: 10_000,
  commission: 0.001,
  quantity: 100,
});

const pool = new BacktestWorkerPool();
afterAll(() => pool.close());

describe('BacktestWorkerPool', () => {
  it('gives the in-process engine’s answer, reporting progress up to every bar', async () => {
    const progress: number[] = [];
    const run = pool.run({ spec, bars: { NVDA: nvda }, stepDelayMs: 0 }, (done) =>
      progress.push(done),
    );
    const outcome = await run.outcome;
    const local = runBacktest({
      bars: { NVDA: nvda },
      strategy: { name: 'MovingAverage', params: { fast: 10, slow: 30 } },
      initialCash: 10_000,
      commission: 0.001,
      sizing: { type: 'fixed', quantity: 100 },
    });
    expect(outcome.type).toBe('completed');
    if (outcome.type !== 'completed') return;
    expect(outcome.computed.metrics.finalEquity).toBe(local.metrics.finalEquity);
    expect(outcome.computed.result.trades).toHaveLength(local.closedTrades.length);
    expect(local.closedTrades.length).toBeGreaterThan(10);
    expect(progress.at(-1)).toBe(nvda.length);
    expect(progress.length).toBeGreaterThan(50);
  });

  it('stops midway when cancelled and reports it as cancelled', async () => {
    const progress: number[] = [];
    const run = pool.run({ spec, bars: { NVDA: nvda }, stepDelayMs: 20 }, (done) => {
      progress.push(done);
      if (progress.length === 5) run.cancel();
    });
    expect(await run.outcome).toEqual({ type: 'cancelled' });
    expect(progress.at(-1)).toBeLessThan(nvda.length / 2);
  });

  it('reports an engine refusal as a failure with its reason', async () => {
    const run = pool.run(
      {
        spec: {
          ...spec,
          strategies: [
            { ...(spec.strategies[0] as ResolvedStrategy), params: { fast: 30, slow: 10 } },
          ],
        },
        bars: { NVDA: nvda },
        stepDelayMs: 0,
      },
      () => {},
    );
    const outcome = await run.outcome;
    expect(outcome.type).toBe('failed');
    expect(outcome.type === 'failed' && outcome.reason).toMatch(/fast|slow/);
  });

  it('gives the same answer again on a thread that already ran, and was cancelled in, jobs', async () => {
    const first = await pool.run({ spec, bars: { NVDA: nvda }, stepDelayMs: 0 }, () => {}).outcome;
    const again = await pool.run({ spec, bars: { NVDA: nvda }, stepDelayMs: 0 }, () => {}).outcome;
    expect(first.type).toBe('completed');
    expect(again).toEqual(first);
  });
});
