import type { DomainError } from '@tradewind/core';
import { runBacktest } from '@tradewind/engine';
import { describe, expect, it } from 'vitest';
import { walkBars } from '../test/walk-bars.ts';
import { compileStrategySource } from './compile-strategy.ts';
import { sandboxedStrategyDefinition } from './sandboxed-definition.ts';
import type { SandboxLimits } from './strategy-sandbox.ts';

const BARS = walkBars(300);

/** A strategy file whose onBar body is `body` (line 4 of the file is its first line). */
function strategyFile(body: string, topLevel = ''): string {
  return `${topLevel}
export default {
  name: 'Hostile', params: {}, create() { return { onBar(bar, context) {
${body}
  } }; },
};`;
}

async function backtest(
  source: string,
  limits: Partial<SandboxLimits> = { cpuMillisPerCall: 1000 },
) {
  const definition = await sandboxedStrategyDefinition(await compileStrategySource(source), {
    limits,
    barsAhead: { X: BARS },
  });
  try {
    return runBacktest({
      initialCash: 10_000,
      bars: { X: BARS },
      sizing: { type: 'fixed', quantity: 1 },
      strategy: { definition },
    });
  } finally {
    definition.dispose();
  }
}

async function failure(body: string, limits?: Partial<SandboxLimits>): Promise<DomainError> {
  const error = await backtest(strategyFile(body), limits).then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  if (!(error instanceof Error) || error.name !== 'DomainError') {
    throw new Error(`expected the strategy to fail, got ${String(error)}`);
  }
  return error as DomainError;
}

describe('hostile strategies fail alone, with the message and the line', () => {
  it('an infinite loop runs into the CPU deadline', async () => {
    const error = await failure('    while (true) {}');
    expect(error.message).toMatch(/CPU time limit \(64 MiB, 1000 ms per batch\)/);
    // QuickJS marks a bare loop with its function's line: onBar's (3) or the loop's (4).
    expect([3, 4]).toContain(error.details?.line);
  });

  it('a memory bomb runs into the memory cap', async () => {
    const error = await failure(
      '    const hoard = []; while (true) hoard.push(new ArrayBuffer(1 << 20));',
      {
        memoryBytes: 24 * 1024 * 1024,
        cpuMillisPerCall: 60_000,
      },
    );
    expect(error.message).toMatch(/out of memory \(24 MiB/);
    expect(error.details).toMatchObject({ line: 4 });
  });

  it('deep recursion overflows the stack', async () => {
    const error = await failure('    const dive = (n) => dive(n + 1) + 1; dive(0);');
    expect(error.message).toMatch(/stack overflow/);
  });

  it('a thrown error keeps its message and the line in the user source', async () => {
    const error = await failure(
      "    if (bar.close > 0) {\n      throw new Error('boom at ' + bar.time);\n    }",
    );
    expect(error.message).toContain('Error: boom at');
    expect(error.details).toMatchObject({ line: 5 });
  });

  it.each([
    ['process', '    process.exit(1);'],
    ['require', "    require('node:fs').writeFileSync('/tmp/x', 'y');"],
    ['setTimeout', '    setTimeout(() => {}, 0);'],
    ['fetch', "    fetch('http://127.0.0.1/');"],
    ['the host through Function', "    Function('return this')().process.exit(1);"],
  ])('has no way to reach %s', async (_name, body) => {
    const error = await failure(body);
    expect(error.message).toMatch(/ReferenceError|TypeError|imports are not available/);
    expect(error.details).toMatchObject({ line: 4 });
  });

  it('pollutes nothing outside its own sandbox: not the host, not the next strategy', async () => {
    const polluter = strategyFile(
      '    Object.prototype.polluted = true; Array.prototype.push = () => 0; globalThis.shared = 1;',
    );
    await backtest(polluter);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const reader = strategyFile(
      "    if ({}.polluted || globalThis.shared) throw new Error('saw another strategy');",
    );
    const result = await backtest(reader);
    expect(result.barsProcessed).toBe(BARS.length);
  });

  it('sees the bars as its clock and a seeded Math.random: two runs decide alike', async () => {
    const source = strategyFile(`
    if (Date.now() !== bar.time || new Date().getTime() !== bar.time) throw new Error('clock');
    if (Math.random() < 0.05 && !context.broker.hasPendingOrder('X')) {
      context.broker.submitMarketOrder('X', context.broker.positionQuantity('X') > 0 ? 'SELL' : 'BUY', 1);
    }`);
    const first = await backtest(source);
    const second = await backtest(source);
    expect(first.fills.length).toBeGreaterThan(3);
    expect(second.fills).toEqual(first.fills);
  });

  it('a failing strategy leaves another one running beside it untouched', async () => {
    const good = strategyFile('    context.random.next();');
    const [bad, fine] = await Promise.allSettled([
      backtest(strategyFile('    while (true) {}')),
      backtest(good),
    ]);
    expect(bad.status).toBe('rejected');
    expect(fine.status).toBe('fulfilled');
  });
});

describe('compile errors name the line and column', () => {
  it('a syntax error', async () => {
    await expect(
      compileStrategySource('export default {\n  name: "x",,\n};'),
    ).rejects.toMatchObject({
      details: { field: 'source', line: 2, column: 13 },
    });
  });

  it('an import of anything but types', async () => {
    const source = "import { readFileSync } from 'node:fs';\nexport default readFileSync;";
    await expect(compileStrategySource(source)).rejects.toMatchObject({
      message: expect.stringContaining('imports are not available'),
      details: { line: 1 },
    });
  });

  it('code over 256 kB', async () => {
    const source = `export default {};\n//${'x'.repeat(256 * 1024)}`;
    await expect(compileStrategySource(source)).rejects.toMatchObject({
      message: expect.stringContaining('at most 262144 bytes'),
      details: { field: 'source' },
    });
  });
});
