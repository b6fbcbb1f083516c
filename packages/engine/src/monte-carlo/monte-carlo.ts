import { DomainError } from '@tradewind/core';
import { validateNumber } from '../execution/validate-number.ts';
import { percentileOfSorted } from '../metrics/statistics.ts';
import { SeededRandom } from '../random/seeded-random.ts';

/** How trade sequences are drawn. */
export type MonteCarloMethod = 'bootstrap' | 'shuffle';

export type MonteCarloOptions = {
  /** Net pnl of each closed round trip, in the order they happened. */
  readonly tradePnls: ArrayLike<number>;
  readonly initialCash: number;
  /** Simulated sequences. Default 1000. */
  readonly runs?: number;
  readonly seed: number;
  /**
   * `bootstrap` (default): each run draws `tradesPerRun` trades with replacement, so both the
   * order and the mix vary. `shuffle`: each run is a permutation of the actual trades, so only
   * the order (and hence the drawdown) varies; final equity is then the same in every run.
   */
  readonly method?: MonteCarloMethod;
  /** Trades per run for `bootstrap`. Default: as many as there were. */
  readonly tradesPerRun?: number;
};

/** The 5th, 25th, 50th, 75th and 95th percentiles of a simulated quantity. */
export type PercentileBands = {
  readonly p5: number;
  readonly p25: number;
  readonly p50: number;
  readonly p75: number;
  readonly p95: number;
};

export type MonteCarloResult = {
  readonly runs: number;
  readonly tradesPerRun: number;
  readonly method: MonteCarloMethod;
  readonly seed: number;
  readonly finalEquity: PercentileBands;
  /** Max drawdown of each run's trade-by-trade equity path, a positive fraction. */
  readonly maxDrawdown: PercentileBands;
  /** Share of runs ending below the initial cash. */
  readonly probabilityOfLoss: number;
};

/**
 * Resamples the trade pnl sequence to show how much of a result was luck of ordering and mix.
 *
 * Each run starts at `initialCash` and adds one trade pnl at a time (pnl in money, not returns,
 * because the strategies size in money too); its drawdown is measured on that trade-by-trade path
 * (`1 - equity / running peak`, the peak starting at `initialCash`). Percentiles use linear
 * interpolation (type 7). Deterministic: same inputs and seed, same result.
 */
export function runMonteCarlo(options: MonteCarloOptions): MonteCarloResult {
  const pnls = Float64Array.from(options.tradePnls);
  const method = options.method ?? 'bootstrap';
  const runs = options.runs ?? 1000;
  validateNumber('initialCash', options.initialCash, { minimum: 0, exclusiveMinimum: true });
  if (!Number.isInteger(runs) || runs < 1 || runs > 1_000_000) {
    throw new DomainError(
      'VALIDATION_ERROR',
      `runs must be a whole number in 1..1000000 (got ${runs})`,
      {
        field: 'runs',
      },
    );
  }
  // With no trades there is nothing to draw: every run stays at the initial cash.
  const tradesPerRun =
    method === 'shuffle' || pnls.length === 0 ? pnls.length : (options.tradesPerRun ?? pnls.length);
  if (!Number.isInteger(tradesPerRun) || tradesPerRun < 0) {
    throw new DomainError(
      'VALIDATION_ERROR',
      `tradesPerRun must be a whole number (got ${tradesPerRun})`,
      {
        field: 'tradesPerRun',
      },
    );
  }
  const random = new SeededRandom(options.seed);
  const finals = new Float64Array(runs);
  const drawdowns = new Float64Array(runs);
  const order = Float64Array.from(pnls);
  const count = pnls.length;
  for (let run = 0; run < runs; run++) {
    let equity = options.initialCash;
    let peak = equity;
    let worst = 0;
    for (let i = 0; i < tradesPerRun; i++) {
      let pnl: number;
      if (method === 'bootstrap') {
        pnl = pnls[random.nextInt(count)] as number;
      } else {
        // Fisher–Yates, one step per trade, so a full pass is a uniform permutation.
        const j = i + random.nextInt(count - i);
        pnl = order[j] as number;
        order[j] = order[i] as number;
        order[i] = pnl;
      }
      equity += pnl;
      if (equity > peak) peak = equity;
      else if (peak > 0 && 1 - equity / peak > worst) worst = 1 - equity / peak;
    }
    finals[run] = equity;
    drawdowns[run] = worst;
  }
  let losses = 0;
  for (let run = 0; run < runs; run++) if ((finals[run] as number) < options.initialCash) losses++;
  return {
    runs,
    tradesPerRun,
    method,
    seed: options.seed,
    finalEquity: bands(finals.sort()),
    maxDrawdown: bands(drawdowns.sort()),
    probabilityOfLoss: losses / runs,
  };
}

function bands(sorted: Float64Array): PercentileBands {
  return {
    p5: percentileOfSorted(sorted, 5),
    p25: percentileOfSorted(sorted, 25),
    p50: percentileOfSorted(sorted, 50),
    p75: percentileOfSorted(sorted, 75),
    p95: percentileOfSorted(sorted, 95),
  };
}
