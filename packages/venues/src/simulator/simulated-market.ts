import { TIMEFRAME_MS, type Timeframe } from '@tradewind/core';
import type { Bar } from '@tradewind/engine';

/** Bar 0 of every simulated series opens here; later bars follow at the timeframe's length. */
export const SIMULATION_ANCHOR_MS = Date.UTC(2020, 0, 1);
const YEAR_MS = 365 * 86_400_000;
// Cumulative log return is kept every BLOCK bars, so any bar is at most BLOCK steps away.
const BLOCK = 1024;
const TWO_POW_32 = 4_294_967_296;

/** Per-symbol character of the walk, derived from the symbol's hash. */
type SymbolProfile = {
  readonly key: number;
  readonly startPrice: number;
  /** Annual drift and volatility of the geometric random walk. */
  readonly drift: number;
  readonly volatility: number;
};

type Series = {
  readonly profile: SymbolProfile;
  readonly stepMs: number;
  /** Per-bar log-return mean and standard deviation. */
  readonly mu: number;
  readonly sigma: number;
  /** checkpoints[k] = sum of the log returns of bars 0 .. k*BLOCK-1. */
  readonly checkpoints: number[];
  // The last bar computed: consecutive bars cost one step.
  lastIndex: number;
  lastLogClose: number;
};

// A 32-bit integer hash (lowbias32): the randomness of bar i depends only on (key, i, k), not on
// the order bars are asked for, which is what makes the series addressable and replayable.
function mix(value: number): number {
  let h = value >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  h ^= h >>> 15;
  h = Math.imul(h, 0x846ca68b);
  h ^= h >>> 16;
  return h >>> 0;
}

function uniform(key: number, index: number, stream: number): number {
  const h = mix(key ^ mix((index + Math.imul(stream, 0x9e3779b9)) | 0));
  return (h + 0.5) / TWO_POW_32;
}

function normal(key: number, index: number, stream: number): number {
  // Box-Muller on two independent uniforms in (0, 1).
  const u1 = uniform(key, index, stream);
  const u2 = uniform(key, index, stream + 1);
  return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
}

function hashString(text: string, seed: number): number {
  let h = mix(seed ^ 0x5bd1e995);
  for (let i = 0; i < text.length; i++) h = mix(h ^ text.charCodeAt(i));
  return h;
}

/**
 * The built-in market: per symbol a seeded geometric random walk,
 * `logClose[i] = ln(startPrice) + Σ_{j<=i} ((drift - σ²/2)·dt + σ·√dt·z_j)` with `dt` the bar's
 * length in years and `z_j` a standard normal drawn from a hash of (seed, symbol, j). Start price
 * (20..500), annual drift (-10 %..+20 %) and volatility (20 %..60 %) come from the symbol's hash.
 * Each bar opens at the previous close; high and low extend the body by a half-normal wick.
 * Pure and deterministic: two processes with the same seed serve identical bars.
 */
export class SimulatedMarket {
  readonly seed: number;
  #series = new Map<string, Series>();

  constructor(seed: number) {
    this.seed = seed;
  }

  align(timeframe: Timeframe, time: number): number {
    const step = TIMEFRAME_MS[timeframe];
    return SIMULATION_ANCHOR_MS + Math.floor((time - SIMULATION_ANCHOR_MS) / step) * step;
  }

  barAt(symbol: string, timeframe: Timeframe, time: number): Bar {
    const series = this.#seriesFor(symbol, timeframe);
    const index = (time - SIMULATION_ANCHOR_MS) / series.stepMs;
    if (!Number.isInteger(index) || index < 0) {
      throw new RangeError(`no simulated ${timeframe} bar of ${symbol} opens at ${time}`);
    }
    const logClose = this.#logClose(series, index);
    const key = series.profile.key;
    const logOpen = logClose - this.#logReturn(series, index);
    const open = Math.exp(logOpen);
    const close = Math.exp(logClose);
    const wick = series.sigma * 0.5;
    const high = Math.max(open, close) * Math.exp(Math.abs(normal(key, index, 4)) * wick);
    const low = Math.min(open, close) * Math.exp(-Math.abs(normal(key, index, 6)) * wick);
    const volume = Math.round(1_000 + uniform(key, index, 8) * 99_000);
    return { time, open, high, low, close, volume };
  }

  history(symbol: string, timeframe: Timeframe, time: number, count: number): Bar[] {
    const step = TIMEFRAME_MS[timeframe];
    const bars: Bar[] = [];
    for (let i = count; i >= 1; i--) bars.push(this.barAt(symbol, timeframe, time - i * step));
    return bars;
  }

  #seriesFor(symbol: string, timeframe: Timeframe): Series {
    const id = `${symbol}\u0000${timeframe}`;
    let series = this.#series.get(id);
    if (series === undefined) {
      const key = hashString(symbol, this.seed);
      const profile: SymbolProfile = {
        key,
        startPrice: 20 + uniform(key, 0, 100) * 480,
        drift: -0.1 + uniform(key, 0, 101) * 0.3,
        volatility: 0.2 + uniform(key, 0, 102) * 0.4,
      };
      const stepMs = TIMEFRAME_MS[timeframe];
      const dt = stepMs / YEAR_MS;
      series = {
        profile,
        stepMs,
        mu: (profile.drift - (profile.volatility * profile.volatility) / 2) * dt,
        sigma: profile.volatility * Math.sqrt(dt),
        checkpoints: [Math.log(profile.startPrice)],
        lastIndex: -1,
        lastLogClose: 0,
      };
      this.#series.set(id, series);
    }
    return series;
  }

  #logReturn(series: Series, index: number): number {
    return series.mu + series.sigma * normal(series.profile.key, index, 2);
  }

  // Always summed the same way (block by block from bar 0), so the float result is identical
  // whatever order bars are asked for in.
  #logClose(series: Series, index: number): number {
    if (index === series.lastIndex) return series.lastLogClose;
    const block = Math.floor(index / BLOCK);
    let value: number;
    if (index === series.lastIndex + 1 && index % BLOCK !== 0) {
      value = series.lastLogClose + this.#logReturn(series, index);
    } else {
      const checkpoints = series.checkpoints;
      while (checkpoints.length <= block) {
        const k = checkpoints.length - 1;
        let sum = checkpoints[k] as number;
        for (let j = k * BLOCK; j < (k + 1) * BLOCK; j++) sum += this.#logReturn(series, j);
        checkpoints.push(sum);
      }
      value = checkpoints[block] as number;
      for (let j = block * BLOCK; j <= index; j++) value += this.#logReturn(series, j);
    }
    series.lastIndex = index;
    series.lastLogClose = value;
    return value;
  }
}
