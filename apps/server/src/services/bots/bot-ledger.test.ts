import type { Trade } from '@tradewind/db';
import { describe, expect, it } from 'vitest';
import { rebuildLedger } from './bot-ledger.ts';

const BAR = new Date('2026-03-02T09:30:00Z');

/** A stored fill as the database returns it (Decimals read as numbers here). */
function storedFill(sequence: number, action: 'BUY' | 'SELL', quantity: number, price = 100) {
  return {
    id: 100 + sequence,
    botId: 1,
    sequence,
    symbol: 'IBM',
    action,
    quantity,
    price,
    fee: 0,
    pnl: null,
    reason: 'signal',
    barTime: BAR,
    executedAt: BAR,
  } as unknown as Trade;
}

describe('rebuildLedger', () => {
  it('replays stored fills in order into cash and positions', () => {
    const ledger = rebuildLedger(
      { initialCash: 10_000 } as never,
      [storedFill(1, 'BUY', 10), storedFill(2, 'SELL', 4, 110)],
      0,
    );
    expect(ledger.skipped).toEqual([]);
    expect(ledger.broker.positionQuantity('IBM')).toBe(6);
    expect(ledger.broker.cash()).toBe(10_000 - 1_000 + 440);
  });

  it('skips and reports a stored fill it cannot replay instead of throwing', () => {
    const trades = [
      storedFill(1, 'BUY', 10),
      storedFill(2, 'BUY', 0),
      storedFill(3, 'SELL', 50),
      storedFill(4, 'SELL', 10, 120),
    ];
    const ledger = rebuildLedger({ initialCash: 10_000 } as never, trades, 0);
    expect(ledger.skipped).toEqual([
      {
        tradeId: 102,
        sequence: 2,
        message: 'quantity and price must be positive numbers (got 0 at 100)',
      },
      { tradeId: 103, sequence: 3, message: expect.stringMatching(/exceeds the 10 held/) },
    ]);
    // The fills around the bad ones still count: bought 10 at 100, sold 10 at 120.
    expect(ledger.fills.map((fill) => fill.quantity)).toEqual([10, 10]);
    expect(ledger.broker.positionQuantity('IBM')).toBe(0);
    expect(ledger.broker.cash()).toBe(10_200);
  });
});
