import { readFileSync } from 'node:fs';
import { runBacktest } from '@tradewind/engine';
import { describe, expect, it } from 'vitest';
import { walkBars } from '../test/walk-bars.ts';
import { compileStrategySource } from './compile-strategy.ts';
import { sandboxedStrategyDefinition } from './sandboxed-definition.ts';

const MOVING_AVERAGE_FILE = readFileSync(
  new URL('../../engine/examples/moving-average.strategy.ts', import.meta.url),
  'utf8',
);
const BASE = {
  initialCash: 100_000,
  commission: 0.001,
  slippage: 0.0005,
  sizing: { type: 'percent_of_equity', percent: 50 },
} as const;

describe('a sandboxed strategy', () => {
  it('trades fill for fill as the built-in, batched or one bar per call', async () => {
    const bars = walkBars(5000);
    const compiled = await compileStrategySource(MOVING_AVERAGE_FILE);
    const builtIn = runBacktest({
      ...BASE,
      bars: { X: bars },
      strategy: { name: 'MovingAverage', params: { fast: 8, slow: 21 } },
    });
    expect(builtIn.fills.length).toBeGreaterThan(50);
    for (const barsAhead of [{ X: bars }, undefined]) {
      const definition = await sandboxedStrategyDefinition(compiled, { barsAhead });
      const sandboxed = runBacktest({
        ...BASE,
        bars: { X: bars },
        strategy: { definition, params: { fast: 8, slow: 21 } },
      });
      definition.dispose();
      expect(sandboxed.strategy).toEqual({
        name: 'MovingAverageFile',
        params: { fast: 8, slow: 21 },
      });
      expect(JSON.stringify(sandboxed.fills)).toBe(JSON.stringify(builtIn.fills));
      expect(sandboxed.metrics).toEqual(builtIn.metrics);
    }
  });

  it('reads the declared parameters and refuses a file that declares none', async () => {
    const definition = await sandboxedStrategyDefinition(
      await compileStrategySource(MOVING_AVERAGE_FILE),
    );
    expect(definition.defaults).toEqual({ fast: 10, slow: 30 });
    const noSchema = await compileStrategySource(
      'export default { name: "NoParams", create() { return { onBar() {} }; } };',
    );
    await expect(sandboxedStrategyDefinition(noSchema)).rejects.toMatchObject({
      details: { field: 'params' },
      message: expect.stringContaining('declare every parameter'),
    });
  });
});
