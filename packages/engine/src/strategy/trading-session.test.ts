import { describe, expect, it } from 'vitest';
import type { Bar } from '../data/bar.ts';
import type { Fill } from '../execution/fill.ts';
import { PaperBroker } from '../execution/paper-broker.ts';
import { entryQuantity } from './sizing.ts';
import type { Strategy, StrategyContext } from './strategy.ts';
import { TradingSession } from './trading-session.ts';

const bar = (time: number, price: number): Bar => ({
  time,
  open: price,
  high: price,
  low: price,
  close: price,
  volume: 0,
});

/** Buys on every bar while flat; records what it saw. */
class BuyWhenFlat implements Strategy {
  readonly name = 'BuyWhenFlat';
  readonly warmupBars = 0;
  readonly fills: Fill[] = [];
  readonly seen: number[] = [];
  onBar(current: Bar, context: StrategyContext): void {
    this.seen.push(context.broker.positionQuantity(context.symbol));
    if (context.broker.positionQuantity(context.symbol) === 0) {
      context.broker.submitMarketOrder(context.symbol, 'BUY', context.entryQuantity(current.close));
    }
  }
  onFill(fill: Fill): void {
    this.fills.push(fill);
  }
}

describe('TradingSession', () => {
  it('fills the previous close decision at this open before the strategy sees the bar', () => {
    const broker = new PaperBroker({ initialCash: 1000 });
    const strategy = new BuyWhenFlat();
    const session = new TradingSession({
      venue: broker,
      strategies: { X: strategy },
      sizing: { type: 'fixed', quantity: 3 },
    });
    session.onBar('X', bar(1, 10));
    session.onBar('X', bar(2, 11));
    expect(strategy.seen).toEqual([0, 3]);
    expect(strategy.fills.map((fill) => [fill.price, fill.time])).toEqual([[11, 2]]);
  });

  it('drops orders placed on warm-up bars', () => {
    const broker = new PaperBroker({ initialCash: 1000 });
    const strategy = new BuyWhenFlat();
    const session = new TradingSession({
      venue: broker,
      strategies: { X: strategy },
      sizing: { type: 'fixed', quantity: 1 },
    });
    session.warmUp('X', bar(1, 10));
    session.onBar('X', bar(2, 10));
    expect(broker.fills).toHaveLength(0);
    session.onBar('X', bar(3, 10));
    expect(broker.fills).toHaveLength(1);
  });

  it('refuses bad sizing and unknown symbols with clear messages', () => {
    const broker = new PaperBroker({ initialCash: 1000 });
    expect(
      () =>
        new TradingSession({
          venue: broker,
          strategies: {},
          sizing: { type: 'percent_of_equity', percent: 150 },
        }),
    ).toThrow(/^sizing\.percent: /);
    const session = new TradingSession({
      venue: broker,
      strategies: {},
      sizing: { type: 'fixed', quantity: 1 },
    });
    expect(() => session.onBar('Y', bar(1, 1))).toThrow('no strategy trades symbol Y');
  });
});

describe('entryQuantity', () => {
  const costs = { commissionRate: 0.001, slippageRate: 0.001 };

  it('returns the fixed quantity', () => {
    expect(entryQuantity({ type: 'fixed', quantity: 100 }, 5000, 10, costs)).toBe(100);
  });

  it('sizes a percent of equity in whole lots, leaving room for fee and slippage', () => {
    // 50 % of 10000 = 5000; unit cost 10 * 1.001 * 1.001 = 10.02001 -> 499.0 -> 499
    expect(entryQuantity({ type: 'percent_of_equity', percent: 50 }, 10_000, 10, costs)).toBe(499);
    // 100 % at price 10 without costs is exactly 1000 shares
    const free = { commissionRate: 0, slippageRate: 0 };
    expect(entryQuantity({ type: 'percent_of_equity', percent: 100 }, 10_000, 10, free)).toBe(1000);
    // fractional lots of 0.001
    expect(
      entryQuantity({ type: 'percent_of_equity', percent: 10, lotSize: 0.001 }, 1000, 30_000, free),
    ).toBe(0.003);
  });
});
