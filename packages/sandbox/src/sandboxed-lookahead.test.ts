import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { walkBars } from '../test/walk-bars.ts';
import { compileStrategySource } from './compile-strategy.ts';
import { checkSandboxedLookahead } from './sandboxed-lookahead.ts';

describe('the lookahead gate on an uploaded strategy', () => {
  it('passes the MovingAverage strategy file run in the sandbox', async () => {
    const source = readFileSync(
      new URL('../../engine/examples/moving-average.strategy.ts', import.meta.url),
      'utf8',
    );
    const report = await checkSandboxedLookahead(await compileStrategySource(source), {
      bars: walkBars(600),
      params: { fast: 5, slow: 15 },
    });
    expect(report).toMatchObject({ passed: true, finding: null });
  });
});
