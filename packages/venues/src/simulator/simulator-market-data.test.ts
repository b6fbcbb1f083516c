import { TIMEFRAME_MS } from '@tradewind/core';
import { describe, expect, it } from 'vitest';
import { SimulatedMarket } from './simulated-market.ts';
import { simulatorMarketData } from './simulator-market-data.ts';

const MINUTE = TIMEFRAME_MS['1m'];

describe('the simulator as a market-data port', () => {
  const market = new SimulatedMarket(42);
  const port = simulatorMarketData(market);
  const start = market.align('1m', Date.UTC(2026, 0, 1, 12, 0, 30));

  it('answers history by range, bars opening in [from, to), from the seeded walk', async () => {
    const bars = await port.history('AAPL', '1m', { from: start - 3 * MINUTE + 1, to: start });
    expect(bars.map((bar) => bar.time)).toEqual([start - 2 * MINUTE, start - MINUTE]);
    expect(bars[1]).toEqual(market.barAt('AAPL', '1m', start - MINUTE));
  });

  it('counts every bar as closed (accelerated time) and has no trading rules', async () => {
    const bars = await port.closedBars('AAPL', '1m', start, 2);
    expect(bars).toEqual([
      market.barAt('AAPL', '1m', start),
      market.barAt('AAPL', '1m', start + MINUTE),
    ]);
    expect(await port.instrument('AAPL')).toBeUndefined();
    expect(port.venue).toBe('simulator');
  });
});
