import { describe, expect, it } from 'vitest';
import type { Bar } from '../data/bar.ts';
import type { Fill } from './fill.ts';
import { PaperBroker } from './paper-broker.ts';
import { RoundTripTracker } from './round-trip-tracker.ts';

const bar = (time: number, open: number, close = open): Bar => ({
  time,
  open,
  high: Math.max(open, close),
  low: Math.min(open, close),
  close,
  volume: 0,
});

describe('PaperBroker', () => {
  it('fills a market order at the next bar open, with slippage against the trade and commission', () => {
    const broker = new PaperBroker({
      initialCash: 10_000,
      commissionRate: 0.001,
      slippageRate: 0.01,
    });
    broker.processBar('AAPL', bar(1, 100, 101));
    broker.submitMarketOrder('AAPL', 'BUY', 10);
    expect(broker.positionQuantity('AAPL')).toBe(0); // nothing fills on the decision bar
    broker.processBar('AAPL', bar(2, 110, 120));
    // price 110 * 1.01 = 111.1; notional 1111; fee 1.111; cash 10000 - 1112.111
    const [buy] = broker.fills;
    expect(buy).toMatchObject({ side: 'BUY', quantity: 10, time: 2, realizedPnl: 0 });
    expect(buy?.price).toBeCloseTo(111.1, 12);
    expect(buy?.fee).toBeCloseTo(1.111, 12);
    expect(broker.cash()).toBeCloseTo(8887.889, 9);
    // Equity marks the position at the last close: 8887.889 + 10 * 120
    expect(broker.equity()).toBeCloseTo(10_087.889, 9);

    broker.submitMarketOrder('AAPL', 'SELL', 10);
    broker.processBar('AAPL', bar(3, 130));
    // price 130 * 0.99 = 128.7; notional 1287; fee 1.287; pnl 1287 - 1.287 - 1112.111
    const sell = broker.fills[1];
    expect(sell?.price).toBeCloseTo(128.7, 12);
    expect(sell?.realizedPnl).toBeCloseTo(173.602, 9);
    expect(sell?.positionAfter).toBe(0);
    expect(broker.cash()).toBeCloseTo(10_173.602, 9);
    expect(broker.equity()).toBe(broker.cash());
  });

  it('refuses a buy that cash cannot cover, leaving cash untouched', () => {
    const broker = new PaperBroker({ initialCash: 1000, commissionRate: 0.001 });
    const rejected: string[] = [];
    broker.subscribe({ onRejection: (rejection) => rejected.push(rejection.reason) });
    broker.processBar('X', bar(1, 10));
    broker.submitMarketOrder('X', 'BUY', 100); // 100 * 10 = 1000 + fee 1 > 1000
    broker.processBar('X', bar(2, 10));
    expect(broker.fills).toHaveLength(0);
    expect(broker.cash()).toBe(1000);
    expect(rejected).toEqual(['INSUFFICIENT_FUNDS']);
    expect(broker.rejections[0]?.message).toBe(
      'buy 100 X at 10 needs 1001 (fee 1 included) but cash is 1000',
    );
  });

  it('is long-only: a sell beyond the position is refused', () => {
    const broker = new PaperBroker({ initialCash: 1000 });
    broker.processBar('X', bar(1, 10));
    broker.submitMarketOrder('X', 'SELL', 1);
    broker.processBar('X', bar(2, 10));
    expect(broker.rejections[0]?.reason).toBe('INSUFFICIENT_POSITION');
    expect(broker.rejections[0]?.message).toMatch(/shorting is not supported/);
  });

  it('realises PnL on an average-cost basis across partial exits', () => {
    const broker = new PaperBroker({ initialCash: 10_000, commissionRate: 0.01 });
    broker.processBar('X', bar(1, 10));
    broker.submitMarketOrder('X', 'BUY', 10); // 100 + fee 1 -> basis 101
    broker.processBar('X', bar(2, 10));
    broker.submitMarketOrder('X', 'BUY', 10); // 200 + fee 2 -> basis 303
    broker.processBar('X', bar(3, 20));
    expect(broker.position('X')).toMatchObject({ quantity: 20, averagePrice: 15, costBasis: 303 });
    broker.submitMarketOrder('X', 'SELL', 5); // 150 - 1.5 - 303/4
    broker.processBar('X', bar(4, 30));
    expect(broker.fills[2]?.realizedPnl).toBeCloseTo(150 - 1.5 - 75.75, 12);
    expect(broker.position('X').costBasis).toBeCloseTo(227.25, 12);
    broker.submitMarketOrder('X', 'SELL', 15); // 375 - 3.75 - 227.25
    broker.processBar('X', bar(5, 25));
    expect(broker.fills[3]?.realizedPnl).toBeCloseTo(375 - 3.75 - 227.25, 12);
    // The realised PnL of the whole trip is the cash it made.
    const realised = broker.fills.reduce((sum, fill) => sum + fill.realizedPnl, 0);
    expect(broker.cash() - 10_000).toBeCloseTo(realised, 9);
  });

  it('refuses bars out of time order and bad quantities', () => {
    const broker = new PaperBroker({ initialCash: 1000 });
    broker.processBar('X', bar(2, 10));
    expect(() => broker.processBar('X', bar(2, 10))).toThrow(/not after the previous bar/);
    expect(() => broker.submitMarketOrder('X', 'BUY', 0)).toThrow(
      'order quantity must be a positive number (got 0)',
    );
    expect(() => new PaperBroker({ initialCash: -1 })).toThrow(
      'initialCash must be a number greater than 0 (got -1)',
    );
    expect(() => new PaperBroker({ initialCash: 1, commissionRate: 2 })).toThrow(
      'commission must be a number at least 0 and less than 1 (got 2)',
    );
  });

  it('cancels pending orders on request', () => {
    const broker = new PaperBroker({ initialCash: 1000 });
    broker.processBar('X', bar(1, 10));
    broker.submitMarketOrder('X', 'BUY', 1);
    expect(broker.hasPendingOrder('X')).toBe(true);
    expect(broker.cancelPendingOrders('X')).toBe(1);
    broker.processBar('X', bar(2, 10));
    expect(broker.fills).toHaveLength(0);
  });
});

