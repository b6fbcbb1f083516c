import { type BarSeries, checkLookahead, type LookaheadReport } from '@tradewind/engine';
import type { CompiledStrategy } from './compile-strategy.ts';
import { sandboxedStrategyDefinition } from './sandboxed-definition.ts';
import type { SandboxLimits } from './strategy-sandbox.ts';

/**
 * The lookahead gate for an uploaded strategy, run in the sandbox exactly as its backtests are
 * (in batches from the bars fed): see `checkLookahead`.
 * @throws DomainError `VALIDATION_ERROR` when the strategy fails while being checked.
 */
export async function checkSandboxedLookahead(
  compiled: CompiledStrategy,
  options: { bars: BarSeries; params?: unknown; limits?: Partial<SandboxLimits> },
): Promise<LookaheadReport> {
  const definition = await sandboxedStrategyDefinition(compiled, { limits: options.limits });
  try {
    return checkLookahead({
      bars: options.bars,
      create: (bars) => definition.createBatched(options.params, { X: bars }),
    });
  } finally {
    definition.dispose();
  }
}
