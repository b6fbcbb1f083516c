import {
  type BarSeries,
  defineStrategy,
  paramsSchema,
  type Strategy,
  type StrategyDefinition,
} from '@tradewind/engine';
import type { CompiledStrategy } from './compile-strategy.ts';
import { SandboxedStrategy } from './sandboxed-strategy.ts';
import { loadSandboxEngine, type SandboxLimits, StrategySandbox } from './strategy-sandbox.ts';

/** A strategy definition whose instances run sandboxed; `dispose` frees every instance's sandbox. */
export type SandboxedDefinition = StrategyDefinition & {
  /** An instance batching from these bars (each symbol's, as the engine will feed them). */
  createBatched(params: unknown, barsAhead: Readonly<Record<string, BarSeries>>): Strategy;
  dispose(): void;
};

/**
 * A {@link StrategyDefinition} for an uploaded strategy: it reads and validates the file's
 * manifest in a sandbox, and every `create` opens a fresh sandbox (nothing shared between
 * instances, bots or users).
 * @throws DomainError `VALIDATION_ERROR` when the file's top level fails or its manifest is bad.
 */
export async function sandboxedStrategyDefinition(
  compiled: CompiledStrategy,
  options: {
    limits?: Partial<SandboxLimits>;
    /** Seeds the strategy's randomness (`Math.random`, `context.random`). Default 1. */
    seed?: number;
    /** Bars per symbol as the engine will feed them, to run in batches (see SandboxedStrategy). */
    barsAhead?: Readonly<Record<string, BarSeries>>;
    batchSize?: number;
  } = {},
): Promise<SandboxedDefinition> {
  const engine = await loadSandboxEngine();
  const probe = StrategySandbox.openLoaded(engine, compiled, options.limits);
  const manifest = (() => {
    try {
      return probe.manifest();
    } finally {
      probe.dispose();
    }
  })();
  const open: StrategySandbox[] = [];
  const instance = (
    params: Record<string, unknown>,
    barsAhead: Readonly<Record<string, BarSeries>> | undefined,
  ) => {
    const sandbox = StrategySandbox.openLoaded(engine, compiled, options.limits);
    open.push(sandbox);
    const warmupBars = sandbox.create(params, options.seed ?? 1);
    return new SandboxedStrategy({
      name: manifest.name,
      warmupBars,
      sandbox,
      barsAhead,
      batchSize: options.batchSize,
    });
  };
  const definition = defineStrategy({
    name: manifest.name,
    description: manifest.description ?? '',
    category: manifest.category ?? 'trend_following',
    riskLevel: manifest.riskLevel ?? 'medium',
    paramsSchema: paramsSchema(manifest.params),
    create: (params) => instance(params, options.barsAhead),
  });
  return {
    ...definition,
    createBatched: (params, barsAhead) => instance(definition.parseParams(params), barsAhead),
    dispose: () => {
      for (const sandbox of open.splice(0)) sandbox.dispose();
    },
  };
}
