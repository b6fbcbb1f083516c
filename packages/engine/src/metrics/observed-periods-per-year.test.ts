import { describe, expect, it } from 'vitest';
import { observedPeriodsPerYear } from './observed-periods-per-year.ts';

const DAY_MS = 86_400_000;

describe('observedPeriodsPerYear', () => {
  it('gives 365.25 for daily bars every calendar day (a 24/7 market)', () => {
    const times = Array.from({ length: 1462 }, (_, i) => Date.UTC(2020, 0, 1) + i * DAY_MS);
    expect(observedPeriodsPerYear(times)).toBeCloseTo(365.25, 9);
  });

  it('gives about 261 for bars on weekdays only (no holidays)', () => {
    const times: number[] = [];
    for (let time = Date.UTC(2020, 0, 1); time < Date.UTC(2024, 0, 1); time += DAY_MS) {
      const day = new Date(time).getUTCDay();
      if (day !== 0 && day !== 6) times.push(time);
    }
    expect(observedPeriodsPerYear(times)).toBeCloseTo(261, 0);
  });

  it('is undefined without two bars a span apart', () => {
    expect(observedPeriodsPerYear([])).toBeUndefined();
    expect(observedPeriodsPerYear([5])).toBeUndefined();
    expect(observedPeriodsPerYear([5, 5])).toBeUndefined();
  });
});
