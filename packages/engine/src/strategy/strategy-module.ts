import type { RiskLevel, StrategyCategory } from '@tradewind/core';
import type { Bar } from '../data/bar.ts';
import type { Fill } from '../execution/fill.ts';
import type { OrderRejection } from '../execution/order.ts';
import type { ATR } from '../indicators/atr.ts';
import type { BarWindow } from '../indicators/bar-window.ts';
import type { BollingerBands } from '../indicators/bollinger-bands.ts';
import type { Crossover } from '../indicators/crossover.ts';
import type { EMA } from '../indicators/ema.ts';
import type { MACD } from '../indicators/macd.ts';
import type { RSI } from '../indicators/rsi.ts';
import type { SMA } from '../indicators/sma.ts';
import type { enterLong, exitLong } from './position-actions.ts';
import type { StrategyContext } from './strategy.ts';

/** The largest strategy file accepted (locally and on upload), in bytes of UTF-8: 256 kB. */
export const MAX_STRATEGY_SOURCE_BYTES = 256 * 1024;

/**
 * One declared parameter: its type, default and range. Plain data, so forms, optimisers and the
 * server read it without running the strategy's code.
 */
export type ParameterSpec =
  | {
      readonly type: 'integer' | 'number';
      readonly default: number;
      readonly min?: number;
      readonly max?: number;
      readonly description?: string;
    }
  | { readonly type: 'boolean'; readonly default: boolean; readonly description?: string };

/** Parameter values as `create` receives them: validated, defaults filled in. */
export type ParameterValues = Readonly<Record<string, number | boolean>>;

/**
 * What `create` is handed: the indicator library and the long-only order helpers. A strategy
 * file imports nothing at run time (only types), so the same file runs in this process and in
 * the server's sandbox, where these are the sandbox's own copies.
 */
export type StrategyToolkit = {
  readonly indicators: {
    readonly SMA: typeof SMA;
    readonly EMA: typeof EMA;
    readonly RSI: typeof RSI;
    readonly MACD: typeof MACD;
    readonly BollingerBands: typeof BollingerBands;
    readonly ATR: typeof ATR;
    readonly Crossover: typeof Crossover;
    readonly BarWindow: typeof BarWindow;
  };
  readonly enterLong: typeof enterLong;
  readonly exitLong: typeof exitLong;
};

/** The per-symbol logic `create` returns; the engine calls it exactly as a built-in. */
export type StrategyLogic = {
  /** Bars needed before the first decision. Default 0. */
  readonly warmupBars?: number;
  /** Called on each closed bar; orders go through `context.broker` and fill at the next open. */
  onBar(bar: Bar, context: StrategyContext): void;
  /** Called when one of this symbol's orders filled. */
  onFill?(fill: Fill, context: StrategyContext): void;
  /** Called when one of this symbol's orders was refused (funds, position, exchange minimum). */
  onRejection?(rejection: OrderRejection, context: StrategyContext): void;
};

/**
 * A strategy written as a file: the public API for user strategies (`export default` one of
 * these). The engine builds a {@link StrategyDefinition} from it, as for a built-in.
 */
export type StrategyModule<Params extends ParameterValues = ParameterValues> = {
  readonly name: string;
  readonly description?: string;
  readonly category?: StrategyCategory;
  readonly riskLevel?: RiskLevel;
  /** Every parameter the strategy reads, with its default and range. */
  readonly params: Readonly<Record<string, ParameterSpec>>;
  /** Builds the logic for one symbol from validated parameters. */
  create(params: Params, toolkit: StrategyToolkit): StrategyLogic;
};
