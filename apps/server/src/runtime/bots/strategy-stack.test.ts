import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT, strategyStack } from './strategy-stack.ts';

const ROOT = '/srv/tradewind';

function errorWithStack(stack: string[]): Error {
  const error = new Error('strategy exploded');
  error.stack = ['Error: strategy exploded', ...stack].join('\n');
  return error;
}

describe('strategyStack', () => {
  it("keeps only the strategy's frames, relative to the repository", () => {
    const error = errorWithStack([
      `    at Exploding.onBar (${ROOT}/apps/e2e/test/support/exploding-strategy.ts:14:13)`,
      `    at helper (file://${ROOT}/packages/engine/src/strategies/momentum-strategy.ts:40:5)`,
      `    at TradingSession.onBar (${ROOT}/packages/engine/src/strategy/trading-session.ts:80:21)`,
      `    at BotInstance.advance (${ROOT}/apps/server/src/runtime/bots/bot-instance.ts:150:22)`,
      `    at run (${ROOT}/node_modules/.pnpm/tsx@4/node_modules/tsx/dist/index.mjs:1:1)`,
      '    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)',
      '    at /elsewhere/secret/file.js:1:1',
    ]);
    expect(strategyStack(error, ROOT)).toBe(
      [
        'Error: strategy exploded',
        '    at Exploding.onBar (apps/e2e/test/support/exploding-strategy.ts:14:13)',
        '    at helper (packages/engine/src/strategies/momentum-strategy.ts:40:5)',
      ].join('\n'),
    );
  });

  it('is null for a thrown value without a stack', () => {
    expect(strategyStack('boom', ROOT)).toBeNull();
  });

  it('finds the repository root', () => {
    expect(PROJECT_ROOT.endsWith('/apps/server')).toBe(false);
    expect(strategyStack(new Error('here'))).toMatch(/^Error: here$/);
  });
});