describe('RoundTripTracker', () => {
  it('groups fills from flat to flat into one trade with net pnl', () => {
    const fill = (side: 'BUY' | 'SELL', quantity: number, price: number, after: number): Fill => ({
      orderId: 0,
      symbol: 'X',
      side,
      quantity,
      price,
      fee: 1,
      realizedPnl: side === 'SELL' ? quantity * price - 1 - quantity * 10 - 1 : 0,
      time: price,
      positionAfter: after,
      cashAfter: 0,
    });
    const tracker = new RoundTripTracker();
    tracker.record(fill('BUY', 10, 10, 10));
    tracker.record(fill('SELL', 5, 12, 5));
    expect(tracker.closedTrades).toHaveLength(0);
    tracker.record(fill('SELL', 5, 14, 0));
    expect(tracker.closedTrades).toEqual([
      {
        symbol: 'X',
        entryTime: 10,
        exitTime: 14,
        quantity: 10,
        entryPrice: 10,
        exitPrice: 13,
        fees: 3,
        pnl: 59 - 51 + 69 - 51,
        returnPct: (59 - 51 + 69 - 51) / 101,
        fills: 3,
      },
    ]);
  });
});

describe('PaperBroker.executeAt', () => {
  it('fills now at the given price with commission, and rebuilds a ledger fill by fill', () => {
    const broker = new PaperBroker({ initialCash: 1000, commissionRate: 0.01 });
    const buy = broker.executeAt('X', 'BUY', 10, 50, 1);
    expect(buy).toMatchObject({ price: 50, fee: 5, positionAfter: 10, cashAfter: 495 });
    const sell = broker.executeAt('X', 'SELL', 10, 60, 2);
    // Proceeds 600 - fee 6 - cost basis 505 = 89.
    expect(sell).toMatchObject({ price: 60, fee: 6, positionAfter: 0 });
    expect('realizedPnl' in sell && sell.realizedPnl).toBeCloseTo(89, 10);
    expect(broker.cash()).toBeCloseTo(1089, 10);
  });

  it('rejects what the broker would reject on a bar', () => {
    const broker = new PaperBroker({ initialCash: 100 });
    expect(broker.executeAt('X', 'BUY', 10, 50, 1)).toMatchObject({ reason: 'INSUFFICIENT_FUNDS' });
    expect(broker.executeAt('X', 'SELL', 1, 50, 1)).toMatchObject({
      reason: 'INSUFFICIENT_POSITION',
    });
    expect(broker.cash()).toBe(100);
  });
});
