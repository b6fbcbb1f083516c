import { TIMEFRAME_MS } from '@tradewind/core';
import { describe, expect, it } from 'vitest';
import { SIMULATION_ANCHOR_MS, SimulatedMarket } from './simulated-market.ts';

const MINUTE = TIMEFRAME_MS['1m'];

describe('SimulatedMarket', () => {
  it('serves the same bar for the same seed, symbol and time, whatever the access order', () => {
    const time = Date.UTC(2026, 10, 1, 12, 0);
    const sequential = new SimulatedMarket(7);
    const bars = sequential.history('AAPL', '1m', time + MINUTE, 50);
    const fresh = new SimulatedMarket(7);
    expect(fresh.barAt('AAPL', '1m', time)).toEqual(bars[49]);
    expect(fresh.barAt('AAPL', '1m', time - 20 * MINUTE)).toEqual(bars[29]);
    expect(new SimulatedMarket(8).barAt('AAPL', '1m', time)).not.toEqual(bars[49]);
    expect(fresh.barAt('MSFT', '1m', time)).not.toEqual(bars[49]);
  });

  it('builds well-formed bars: each opens at the previous close, high and low bound the body', () => {
    const market = new SimulatedMarket(1);
    const bars = market.history('BTC/USD', '5m', Date.UTC(2025, 0, 1), 500);
    for (let i = 0; i < bars.length; i++) {
      const bar = bars[i];
      if (!bar) throw new Error('missing bar');
      expect(bar.high).toBeGreaterThanOrEqual(Math.max(bar.open, bar.close));
      expect(bar.low).toBeLessThanOrEqual(Math.min(bar.open, bar.close));
      expect(bar.low).toBeGreaterThan(0);
      if (i > 0) expect(bar.open).toBeCloseTo(bars[i - 1]?.close ?? 0, 9);
      expect((bar.time - SIMULATION_ANCHOR_MS) % TIMEFRAME_MS['5m']).toBe(0);
    }
  });

  it('moves like a market: per-bar volatility near the profile, prices that wander', () => {
    const market = new SimulatedMarket(3);
    const bars = market.history('NVDA', '1d', Date.UTC(2024, 0, 1), 1000);
    const returns = bars.slice(1).map((bar, i) => Math.log(bar.close / (bars[i]?.close ?? 1)));
    const mean = returns.reduce((a, b) => a + b, 0) / returns.length;
    const sd = Math.sqrt(returns.reduce((a, b) => a + (b - mean) ** 2, 0) / returns.length);
    const annual = sd * Math.sqrt(365);
    expect(annual).toBeGreaterThan(0.15);
    expect(annual).toBeLessThan(0.7);
  });

  it('aligns times to the timeframe', () => {
    const market = new SimulatedMarket(1);
    expect(market.align('1h', Date.UTC(2026, 0, 1, 10, 59, 59))).toBe(Date.UTC(2026, 0, 1, 10));
  });
});
