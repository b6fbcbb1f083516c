// The execution model checked against an independent, deliberately plain implementation:
// SMA(10, 30) crossover, 100 shares per order, commission 0.001, cash 10000, decide on the
// close, fill at the next open. The reference below shares no code with the engine (it even
// parses the file itself).
import { readOhlcv } from '@tradewind/testing/fixtures';
import { describe, expect, it } from 'vitest';
import { parseOhlcv, runBacktest } from '../src/index.ts';

const DATA_FILES = [
  'orcl-1995-2014.txt',
  'nvda-1999-2014.txt',
  'yhoo-1996-2015.txt',
  '2006-min-005.txt',
];

type Reference = { finalEquity: number; closedTrades: number; fills: number; refused: number };

function referenceBacktest(text: string): Reference {
  const lines = text.trim().split('\n');
  const header = (lines[0] as string).split(',').map((name) => name.trim().toLowerCase());
  const openColumn = header.indexOf('open');
  const closeColumn = header.indexOf('close');
  const opens: number[] = [];
  const closes: number[] = [];
  for (const line of lines.slice(1)) {
    const cells = line.split(',');
    opens.push(Number(cells[openColumn]));
    closes.push(Number(cells[closeColumn]));
  }
  const average = (end: number, length: number): number => {
    let sum = 0;
    for (let k = end - length + 1; k <= end; k++) sum += closes[k] as number;
    return sum / length;
  };

  let cash = 10_000;
  let shares = 0;
  let pending: { side: 'buy' | 'sell'; quantity: number } | null = null;
  let closedTrades = 0;
  let fills = 0;
  let refused = 0;
  for (let i = 0; i < closes.length; i++) {
    if (pending !== null) {
      const price = opens[i] as number;
      const notional = pending.quantity * price;
      const fee = notional * 0.001;
      if (pending.side === 'buy') {
        if (notional + fee <= cash) {
          cash -= notional + fee;
          shares += pending.quantity;
          fills++;
        } else {
          refused++;
        }
      } else {
        cash += notional - fee;
        shares -= pending.quantity;
        fills++;
        closedTrades++;
      }
      pending = null;
    }
    if (i < 30) continue; // the previous bar needs a full 30-bar window too
    const fastNow = average(i, 10);
    const slowNow = average(i, 30);
    const fastBefore = average(i - 1, 10);
    const slowBefore = average(i - 1, 30);
    if (fastBefore <= slowBefore && fastNow > slowNow && shares === 0) {
      pending = { side: 'buy', quantity: 100 };
    } else if (fastBefore >= slowBefore && fastNow < slowNow && shares > 0) {
      pending = { side: 'sell', quantity: shares };
    }
  }
  const lastClose = closes[closes.length - 1] as number;
  return { finalEquity: cash + shares * lastClose, closedTrades, fills, refused };
}

function engineBacktest(text: string) {
  return runBacktest({
    bars: { SERIES: parseOhlcv(text) },
    strategy: { name: 'MovingAverage', params: { fast: 10, slow: 30 } },
    initialCash: 10_000,
    commission: 0.001,
    sizing: { type: 'fixed', quantity: 100 },
  });
}

describe('SMA(10, 30) crossover against an independent loop', () => {
  for (const file of DATA_FILES) {
    it(`agrees on ${file}`, () => {
      const text = readOhlcv(file);
      const expected = referenceBacktest(text);
      const result = engineBacktest(text);
      expect(result.metrics.finalEquity).toBeCloseTo(expected.finalEquity, 6);
      expect(result.metrics.totalTrades).toBe(expected.closedTrades);
      expect(result.fills).toHaveLength(expected.fills);
      expect(result.rejections).toHaveLength(expected.refused);
      expect(result.rejections.every((r) => r.reason === 'INSUFFICIENT_FUNDS')).toBe(true);
    });
  }

  it('trades on the daily series (the comparison is not vacuous)', () => {
    const expected = referenceBacktest(readOhlcv('orcl-1995-2014.txt'));
    expect(expected.closedTrades).toBeGreaterThan(50);
  });
});

describe('determinism', () => {
  it('gives byte-identical JSON for two runs with the same inputs and seed', () => {
    const bars = parseOhlcv(readOhlcv('nvda-1999-2014.txt'));
    const run = () =>
      JSON.stringify(
        runBacktest({
          bars: { NVDA: bars },
          strategy: { name: 'Momentum' },
          initialCash: 10_000,
          commission: 0.001,
          slippage: 0.0005,
          sizing: { type: 'percent_of_equity', percent: 50 },
          seed: 42,
          monteCarlo: { runs: 200 },
        }),
      );
    const first = run();
    expect(run()).toBe(first);
    expect(first.length).toBeGreaterThan(10_000);
  });
});
