import { describe, expect, it } from 'vitest';
import { BrownianBridge, EPOCH_MINUTES } from './brownian-bridge.ts';

describe('BrownianBridge', () => {
  const bridge = new BrownianBridge(5, 123, 0.001);

  it('gives on the grid the very values it gives one minute at a time, across an epoch edge', () => {
    const from = 3 * EPOCH_MINUTES - 700;
    const visited: Array<[number, number]> = [];
    bridge.grid(from, from + 1500, 4, (minute, value) => visited.push([minute, value]));
    expect(visited.map(([minute]) => minute)).toEqual(
      Array.from({ length: 376 }, (_, index) => from + index * 4),
    );
    for (const [minute, value] of visited) expect(value).toBe(bridge.at(minute));
  });

  it('is pinned to zero at epoch edges and moves like a walk of the given volatility', () => {
    expect(bridge.at(2 * EPOCH_MINUTES)).toBe(0);
    const steps = Array.from(
      { length: 20_000 },
      (_, minute) => bridge.at(minute + 1) - bridge.at(minute),
    );
    const variance = steps.reduce((sum, step) => sum + step * step, 0) / steps.length;
    expect(Math.sqrt(variance)).toBeGreaterThan(0.0009);
    expect(Math.sqrt(variance)).toBeLessThan(0.0011);
  });
});
