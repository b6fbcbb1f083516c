import { describe, expect, it } from 'vitest';
import { SeededRandom } from '../random/seeded-random.ts';
import { runMonteCarlo } from './monte-carlo.ts';
import { ZMonteCarloSettings } from './monte-carlo-settings.ts';

const PNLS = [120, -80, 45, -30, 200, -150, 60, 10, -20, 90];

describe('runMonteCarlo', () => {
  it('gives the same answer for the same seed, and another for another seed', () => {
    const first = runMonteCarlo({ tradePnls: PNLS, initialCash: 1000, runs: 500, seed: 7 });
    const again = runMonteCarlo({ tradePnls: PNLS, initialCash: 1000, runs: 500, seed: 7 });
    const other = runMonteCarlo({ tradePnls: PNLS, initialCash: 1000, runs: 500, seed: 8 });
    expect(JSON.stringify(again)).toBe(JSON.stringify(first));
    expect(other.finalEquity).not.toEqual(first.finalEquity);
  });

  it('keeps bands ordered and bounded by the best and worst possible outcomes', () => {
    const result = runMonteCarlo({ tradePnls: PNLS, initialCash: 1000, runs: 2000, seed: 1 });
    const { p5, p25, p50, p75, p95 } = result.finalEquity;
    expect(p5).toBeLessThanOrEqual(p25);
    expect(p25).toBeLessThanOrEqual(p50);
    expect(p50).toBeLessThanOrEqual(p75);
    expect(p75).toBeLessThanOrEqual(p95);
    expect(p5).toBeGreaterThanOrEqual(1000 - 150 * PNLS.length);
    expect(p95).toBeLessThanOrEqual(1000 + 200 * PNLS.length);
    expect(result.probabilityOfLoss).toBeGreaterThan(0);
    expect(result.probabilityOfLoss).toBeLessThan(1);
    // The mean trade is +24.5, so the median run should end near 1000 + 245.
    expect(p50).toBeGreaterThan(1100);
    expect(p50).toBeLessThan(1400);
  });

  it('shuffling keeps the final equity and only moves the drawdown', () => {
    const result = runMonteCarlo({
      tradePnls: PNLS,
      initialCash: 1000,
      runs: 300,
      seed: 3,
      method: 'shuffle',
    });
    const total = 1000 + PNLS.reduce((a, b) => a + b, 0);
    expect(result.finalEquity).toEqual({
      p5: total,
      p25: total,
      p50: total,
      p75: total,
      p95: total,
    });
    expect(result.maxDrawdown.p95).toBeGreaterThan(result.maxDrawdown.p5);
  });

  it('computes a hand-checkable case: all trades win, no loss, no drawdown', () => {
    const result = runMonteCarlo({ tradePnls: [10, 20], initialCash: 100, runs: 50, seed: 1 });
    expect(result.probabilityOfLoss).toBe(0);
    expect(result.maxDrawdown.p95).toBe(0);
    expect(result.finalEquity.p5).toBeGreaterThanOrEqual(120);
    expect(result.finalEquity.p95).toBeLessThanOrEqual(140);
  });

  it('matches hand-computed bands for two trades', () => {
    // Bootstrap, two draws of [+100, -50] from 1000: 1200 (1/4), 1050 (1/2) or 900 (1/4).
    const drawn = runMonteCarlo({ tradePnls: [100, -50], initialCash: 1000, runs: 4000, seed: 5 });
    expect(drawn.runs).toBe(4000);
    expect(drawn.finalEquity).toMatchObject({ p5: 900, p50: 1050, p95: 1200 });
    expect(drawn.probabilityOfLoss).toBeGreaterThan(0.22);
    expect(drawn.probabilityOfLoss).toBeLessThan(0.28);
    // A -50 first falls 5 % below 1000; after +100 it falls 50/1100 below the 1100 peak; two
    // losses fall 100/1000 = 10 %.
    expect(drawn.maxDrawdown.p95).toBeCloseTo(0.1, 12);
    // Shuffled, both orders end at 1050; the drawdown is 50/1100 or 50/1000.
    const shuffled = runMonteCarlo({
      tradePnls: [100, -50],
      initialCash: 1000,
      runs: 1000,
      seed: 5,
      method: 'shuffle',
    });
    expect(shuffled.finalEquity.p50).toBe(1050);
    expect(shuffled.probabilityOfLoss).toBe(0);
    expect(shuffled.maxDrawdown.p5).toBeCloseTo(50 / 1100, 12);
    expect(shuffled.maxDrawdown.p95).toBeCloseTo(0.05, 12);
  });

  it('runs 1000 sequences by default, as the settings schema says', () => {
    expect(runMonteCarlo({ tradePnls: PNLS, initialCash: 1000, seed: 1 }).runs).toBe(1000);
    expect(ZMonteCarloSettings.parse({})).toEqual({ runs: 1000, method: 'bootstrap' });
    expect(ZMonteCarloSettings.safeParse({ runs: 0 }).success).toBe(false);
  });

  it('handles no trades and refuses bad run counts', () => {
    const empty = runMonteCarlo({ tradePnls: [], initialCash: 100, runs: 10, seed: 1 });
    expect(empty).toMatchObject({ tradesPerRun: 0, probabilityOfLoss: 0 });
    expect(empty.finalEquity.p50).toBe(100);
    expect(() => runMonteCarlo({ tradePnls: PNLS, initialCash: 100, runs: 0, seed: 1 })).toThrow(
      'runs must be a whole number in 1..1000000 (got 0)',
    );
  });
});

describe('SeededRandom', () => {
  it('repeats its sequence for a seed and spreads values over [0, 1)', () => {
    const a = new SeededRandom(42);
    const b = new SeededRandom(42);
    const values = Array.from({ length: 10_000 }, () => a.next());
    expect(Array.from({ length: 10_000 }, () => b.next())).toEqual(values);
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...values)).toBeLessThan(1);
    const mean = values.reduce((x, y) => x + y, 0) / values.length;
    expect(mean).toBeGreaterThan(0.48);
    expect(mean).toBeLessThan(0.52);
    expect(new SeededRandom(43).next()).not.toBe(new SeededRandom(42).next());
    expect(() => new SeededRandom(1.5)).toThrow('seed must be a safe integer (got 1.5)');
  });
});
