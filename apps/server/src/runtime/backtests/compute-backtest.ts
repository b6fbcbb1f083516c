import type { BacktestResult } from '@tradewind/core';
import {
  type BarSeries,
  type CancellationSignal,
  type ClosedTrade,
  compareStrategies,
  firstBarAtOrAfter,
  type Instrument,
  type MonteCarloResult,
  type PerformanceMetrics,
  runBacktest,
  runEnsembleBacktest,
  runMonteCarlo,
  runWalkForward,
  sliceBarSeries,
  storedCurves,
  storedTrades,
  storedWalkForward,
  summarizeRejections,
  tradedPeriod,
} from '@tradewind/engine';
import type { BacktestJobSpec } from './backtest-job-spec.ts';

export type ComputeHooks = {
  /** Bars done of all the bars the job walks (walk-forward windows count as bars). */
  onProgress?: (barsDone: number, totalBars: number) => void;
  signal?: CancellationSignal;
};

/** What a finished job stores: the headline metrics and the whole result. */
export type ComputedBacktest = {
  metrics: PerformanceMetrics;
  result: BacktestResult;
  /** First and last traded bar (epoch ms), for the PerformanceRecord. */
  startTime: number;
  endTime: number;
};

/** What the three kinds of job share: the spec, the bars, the costs, the traded span. */
type Job = {
  readonly spec: BacktestJobSpec;
  readonly hooks: ComputeHooks;
  /** All bars, warm-up included (a CSV's bars before `start`). */
  readonly bars: Readonly<Record<string, BarSeries>>;
  /** The bars between `start` and `end`. */
  readonly traded: Readonly<Record<string, BarSeries>>;
  readonly span: { bars: number; startTime: number; endTime: number };
  readonly costs: {
    bars: Readonly<Record<string, BarSeries>>;
    startTime: number | undefined;
    endTime: number | undefined;
    initialCash: number;
    commission: number;
    slippage: number;
    sizing: BacktestJobSpec['sizing'];
    instruments: Readonly<Record<string, Instrument>> | undefined;
    seed: number;
    periodsPerYear: number | undefined;
    signal: CancellationSignal | undefined;
  };
};

/**
 * Runs a job through the engine's public API: a backtest (plus Monte Carlo and walk-forward
 * when asked), an ensemble, or a comparison. Pure and synchronous: the runner calls it on a
 * worker thread. Same spec and bars, same answer.
 *
 * @throws DomainError `VALIDATION_ERROR` for what the engine refuses (named by it).
 * @throws BacktestCancelledError once `hooks.signal` is aborted.
 */
export function computeBacktest(
  spec: BacktestJobSpec,
  bars: Readonly<Record<string, BarSeries>>,
  hooks: ComputeHooks,
): ComputedBacktest {
  // Bars before `start` (a CSV's) only warm the strategies up, as in the CLI's local run; the
  // ensemble and the walk-forward take the traded bars alone.
  const startTime = spec.data.start === null ? undefined : Date.parse(spec.data.start);
  const endTime = spec.data.end === null ? undefined : Date.parse(spec.data.end);
  const traded = tradedBars(bars, startTime, endTime);
  const job: Job = {
    spec,
    hooks,
    bars,
    traded,
    span: tradedSpan(traded),
    costs: {
      bars,
      startTime,
      endTime,
      initialCash: spec.initialCapital,
      commission: spec.commission,
      slippage: spec.slippage,
      sizing: spec.sizing,
      instruments: spec.instruments ?? undefined,
      seed: spec.seed,
      periodsPerYear: spec.periodsPerYear ?? undefined,
      signal: hooks.signal,
    },
  };
  const computed =
    spec.kind === 'compare'
      ? comparison(job)
      : spec.kind === 'ensemble'
        ? ensemble(job)
        : backtest(job);
  return { ...computed, startTime: job.span.startTime, endTime: job.span.endTime };
}

type Computed = Pick<ComputedBacktest, 'metrics' | 'result'>;

