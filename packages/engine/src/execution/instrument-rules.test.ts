import { describe, expect, it } from 'vitest';
import { runBacktest } from '../backtest/run-backtest.ts';
import type { Bar } from '../data/bar.ts';
import type { Strategy } from '../strategy/strategy.ts';
import { type Instrument, minimumProblem, roundDownToStep } from './instrument.ts';
import { PaperBroker } from './paper-broker.ts';

const BTC: Instrument = { quantityStep: 0.00001, minQuantity: 0.00001, minNotional: 5 };
const bar = (time: number, price: number): Bar => ({
  time,
  open: price,
  high: price,
  low: price,
  close: price,
  volume: 1,
});

describe('instrument rules (exchange markets)', () => {
  it('rounds quantities down to the step, free of float noise', () => {
    expect(roundDownToStep(0.3, 0.1)).toBe(0.3);
    expect(roundDownToStep(0.123456789, 0.00001)).toBe(0.12345);
    expect(roundDownToStep(0.000009, 0.00001)).toBe(0);
    expect(roundDownToStep(7.9, 1)).toBe(7);
  });

  it('names the broken minimum and both figures', () => {
    expect(minimumProblem(BTC, 0.0001, 60_000)).toBeUndefined();
    expect(minimumProblem(BTC, 0, 60_000)).toBe(
      "quantity 0 is below the market's minimum 0.00001 (step 0.00001)",
    );
    expect(minimumProblem(BTC, 0.00002, 100)).toBe(
      "notional 0.002 is below the market's minimum 5",
    );
  });

  it('fills fractional quantities rounded down to the step, and rejects orders below the minimums', () => {
    const broker = new PaperBroker({ initialCash: 10_000, instruments: { 'BTC/USDT': BTC } });
    const rejected: string[] = [];
    broker.subscribe({ onRejection: (rejection) => rejected.push(rejection.reason) });
    broker.processBar('BTC/USDT', bar(1, 60_000));
    const order = broker.submitMarketOrder('BTC/USDT', 'BUY', 0.123456789);
    expect(order.quantity).toBe(0.12345);
    broker.processBar('BTC/USDT', bar(2, 60_000));
    expect(broker.fills[0]).toMatchObject({ quantity: 0.12345, price: 60_000 });
    // 0.00005 BTC at 60,000 is 3 USDT: under the 5 USDT minimum notional, so no fill at all.
    broker.submitMarketOrder('BTC/USDT', 'SELL', 0.00005);
    // Below one step rounds to zero: refused, never a zero fill.
    broker.submitMarketOrder('BTC/USDT', 'SELL', 0.000004);
    broker.processBar('BTC/USDT', bar(3, 60_000));
    expect(broker.fills).toHaveLength(1);
    expect(rejected).toEqual(['BELOW_MINIMUM', 'BELOW_MINIMUM']);
    expect(broker.rejections.map((rejection) => rejection.message)).toEqual([
      "sell 0.00005 BTC/USDT at 60000: notional 3 is below the market's minimum 5",
      "sell 0 BTC/USDT at 60000: quantity 0 is below the market's minimum 0.00001 (step 0.00001)",
    ]);
    expect(broker.positionQuantity('BTC/USDT')).toBe(0.12345);
  });

  it('keeps whole units on markets without rules (the simulator, CSV files)', () => {
    const broker = new PaperBroker({ initialCash: 10_000, instruments: { 'BTC/USDT': BTC } });
    broker.processBar('AAPL', bar(1, 100));
    expect(broker.submitMarketOrder('AAPL', 'BUY', 0.5).quantity).toBe(0.5);
    broker.processBar('AAPL', bar(2, 1));
    expect(broker.fills[0]?.quantity).toBe(0.5);
  });

  it('sizes a percent-of-equity backtest entry in the market step: 10,000 USDT buys BTC', () => {
    const buyOnce: Strategy = {
      name: 'BuyOnce',
      warmupBars: 0,
      onBar(current, context) {
        if (context.broker.positionQuantity(context.symbol) === 0) {
          const quantity = context.entryQuantity(current.close);
          if (quantity > 0) context.broker.submitMarketOrder(context.symbol, 'BUY', quantity);
        }
      },
    };
    const bars = { 'BTC/USDT': [bar(1, 60_000), bar(2, 60_000), bar(3, 60_000)] };
    const options = {
      bars,
      strategy: { instance: buyOnce },
      initialCash: 10_000,
      commission: 0.001,
      sizing: { type: 'percent_of_equity' as const, percent: 50 },
    };
    expect(runBacktest(options).fills).toHaveLength(0);
    const fills = runBacktest({ ...options, instruments: { 'BTC/USDT': BTC } }).fills;
    // 5,000 / (60,000 * 1.001) = 0.0832500..., rounded down to 0.08325.
    expect(fills.map((fill) => fill.quantity)).toEqual([0.08325]);
  });
});
