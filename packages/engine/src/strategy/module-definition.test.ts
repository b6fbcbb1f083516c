import { DomainError } from '@tradewind/core';
import { describe, expect, it } from 'vitest';
import movingAverageFile from '../../examples/moving-average.strategy.ts';
import { randomWalkBars } from '../analysis/test-bars.ts';
import { runBacktest } from '../backtest/run-backtest.ts';
import { BarWindow } from '../indicators/bar-window.ts';
import { moduleStrategyDefinition, parseStrategyManifest } from './module-definition.ts';
import type { StrategyModule } from './strategy-module.ts';

const BASE = {
  initialCash: 100_000,
  commission: 0.001,
  slippage: 0.0005,
  sizing: { type: 'percent_of_equity', percent: 50 },
} as const;

function errorOf(run: () => unknown): DomainError {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a DomainError');
}

describe('strategy files (the public strategy API)', () => {
  it('the MovingAverage file trades exactly as the built-in, fill for fill', () => {
    const bars = randomWalkBars(3000, 7);
    const definition = moduleStrategyDefinition(movingAverageFile as StrategyModule);
    const fromFile = runBacktest({
      ...BASE,
      bars: { X: bars },
      strategy: { factory: () => definition.create({ fast: 8, slow: 21 }) },
    });
    const builtIn = runBacktest({
      ...BASE,
      bars: { X: bars },
      strategy: { name: 'MovingAverage', params: { fast: 8, slow: 21 } },
    });
    expect(builtIn.fills.length).toBeGreaterThan(20);
    expect(JSON.stringify(fromFile.fills)).toBe(JSON.stringify(builtIn.fills));
    expect(fromFile.metrics).toEqual(builtIn.metrics);
  });

  it('validates parameters against the declared specs, naming the parameter', () => {
    const definition = moduleStrategyDefinition(movingAverageFile as StrategyModule);
    expect(definition.defaults).toEqual({ fast: 10, slow: 30 });
    expect(errorOf(() => definition.parseParams({ fast: 0 })).details?.field).toBe('params.fast');
    expect(errorOf(() => definition.parseParams({ speed: 3 })).message).toContain('"speed"');
  });

  it('refuses a file without a parameter schema, or with a default out of its range', () => {
    const missing = errorOf(() => parseStrategyManifest({ name: 'NoParams' }));
    expect(missing.details?.field).toBe('params');
    expect(missing.message).toContain('declare every parameter');
    const outOfRange = errorOf(() =>
      parseStrategyManifest({
        name: 'Bad',
        params: { fast: { type: 'integer', default: 0, min: 1 } },
      }),
    );
    expect(outOfRange.details?.field).toBe('params.fast.default');
    const noCreate = errorOf(() => moduleStrategyDefinition({ name: 'X', params: {} } as never));
    expect(noCreate.details?.field).toBe('create');
  });

  it('BarWindow shows bars up to the current one only, newest first', () => {
    const window = new BarWindow(3);
    for (const [index, bar] of randomWalkBars(5, 1).entries()) {
      window.update(bar);
      expect(window.close(0)).toBe(bar.close);
      expect(window.length).toBe(Math.min(index + 1, 3));
    }
    expect(window.close(3)).toBeNaN();
    expect(window.close(-1)).toBeNaN();
  });
});
