import { describe, expect, it } from 'vitest';
import { ATR } from './atr.ts';
import { BollingerBands } from './bollinger-bands.ts';
import { Crossover } from './crossover.ts';
import { EMA } from './ema.ts';
import { MACD } from './macd.ts';
import { RSI } from './rsi.ts';
import { SMA } from './sma.ts';

// A short known series (Wilder-style closes used in many RSI worked examples).
const CLOSES = [
  44.34, 44.09, 44.15, 43.61, 44.33, 44.83, 45.1, 45.42, 45.84, 46.08, 45.89, 46.03, 45.61, 46.28,
  46.28, 46.0, 46.03, 46.41, 46.22, 45.64, 46.21, 46.25, 45.71, 46.45, 45.78, 45.35, 44.03, 44.18,
  44.22, 44.57, 43.42, 42.66, 43.13,
];

/** Naive references, written the slow obvious way, share no code with the engine. */
function naiveSma(values: number[], period: number): number[] {
  return values.map((_, i) => {
    if (i < period - 1) return Number.NaN;
    let sum = 0;
    for (let k = i - period + 1; k <= i; k++) sum += values[k] as number;
    return sum / period;
  });
}

function naiveEma(values: number[], period: number): number[] {
  const out: number[] = [];
  const alpha = 2 / (period + 1);
  let ema = Number.NaN;
  values.forEach((value, i) => {
    if (i < period - 1) out.push(Number.NaN);
    else if (i === period - 1) {
      ema = values.slice(0, period).reduce((a, b) => a + b, 0) / period;
      out.push(ema);
    } else {
      ema = value * alpha + ema * (1 - alpha);
      out.push(ema);
    }
  });
  return out;
}

function naiveRsi(values: number[], period: number): number[] {
  const out: number[] = [Number.NaN];
  let gain = 0;
  let loss = 0;
  for (let i = 1; i < values.length; i++) {
    const change = (values[i] as number) - (values[i - 1] as number);
    let up = 0;
    let down = 0;
    if (change > 0) up = change;
    else down = -change;
    if (i < period) {
      gain += up;
      loss += down;
      out.push(Number.NaN);
      continue;
    }
    if (i === period) {
      gain = (gain + up) / period;
      loss = (loss + down) / period;
    } else {
      gain = (gain * (period - 1) + up) / period;
      loss = (loss * (period - 1) + down) / period;
    }
    out.push(100 - 100 / (1 + gain / loss));
  }
  return out;
}

function expectSeries(actual: number[], expected: number[], digits = 10): void {
  expect(actual.length).toBe(expected.length);
  actual.forEach((value, i) => {
    if (Number.isNaN(expected[i] as number)) expect(value, `index ${i}`).toBeNaN();
    else expect(value, `index ${i}`).toBeCloseTo(expected[i] as number, digits);
  });
}

describe('SMA', () => {
  it('matches hand-computed values on a tiny series', () => {
    const sma = new SMA(3);
    expect([1, 2, 3, 4, 5, 6].map((value) => sma.update(value))).toEqual([
      Number.NaN,
      Number.NaN,
      2,
      3,
      4,
      5,
    ]);
    expect(sma.warmupPeriod).toBe(3);
  });

  it('matches a naive windowed sum over a known series and after many wraps', () => {
    for (const period of [1, 5, 10, 14]) {
      const sma = new SMA(period);
      expectSeries(
        CLOSES.map((value) => sma.update(value)),
        naiveSma(CLOSES, period),
      );
    }
    const long = Array.from({ length: 5000 }, (_, i) => 3000 + Math.sin(i / 7) * 50 + i * 0.01);
    const sma = new SMA(30);
    expectSeries(
      long.map((value) => sma.update(value)),
      naiveSma(long, 30),
      9,
    );
  });

  it('rejects a period that is not a positive whole number', () => {
    expect(() => new SMA(0)).toThrow(/period must be a whole number of bars of at least 1/);
    expect(() => new SMA(2.5)).toThrow(/got 2.5/);
  });

  it('resets to a fresh state', () => {
    const sma = new SMA(2);
    sma.update(10);
    sma.update(20);
    sma.reset();
    expect(sma.update(4)).toBeNaN();
    expect(sma.update(6)).toBe(5);
  });
});

describe('EMA', () => {
  it('seeds with the simple average, then smooths with alpha = 2 / (n + 1)', () => {
    const ema = new EMA(3);
    // alpha 0.5: seed (1+2+3)/3 = 2; then 2 + 0.5(4-2) = 3; 3 + 0.5(8-3) = 5.5
    expect([1, 2, 3, 4, 8].map((value) => ema.update(value))).toEqual([
      Number.NaN,
      Number.NaN,
      2,
      3,
      5.5,
    ]);
  });

  it('matches a naive reference', () => {
    const ema = new EMA(10);
    expectSeries(
      CLOSES.map((value) => ema.update(value)),
      naiveEma(CLOSES, 10),
    );
  });
});

