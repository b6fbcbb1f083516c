import type { DomainError } from '@tradewind/core';
import {
  type CostModel,
  parseStrategyManifest,
  type StrategyModuleManifest,
} from '@tradewind/engine';
import {
  newQuickJSWASMModuleFromVariant,
  type QuickJSContext,
  type QuickJSHandle,
  type QuickJSRuntime,
  type QuickJSWASMModule,
  shouldInterruptAfterDeadline,
} from 'quickjs-emscripten-core';
import type { CompiledStrategy } from './compile-strategy.ts';
import { guestBundle } from './guest-bundle.ts';
import { COMPILED_FILE_NAME, type GuestFailure, strategyError } from './strategy-error.ts';

/** What one sandboxed strategy may use. */
export type SandboxLimits = {
  /** Heap of the strategy's JavaScript engine, bytes. Default 64 MiB. */
  readonly memoryBytes: number;
  /** CPU time for one call (a batch of bars, or building the strategy), ms. Default 2,000. */
  readonly cpuMillisPerCall: number;
  /** Native stack for recursion, bytes. Default 512 KiB. */
  readonly stackBytes: number;
};

export const DEFAULT_SANDBOX_LIMITS: SandboxLimits = {
  memoryBytes: 64 * 1024 * 1024,
  cpuMillisPerCall: 2_000,
  stackBytes: 512 * 1024,
};

/** The broker state a batch starts from (the real one, read from the venue). */
export type BrokerState = {
  readonly position: number;
  readonly averagePrice: number;
  readonly costBasis: number;
  readonly pending: boolean;
  readonly cash: number;
  /** Equity outside this symbol (cash excluded): other symbols' positions at their last close. */
  readonly otherValue: number;
};

/** What a batch did: bars processed, and the orders placed on its last bar (if any). */
export type BatchOutcome = {
  readonly processed: number;
  readonly orders: ReadonlyArray<{ side: 'BUY' | 'SELL'; quantity: number }>;
};

/** Columns per bar in a batch: time, open, high, low, close, volume. */
export const COLUMNS = 6;

let quickJs: Promise<QuickJSWASMModule> | undefined;

/** The WebAssembly JavaScript engine and the guest runtime's script. */
export type SandboxEngine = { readonly module: QuickJSWASMModule; readonly guest: string };

/** Loads the WebAssembly JavaScript engine and the guest runtime once per process. */
export async function loadSandboxEngine(): Promise<SandboxEngine> {
  quickJs ??= newQuickJSWASMModuleFromVariant(import('@jitl/quickjs-wasmfile-release-sync'));
  const [module, guest] = await Promise.all([quickJs, guestBundle()]);
  return { module, guest };
}

/**
 * One strategy instance in its own QuickJS runtime: no I/O, no network, no timers, no `process`
 * or `require`, no globals shared with anyone; a memory cap and a CPU deadline on every call.
 * After any failure the sandbox stays failed: every later call throws the same error.
 */
export class StrategySandbox {
  readonly limits: SandboxLimits;
  #runtime: QuickJSRuntime;
  #vm: QuickJSContext;
  #api: QuickJSHandle;
  // The guest runtime's functions, looked up once.
  #methods = new Map<string, QuickJSHandle>();
  #sourceMap: string;
  #failure: DomainError | undefined;
  #entryQuantity: (price: number, equity: number) => number = () => 0;

  /** Opens a sandbox and runs the compiled file's top level in it. */
  static async open(
    compiled: CompiledStrategy,
    limits: Partial<SandboxLimits> = {},
  ): Promise<StrategySandbox> {
    return StrategySandbox.openLoaded(await loadSandboxEngine(), compiled, limits);
  }

  /** {@link open} with the engine already loaded: synchronous, for a strategy factory. */
  static openLoaded(
    engine: SandboxEngine,
    compiled: CompiledStrategy,
    limits: Partial<SandboxLimits> = {},
  ): StrategySandbox {
    const all = { ...DEFAULT_SANDBOX_LIMITS, ...limits };
    return new StrategySandbox(engine.module, engine.guest, compiled, all);
  }