/** The costs and annualisation the job ran with, as every result shows them. */
function assumptionsOf(
  spec: BacktestJobSpec,
  metrics: PerformanceMetrics,
): NonNullable<BacktestResult['assumptions']> {
  return {
    initialCapital: spec.initialCapital,
    commission: spec.commission,
    slippage: spec.slippage,
    sizing: spec.sizing,
    seed: spec.seed,
    periodsPerYear: metrics.periodsPerYear,
    periodsPerYearFrom: spec.periodsPerYear === null ? 'bars' : 'request',
    instruments: spec.instruments ?? null,
  };
}

/** 2-10 strategies ranked; the headline metrics are the winner's. */
function comparison({ spec, hooks, bars, span, costs }: Job): Computed {
  const compared = compareStrategies({
    ...costs,
    strategies: spec.strategies.map(({ name, params, label }) => ({ name, params, label })),
    settings: {
      metrics: spec.comparison?.metrics,
      ...(spec.comparison?.rankBy && { rankBy: spec.comparison.rankBy }),
    },
  });
  hooks.onProgress?.(span.bars, span.bars);
  const winner = compared.entries[0];
  if (winner === undefined) throw new Error('a comparison ranked no strategy');
  return {
    metrics: winner.metrics,
    result: {
      ...emptyResult(Object.keys(bars), span.bars),
      assumptions: assumptionsOf(spec, winner.metrics),
      comparison: {
        metrics: [...compared.metrics],
        rankBy: compared.rankBy,
        entries: compared.entries.map((entry) => ({
          label: entry.label,
          strategy: entry.strategy,
          params: { ...entry.params },
          rank: entry.rank,
          values: { ...entry.values },
          ranks: { ...entry.ranks },
          metrics: entry.metrics,
        })),
      },
    },
  };
}

/** Weighted members on the traded bars; Monte Carlo over all members' trades. */
function ensemble({ spec, hooks, bars, traded, span, costs }: Job): Computed {
  const { startTime: _start, ...ensembleCosts } = costs;
  const run = runEnsembleBacktest({
    ...ensembleCosts,
    bars: traded,
    onProgress: hooks.onProgress,
    members: spec.strategies.map(({ name, params, label, weight }) => ({
      name,
      params,
      label,
      weight: weight ?? 0,
    })),
    settings: spec.ensemble ?? undefined,
  });
  const trades = run.members.flatMap((member) => member.closedTrades);
  trades.sort((a, b) => a.exitTime - b.exitTime);
  return {
    metrics: run.metrics,
    result: {
      ...storedCurves(run.equityCurve, run.drawdownCurve),
      symbols: Object.keys(bars),
      barsProcessed: span.bars,
      assumptions: assumptionsOf(spec, run.metrics),
      period: tradedPeriod(run.equityCurve.times),
      // The ensemble's members keep their brokers' rejections to themselves.
      rejections: null,
      ...storedTrades(trades),
      fills: run.members.reduce((sum, member) => sum + member.fills, 0),
      riskEvents: [...run.riskEvents],
      monteCarlo: spec.monteCarlo && monteCarloOf(spec, trades, spec.monteCarlo.runs),
      walkForward: null,
      ensemble: {
        members: run.members.map((member) => ({
          label: member.label,
          strategy: member.strategy,
          params: { ...member.params },
          weight: member.weight,
          finalEquity: member.finalEquity,
          trades: member.closedTrades.length,
        })),
        rebalance: run.rebalance,
        rebalances: run.rebalances,
        riskEvents: [...run.riskEvents],
        halted: run.halted,
      },
      comparison: null,
    },
  };
}

