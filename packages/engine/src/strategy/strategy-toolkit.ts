import { ATR } from '../indicators/atr.ts';
import { BarWindow } from '../indicators/bar-window.ts';
import { BollingerBands } from '../indicators/bollinger-bands.ts';
import { Crossover } from '../indicators/crossover.ts';
import { EMA } from '../indicators/ema.ts';
import { MACD } from '../indicators/macd.ts';
import { RSI } from '../indicators/rsi.ts';
import { SMA } from '../indicators/sma.ts';
import { enterLong, exitLong } from './position-actions.ts';
import type { StrategyToolkit } from './strategy-module.ts';

/** The toolkit strategy files get: the engine's own indicators and order helpers. */
export const STRATEGY_TOOLKIT: StrategyToolkit = Object.freeze({
  indicators: Object.freeze({ SMA, EMA, RSI, MACD, BollingerBands, ATR, Crossover, BarWindow }),
  enterLong,
  exitLong,
});
