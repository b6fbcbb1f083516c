import { PaperBroker } from '@tradewind/engine';
import { describe, expect, it } from 'vitest';
import { SimulatedMarket } from '../simulator/simulated-market.ts';
import { simulatorMarketData } from '../simulator/simulator-market-data.ts';
import { instrumentsOf, paperExecution } from './paper-execution.ts';

const MINUTE = 60_000;

describe('paper execution on a market-data port', () => {
  it("fills submitted orders at the next bar's open, as the engine's paper broker does", async () => {
    const market = simulatorMarketData(new SimulatedMarket(42));
    const execution = paperExecution(
      market.venue,
      new PaperBroker({ initialCash: 10_000, commissionRate: 0.001 }),
      'USDT',
    );
    const start = market.align('1m', Date.UTC(2026, 0, 1));
    const [first, second] = await market.closedBars('SOL/USDT', '1m', start, 2);
    if (first === undefined || second === undefined) throw new Error('no bars');
    execution.broker.processBar('SOL/USDT', first);
    const order = await execution.submitOrder({
      symbol: 'SOL/USDT',
      side: 'BUY',
      type: 'market',
      quantity: 3,
    });
    const cancelled = await execution.submitOrder({
      symbol: 'SOL/USDT',
      side: 'BUY',
      type: 'market',
      quantity: 1,
    });
    expect((await execution.openOrders('SOL/USDT')).map((open) => open.id)).toEqual([
      order.id,
      cancelled.id,
    ]);
    expect(await execution.cancelOrder('SOL/USDT', cancelled.id)).toBe(true);
    expect(await execution.cancelOrder('SOL/USDT', cancelled.id)).toBe(false);
    execution.broker.processBar('SOL/USDT', second);

    expect(await execution.openOrders()).toEqual([]);
    const [fill] = await execution.fills('SOL/USDT', start);
    expect(fill).toMatchObject({ orderId: order.id, quantity: 3, price: second.open });
    expect(fill?.fee).toBeCloseTo(3 * second.open * 0.001, 9);
    expect(await execution.balances()).toEqual([
      { currency: 'USDT', free: execution.broker.cash(), used: 0, total: execution.broker.cash() },
      { currency: 'SOL', free: 3, used: 0, total: 3 },
    ]);
    await expect(
      execution.submitOrder({ symbol: 'SOL/USDT', side: 'BUY', type: 'limit', quantity: 1 }),
    ).rejects.toMatchObject({ code: 'VALIDATION_ERROR' });
    expect(start + MINUTE).toBe(second.time);
  });

  it('takes trading rules from the market data (none on the simulator)', async () => {
    const market = simulatorMarketData(new SimulatedMarket(1));
    expect(await instrumentsOf(market, ['BTC/USDT'])).toEqual({});
  });
});