/** One strategy, with the engine's Monte Carlo and, when asked, a walk-forward after it. */
function backtest({ spec, hooks, traded, costs }: Job): Computed {
  const [strategy] = spec.strategies;
  if (strategy === undefined) throw new Error('a backtest job names no strategy');
  const selection = { name: strategy.name, params: strategy.params };
  // The walk-forward walks the bars a second time: progress counts both passes.
  const passes = spec.walkForward ? 2 : 1;
  let firstPass = 0;
  const run = runBacktest({
    ...costs,
    strategy: selection,
    ...(spec.risk && { risk: spec.risk }),
    onProgress: (done, total) => {
      firstPass = total;
      hooks.onProgress?.(done, total * passes);
    },
    ...(spec.monteCarlo && { monteCarlo: { runs: spec.monteCarlo.runs } }),
    // What is stored: the curves downsampled, built without the full ones.
    detail: 'bounded',
  });
  const walkForward =
    spec.walkForward &&
    runWalkForward({
      ...costs,
      bars: Object.values(traded)[0] as BarSeries,
      strategy: selection,
      settings: {
        window: spec.walkForward.window,
        ...(spec.walkForward.outOfSample !== null && { outOfSample: spec.walkForward.outOfSample }),
        ...(spec.walkForward.grid !== null && { grid: spec.walkForward.grid }),
        ...(spec.walkForward.optimizeFor !== null && {
          optimizeFor: spec.walkForward.optimizeFor,
        }),
      },
      onProgress: (windowsDone, totalWindows) =>
        hooks.onProgress?.(
          firstPass + Math.floor((windowsDone / totalWindows) * firstPass),
          firstPass * 2,
        ),
    });
  return {
    metrics: run.metrics,
    result: {
      ...storedCurves(run.equityCurve, run.drawdownCurve),
      symbols: [...run.symbols],
      barsProcessed: run.barsProcessed,
      assumptions: assumptionsOf(spec, run.metrics),
      period: run.period,
      rejections: summarizeRejections(run.rejections),
      ...storedTrades(run.closedTrades),
      fills: run.fills.length,
      riskEvents: [...run.riskEvents],
      monteCarlo: run.monteCarlo,
      walkForward: walkForward ? storedWalkForward(walkForward) : null,
      ensemble: null,
      comparison: null,
    },
  };
}

function monteCarloOf(
  spec: BacktestJobSpec,
  trades: readonly ClosedTrade[],
  runs: number,
): MonteCarloResult {
  return runMonteCarlo({
    tradePnls: trades.map((trade) => trade.pnl),
    initialCash: spec.initialCapital,
    seed: spec.seed,
    runs,
  });
}

function emptyResult(symbols: string[], barsProcessed: number): BacktestResult {
  return {
    symbols,
    barsProcessed,
    assumptions: null,
    period: null,
    rejections: null,
    equityCurve: { times: [], equity: [] },
    drawdownCurve: [],
    trades: [],
    tradesOmitted: 0,
    fills: 0,
    riskEvents: [],
    monteCarlo: null,
    walkForward: null,
    ensemble: null,
    comparison: null,
  };
}

function tradedBars(
  bars: Readonly<Record<string, BarSeries>>,
  startTime: number | undefined,
  endTime: number | undefined,
): Record<string, BarSeries> {
  const traded: Record<string, BarSeries> = {};
  for (const [symbol, series] of Object.entries(bars)) {
    traded[symbol] = sliceBarSeries(
      series,
      startTime === undefined ? 0 : firstBarAtOrAfter(series, startTime),
      endTime === undefined ? series.length : firstBarAtOrAfter(series, endTime + 1),
    );
  }
  return traded;
}

/** All bars of all symbols, and the first and last bar time among them. */
function tradedSpan(bars: Readonly<Record<string, BarSeries>>): {
  bars: number;
  startTime: number;
  endTime: number;
} {
  let count = 0;
  let startTime = Number.POSITIVE_INFINITY;
  let endTime = Number.NEGATIVE_INFINITY;
  for (const series of Object.values(bars)) {
    if (series.length === 0) continue;
    count += series.length;
    startTime = Math.min(startTime, series.time[0] as number);
    endTime = Math.max(endTime, series.time[series.length - 1] as number);
  }
  return { bars: count, startTime, endTime };
}