  private constructor(
    module: QuickJSWASMModule,
    guest: string,
    compiled: CompiledStrategy,
    limits: SandboxLimits,
  ) {
    this.limits = limits;
    this.#sourceMap = compiled.sourceMap;
    this.#runtime = module.newRuntime();
    this.#runtime.setMemoryLimit(limits.memoryBytes);
    this.#runtime.setMaxStackSize(limits.stackBytes);
    this.#vm = this.#runtime.newContext();
    const host = this.#vm.newObject();
    const entryQuantity = this.#vm.newFunction('entryQuantity', (price, equity) =>
      this.#vm.newNumber(
        this.#entryQuantity(this.#vm.getNumber(price), this.#vm.getNumber(equity)),
      ),
    );
    this.#vm.setProp(host, 'entryQuantity', entryQuantity);
    this.#vm.setProp(this.#vm.global, '__host', host);
    entryQuantity.dispose();
    host.dispose();
    this.#guard(() => this.#vm.evalCode(compiled.code, COMPILED_FILE_NAME)).dispose();
    this.#guard(() => this.#vm.evalCode(guest, 'runtime.js')).dispose();
    this.#api = this.#vm.getProp(this.#vm.global, '__tw');
  }

  /** The file's declared name and parameters, validated. */
  manifest(): StrategyModuleManifest {
    return parseStrategyManifest(JSON.parse(this.#call('manifest') as string));
  }

  /** Builds the strategy from validated parameters; returns its warm-up bar count. */
  create(params: Readonly<Record<string, unknown>>, seed: number): number {
    return this.#call('create', JSON.stringify(params), seed) as number;
  }

  /** Gives the strategy its symbol, the broker's costs and how entries are sized. */
  bind(options: {
    symbol: string;
    costModel: CostModel;
    entryQuantity: (price: number, equity: number) => number;
  }): void {
    this.#entryQuantity = options.entryQuantity;
    this.#call('bind', options.symbol, JSON.stringify(options.costModel));
  }

  /** Hands the sandbox `count` bars (six float64 columns each: time, open, high, low, close, volume). */
  load(bars: Float64Array, count: number): void {
    this.#call('load', bars.slice(0, count * COLUMNS).buffer, count);
  }

  /** Replays the loaded bars from `offset`; stops after the first bar that orders. */
  run(offset: number, state: BrokerState): BatchOutcome {
    const outcome = this.#call(
      'run',
      offset,
      state.position,
      state.averagePrice,
      state.costBasis,
      state.pending,
      state.cash,
      state.otherValue,
    ) as number | string;
    return typeof outcome === 'number' ? { processed: outcome, orders: [] } : JSON.parse(outcome);
  }

  /** Tells the strategy about a fill or a rejection of its order. */
  notify(kind: 'fill' | 'rejection', payload: unknown): void {
    this.#call('notify', kind, JSON.stringify(payload));
  }

  /**
   * Frees the runtime; the sandbox cannot be used afterwards. A failed one is left to the
   * garbage collector instead: QuickJS asserts (and aborts) freeing a runtime that died of a
   * stack overflow, with objects still listed; its heap was capped anyway.
   */
  dispose(): void {
    if (!this.#vm.alive || this.#failure !== undefined) return;
    for (const handle of this.#methods.values()) handle.dispose();
    this.#api.dispose();
    this.#vm.dispose();
    this.#runtime.dispose();
  }

  #call(method: string, ...args: Array<string | number | boolean | ArrayBuffer>): unknown {
    const vm = this.#vm;
    const handles = args.map((value) =>
      typeof value === 'string'
        ? vm.newString(value)
        : typeof value === 'number'
          ? vm.newNumber(value)
          : typeof value === 'boolean'
            ? value
              ? vm.true
              : vm.false
            : vm.newArrayBuffer(value),
    );
    let fn = this.#methods.get(method);
    if (fn === undefined) {
      fn = vm.getProp(this.#api, method);
      this.#methods.set(method, fn);
    }
    try {
      const result = this.#guard(() => vm.callFunction(fn, vm.undefined, ...handles));
      const value = vm.dump(result);
      result.dispose();
      return value;
    } finally {
      for (const handle of handles) if (handle.alive) handle.dispose();
    }
  }

  // Runs one guest call under the CPU deadline; a failure is kept and thrown as a DomainError.
  #guard(call: () => ReturnType<QuickJSContext['evalCode']>): QuickJSHandle {
    if (this.#failure !== undefined) throw this.#failure;
    this.#runtime.setInterruptHandler(
      shouldInterruptAfterDeadline(Date.now() + this.limits.cpuMillisPerCall),
    );
    let result: ReturnType<QuickJSContext['evalCode']>;
    try {
      result = call();
    } catch (error) {
      // The engine itself gave up (e.g. memory exhausted while raising an error).
      this.#failure = strategyError({ message: (error as Error).message }, '', this.#limitsText());
      throw this.#failure;
    } finally {
      this.#runtime.removeInterruptHandler();
    }
    if (result.error === undefined) return result.value;
    const failure = this.#dumpFailure(result.error);
    result.error.dispose();
    this.#failure = strategyError(failure, this.#sourceMap, this.#limitsText());
    throw this.#failure;
  }

  #dumpFailure(handle: QuickJSHandle): GuestFailure {
    try {
      const dumped = this.#vm.dump(handle) as GuestFailure | string;
      return typeof dumped === 'object' && dumped !== null ? dumped : { message: String(dumped) };
    } catch {
      return { message: 'the strategy failed and its error could not be read' };
    }
  }

  #limitsText(): string {
    const { memoryBytes, cpuMillisPerCall } = this.limits;
    return `${Math.round(memoryBytes / 1024 / 1024)} MiB, ${cpuMillisPerCall} ms per batch`;
  }
}
