import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ZTradingViewAlert } from './tradingview.ts';

const seedAlert = {
  order_type: 'market',
  symbol: 'AAPL',
  botname: 'Swing',
  side: 'buy',
  size: '2.5',
  leverage: '1',
  takeprofit: '0',
};

function fieldErrors(input: unknown) {
  const result = ZTradingViewAlert.safeParse(input);
  if (result.success) throw new Error('expected a failure');
  return z.flattenError(result.error).fieldErrors as Record<string, string[]>;
}

describe('ZTradingViewAlert', () => {
  it("reads seed 001's all-string payload, numbers as numbers", () => {
    const alert = ZTradingViewAlert.parse({
      ...seedAlert,
      side: 'BUY',
      timenow: '2026-01-02T03:04:05Z',
    });
    expect(alert).toMatchObject({ order_type: 'market', side: 'buy', size: 2.5 });
    expect(alert.timenow?.toISOString()).toBe('2026-01-02T03:04:05.000Z');
  });

  it('keeps fields it does not act on', () => {
    expect(ZTradingViewAlert.parse({ ...seedAlert, price: '187.2' })).toMatchObject({
      price: '187.2',
    });
  });

  it('names each wrong field', () => {
    expect(
      fieldErrors({
        side: 'hold',
        size: '-1',
        leverage: '10',
        takeprofit: '5',
        order_type: 'limit',
      }),
    ).toEqual({
      symbol: ['is required (a ticker such as AAPL)'],
      botname: ["is required (your bot's name)"],
      side: ['must be "buy" or "sell"'],
      size: ['must be a number greater than 0'],
      leverage: ['paper bots trade without leverage: send 1 or leave it out'],
      takeprofit: ['take-profit orders are not supported by paper bots: leave it out (or send 0)'],
      order_type: ['only "market" orders are supported'],
    });
  });

  it('refuses max_lag without an alert time, and reads Unix seconds and milliseconds', () => {
    expect(fieldErrors({ ...seedAlert, max_lag: 5 })).toEqual({
      max_lag: ['needs the alert time in "timenow" (or "time")'],
    });
    const seconds = ZTradingViewAlert.parse({ ...seedAlert, time: 1_767_323_045, max_lag: '5' });
    const millis = ZTradingViewAlert.parse({ ...seedAlert, time: 1_767_323_045_000 });
    expect(seconds.time?.getTime()).toBe(millis.time?.getTime());
    expect(seconds.max_lag).toBe(5);
  });
});
