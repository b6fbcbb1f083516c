// @tradewind/sandbox: user strategies compiled with esbuild and run in a QuickJS sandbox.

export {
  type CompiledStrategy,
  compileStrategySource,
  strategyContentHash,
} from './compile-strategy.ts';
export { type SandboxedDefinition, sandboxedStrategyDefinition } from './sandboxed-definition.ts';
export { checkSandboxedLookahead } from './sandboxed-lookahead.ts';
export { SandboxedStrategy } from './sandboxed-strategy.ts';
export {
  type BatchOutcome,
  type BrokerState,
  DEFAULT_SANDBOX_LIMITS,
  loadSandboxEngine,
  type SandboxEngine,
  type SandboxLimits,
  StrategySandbox,
} from './strategy-sandbox.ts';