describe('RSI', () => {
  it('computes Wilder RSI by hand on a tiny series', () => {
    const rsi = new RSI(2);
    // changes +2, -1 -> avg gain 1, avg loss 0.5 -> RS 2 -> RSI 66.666...
    // then +3: gain (1*1 + 3)/2 = 2, loss (0.5*1 + 0)/2 = 0.25 -> RS 8 -> RSI 88.888...
    const values = [10, 12, 11, 14].map((value) => rsi.update(value));
    expect(values[0]).toBeNaN();
    expect(values[1]).toBeNaN();
    expect(values[2]).toBeCloseTo(200 / 3, 12);
    expect(values[3]).toBeCloseTo(800 / 9, 12);
    expect(rsi.warmupPeriod).toBe(3);
  });

  it('matches a naive reference', () => {
    const rsi = new RSI(14);
    expectSeries(
      CLOSES.map((value) => rsi.update(value)),
      naiveRsi(CLOSES, 14),
    );
  });

  it('is 100 with no losses and 50 on a flat market', () => {
    const up = new RSI(2);
    for (const value of [1, 2, 3]) up.update(value);
    expect(up.value).toBe(100);
    const flat = new RSI(2);
    for (const value of [5, 5, 5]) flat.update(value);
    expect(flat.value).toBe(50);
  });
});

describe('MACD', () => {
  it('is EMA(fast) - EMA(slow), signal an EMA of the line, histogram their difference', () => {
    const macd = new MACD(3, 6, 4);
    const fast = naiveEma(CLOSES, 3);
    const slow = naiveEma(CLOSES, 6);
    const line = CLOSES.map((_, i) => (fast[i] as number) - (slow[i] as number));
    const signal = naiveEma(line.slice(5), 4);
    for (const [i, close] of CLOSES.entries()) {
      const histogram = macd.update(close);
      if (i < 5) {
        expect(macd.line).toBeNaN();
        continue;
      }
      expect(macd.line).toBeCloseTo(line[i] as number, 10);
      const expectedSignal = signal[i - 5] as number;
      if (Number.isNaN(expectedSignal)) {
        expect(histogram).toBeNaN();
        continue;
      }
      expect(macd.signal).toBeCloseTo(expectedSignal, 10);
      expect(histogram).toBeCloseTo((line[i] as number) - expectedSignal, 10);
    }
    expect(macd.warmupPeriod).toBe(9);
  });

  it('refuses fast >= slow', () => {
    expect(() => new MACD(26, 12, 9)).toThrow(
      'fast period (26) must be less than slow period (12)',
    );
  });
});

describe('BollingerBands', () => {
  it('uses the population standard deviation of the window', () => {
    const bands = new BollingerBands(4, 2);
    for (const value of [2, 4, 4, 4]) bands.update(value);
    // mean 3.5, deviations -1.5, .5, .5, .5 -> variance 0.75
    expect(bands.middle).toBe(3.5);
    expect(bands.standardDeviation).toBeCloseTo(Math.sqrt(0.75), 14);
    expect(bands.upper).toBeCloseTo(3.5 + 2 * Math.sqrt(0.75), 14);
    bands.update(5); // window 4, 4, 4, 5: mean 4.25, variance 0.1875
    expect(bands.middle).toBeCloseTo(4.25, 14);
    expect(bands.lower).toBeCloseTo(4.25 - 2 * Math.sqrt(0.1875), 12);
  });

  it('stays accurate on large prices with tiny moves over many bars', () => {
    const bands = new BollingerBands(20, 2);
    const values = Array.from({ length: 3000 }, (_, i) => 30_000 + Math.sin(i) * 0.01);
    for (const value of values) bands.update(value);
    const window = values.slice(-20);
    const mean = window.reduce((a, b) => a + b, 0) / 20;
    const sd = Math.sqrt(window.reduce((a, b) => a + (b - mean) ** 2, 0) / 20);
    expect(bands.middle).toBeCloseTo(mean, 9);
    expect(bands.standardDeviation).toBeCloseTo(sd, 9);
  });
});

describe('ATR', () => {
  it('averages true ranges from the second bar, then smooths like Wilder', () => {
    const atr = new ATR(2);
    expect(atr.update(10, 8, 9)).toBeNaN(); // no previous close yet
    expect(atr.update(11, 9, 10)).toBeNaN(); // TR max(2, 2, 0) = 2
    expect(atr.update(13, 10, 12)).toBe(2.5); // TR max(3, 3, 0) = 3; mean(2, 3)
    expect(atr.update(12, 11, 11.5)).toBe(1.75); // TR max(1, 0, 1) = 1; (2.5 * 1 + 1) / 2
    expect(atr.warmupPeriod).toBe(3);
  });

  it('counts a gap against the previous close', () => {
    const atr = new ATR(1);
    atr.update(10, 9, 9.5);
    expect(atr.update(15, 14, 14.5)).toBe(5.5); // |15 - 9.5|
  });
});

describe('Crossover', () => {
  it('reports a cross only between two defined pairs', () => {
    const cross = new Crossover();
    expect(cross.update(Number.NaN, 1)).toBe(0);
    expect(cross.update(2, 1)).toBe(0); // first defined pair: no previous, no cross
    expect(cross.update(0.5, 1)).toBe(-1);
    expect(cross.update(1, 1)).toBe(0); // touching is not crossing
    expect(cross.update(1.5, 1)).toBe(1); // from equal to above counts
    expect(cross.update(2, 1)).toBe(0);
  });
});
