import { z } from 'zod';
import { BACKTEST_DEFAULTS, MAX_LISTED_REJECTIONS } from './backtest-defaults.ts';
import { ZStrategyParams, ZSymbol, ZTimeframe } from './bots.ts';
import { zId } from './id.ts';
import { ZVenue } from './market.ts';
import { zFreeFormRecord } from './safe-json.ts';
import { ZStrategyId, ZSymbols } from './strategies.ts';

/**
 * Backtests as server-side jobs (issue 6, seed 002's `/backtest` and `/compare`): what a caller
 * submits, the job's progress events and the stored result. camelCase here; REST mappings
 * spell seed 002's snake_case (`include_monte_carlo`, ...) from these.
 */

/**
 * Largest CSV accepted inline, in characters: with its JSON escaping the request stays under the
 * server's 1 MiB body limit (about 30 years of daily bars). Longer histories: import them in
 * parts with `market.import` and backtest the stored candles.
 */
export const MAX_BACKTEST_CSV_BYTES = 900_000;
/** Compare takes this many strategies at least and at most. */
export const MIN_COMPARED_STRATEGIES = 2;
export const MAX_COMPARED_STRATEGIES = 10;
/** Curves are stored and sent with at most this many points (full resolution is not needed). */
export const MAX_CURVE_POINTS = 1000;
/** Closed trades stored and sent per job (the metrics count them all). */
export const MAX_STORED_TRADES = 5000;
/** How far ensemble weights may be from summing to 1 (float input such as 0.1 + 0.2 + 0.7). */
export const WEIGHT_SUM_TOLERANCE = 1e-6;

const ZIsoDateTime = z.iso.datetime({ offset: true, error: 'must be an ISO 8601 date-time' });

/** A built-in algorithm of the engine registry by name, or a saved strategy (needs `execute`). */
export const ZBacktestStrategyRef = z.discriminatedUnion('type', [
  z
    .object({
      type: z.literal('builtin'),
      /** A built-in strategy name, e.g. `MovingAverage`. */
      name: z.string().trim().min(1, 'is required').max(100),
      params: ZStrategyParams.default({}),
    })
    .strict(),
  z.object({ type: z.literal('saved'), strategyId: ZStrategyId }).strict(),
]);
export type BacktestStrategyRef = z.input<typeof ZBacktestStrategyRef>;

/**
 * Risk rules of a backtest, in fractions (0.03 = 3 %), applied exactly as a bot applies its
 * settings (a bot's `stopLossPercent: 3` is `stopLoss: 0.03` here): each decided on a bar's
 * close and filled at that close. Unset rules are off.
 */
export const ZBacktestRisk = z
  .object({
    /** Sell a position whose bar closes this fraction or more below its average entry price. */
    stopLoss: z.number().gt(0).max(1).optional(),
    /** Sell everything and stop trading once equity falls this fraction below its peak. */
    maxDrawdown: z.number().gt(0).max(1).optional(),
    /** Sell everything and stop trading once equity falls this fraction below the UTC day's start. */
    maxDailyLoss: z.number().gt(0).max(1).optional(),
    /** Bar intervals after a stop-loss before the strategy may enter that symbol again. */
    cooldownBars: z.number().int().min(0).max(10_000).optional(),
  })
  .strict();
export type BacktestRisk = z.infer<typeof ZBacktestRisk>;

/** Seed 002's ensemble: weighted strategies (weights sum to 1), rebalancing, risk rules. */
export const ZBacktestEnsemble = z
  .object({
    type: z.literal('ensemble'),
    members: z
      .array(
        z
          .object({
            strategy: ZBacktestStrategyRef,
            /** Share of the capital. */
            weight: z.number().gt(0, 'must be greater than 0').max(1, 'must be at most 1'),
            label: z.string().trim().min(1).max(100).optional(),
          })
          .strict(),
      )
      .min(2, 'an ensemble needs at least 2 strategies')
      .max(MAX_COMPARED_STRATEGIES, `an ensemble takes at most ${MAX_COMPARED_STRATEGIES}`)
      .superRefine((members, context) => {
        const sum = members.reduce((total, member) => total + member.weight, 0);
        if (Math.abs(sum - 1) > WEIGHT_SUM_TOLERANCE) {
          context.addIssue({
            code: 'custom',
            message: `weights must sum to 1 (they sum to ${Number(sum.toPrecision(12))})`,
          });
        }
      }),
    rebalance: z.enum(['never', 'daily', 'weekly', 'monthly']).default('daily'),
    /**
     * Seed 002's `risk_management` (`max_drawdown`, `stop_loss`, plus our `maxDailyLoss` and
     * `cooldownBars`): stop-loss and cooldown per member, drawdown and daily loss on the portfolio.
     */
    riskManagement: ZBacktestRisk.default({}),
  })
  .strict();

/** What a backtest runs: one strategy, or an ensemble of them. */
export const ZBacktestStrategy = z.union([ZBacktestStrategyRef, ZBacktestEnsemble]);

/**
 * Where the bars come from: stored candles (`market.import`, `market.sync`), the deterministic simulator, or
 * a CSV sent with the request (date, open, high, low, close[, volume]).
 */
export const ZBacktestData = z
  .discriminatedUnion('source', [
    z
      .object({
        source: z.literal('candles'),
        /** Whose candles: an exchange synced with market.sync (`binance`), or `import` (CSV). */
        venue: ZVenue.default('import'),
        symbols: ZSymbols,
        timeframe: ZTimeframe.default('1d'),
        start: ZIsoDateTime,
        end: ZIsoDateTime,
      })
      .strict(),
    z
      .object({
        source: z.literal('simulator'),
        symbols: ZSymbols,
        timeframe: ZTimeframe.default('1d'),
        start: ZIsoDateTime,
        end: ZIsoDateTime,
        /** Seed of the simulated walk; default: the server's simulator seed. */
        seed: z
          .number()
          .int()
          .min(0)
          .max(2 ** 31 - 1)
          .optional(),
      })
      .strict(),
    z
      .object({
        source: z.literal('csv'),
        symbol: ZSymbol,
        csv: z
          .string()
          .min(1, 'is empty')
          .max(
            MAX_BACKTEST_CSV_BYTES,
            `is larger than ${MAX_BACKTEST_CSV_BYTES / 1000} kB; import longer histories in parts with market.import and backtest the stored candles`,
          ),
        timeframe: ZTimeframe.default('1d'),
        /** Optional trading window inside the file; default: all of it. */
        start: ZIsoDateTime.optional(),
        end: ZIsoDateTime.optional(),
      })
      .strict(),
  ])
  .superRefine((data, context) => {
    if (
      data.start !== undefined &&
      data.end !== undefined &&
      Date.parse(data.end) < Date.parse(data.start)
    ) {
      context.addIssue({
        code: 'custom',
        path: ['end'],
        message: `end (${data.end}) is before start (${data.start})`,
      });
    }
  });
export type BacktestData = z.input<typeof ZBacktestData>;

/**
 * How big an entry is. `fixed`: always `quantity` units. `percent_of_equity`: `percent` % of
 * current equity, rounded down to a multiple of `lotSize`.
 */
export const ZSizing = z.discriminatedUnion('type', [
  z.object({ type: z.literal('fixed'), quantity: z.number().positive().finite() }).strict(),
  z
    .object({
      type: z.literal('percent_of_equity'),
      percent: z.number().positive().max(100),
      lotSize: z.number().positive().finite().default(1),
    })
    .strict(),
]);
export type Sizing = z.input<typeof ZSizing>;

/** The market, money and costs every kind of backtest shares; defaults: {@link BACKTEST_DEFAULTS}. */
const ZBacktestSettings = {
  name: z.string().trim().min(1).max(100).optional(),
  data: ZBacktestData,
  initialCapital: z
    .number({ error: 'must be a number' })
    .positive('must be greater than 0')
    .max(1e12, 'is too large')
    .default(BACKTEST_DEFAULTS.initialCapital),
  /** Commission rate on notional, per fill (0.001 = 0.1 %). */
  commission: z.number().min(0).max(0.1).default(BACKTEST_DEFAULTS.commission),
  /** Slippage rate against the trade. */
  slippage: z.number().min(0).max(0.1).default(BACKTEST_DEFAULTS.slippage),
  sizing: ZSizing.default({ ...BACKTEST_DEFAULTS.sizing }),
  /** Seeds the strategies' random port and the Monte Carlo: same seed, same answer. */
  seed: z
    .number()
    .int()
    .min(0)
    .max(2 ** 31 - 1)
    .default(BACKTEST_DEFAULTS.seed),
  /**
   * Bars per year to annualise ratios with (252 for daily stock bars); default: the bars per
   * year the traded bars have (their count over the years their first and last bar span).
   */
  periodsPerYear: z.number().positive().max(1e8).optional(),
};

/** Metrics a comparison can report and rank on, spelled as in `ZBacktestMetrics`. */
export const ZComparisonMetric = z.enum([
  'totalReturn',
  'finalEquity',
  'pnl',
  'annualizedReturn',
  'sharpeRatio',
  'sortinoRatio',
  'calmarRatio',
  'maxDrawdown',
  'annualizedVolatility',
  'winRate',
  'profitFactor',
  'totalTrades',
  'totalFees',
]);
export type ComparisonMetric = z.infer<typeof ZComparisonMetric>;

/** Seed 002's backtest request (camelCase). */
export const ZBacktestRunInput = z
  .object({
    ...ZBacktestSettings,
    strategy: ZBacktestStrategy,
    includeMonteCarlo: z.boolean().default(false),
    monteCarloRuns: z.number().int().min(1).max(100_000).default(1000),
    walkForward: z.boolean().default(false),
    /** In-sample bars per walk-forward window. */
    walkForwardWindow: z.number().int().min(2).max(1_000_000).default(252),
    /** Out-of-sample bars after each window; default: a quarter of the window. */
    walkForwardOutOfSample: z.number().int().min(1).max(1_000_000).optional(),
    /** Parameter values to try in-sample, e.g. `{ fast: [5, 10], slow: [30, 50] }`. */
    walkForwardGrid: zFreeFormRecord(
      z.array(z.union([z.number(), z.string(), z.boolean()])).min(1),
      z.string().min(1),
    ).optional(),
    /** The in-sample metric the grid is optimised on (default sharpeRatio). */
    walkForwardOptimize: ZComparisonMetric.optional(),
    /** Risk rules of a single strategy's run (an ensemble's are `strategy.riskManagement`). */
    risk: ZBacktestRisk.optional(),
  })
  .strict()
  .superRefine((input, context) => {
    if (input.risk !== undefined && input.strategy.type === 'ensemble') {
      context.addIssue({
        code: 'custom',
        path: ['risk'],
        message: "an ensemble's risk rules go in strategy.riskManagement",
      });
    }
    if (input.risk !== undefined && input.walkForward) {
      context.addIssue({
        code: 'custom',
        path: ['risk'],
        message: 'walk-forward runs without risk rules',
      });
    }
    if (input.walkForward && input.strategy.type === 'ensemble') {
      context.addIssue({
        code: 'custom',
        path: ['walkForward'],
        message: 'walk-forward runs a single strategy, not an ensemble',
      });
    }
    if (input.walkForward && 'symbols' in input.data && input.data.symbols.length > 1) {
      context.addIssue({
        code: 'custom',
        path: ['walkForward'],
        message: 'walk-forward runs on one symbol',
      });
    }
  });
export type BacktestRunInput = z.input<typeof ZBacktestRunInput>;

/** Seed 002's compare: 2-10 strategies over one period, ranked on the chosen metrics. */
export const ZBacktestCompareInput = z
  .object({
    ...ZBacktestSettings,
    strategies: z
      .array(ZBacktestStrategyRef)
      .min(
        MIN_COMPARED_STRATEGIES,
        `compare takes ${MIN_COMPARED_STRATEGIES} to ${MAX_COMPARED_STRATEGIES} strategies`,
      )
      .max(
        MAX_COMPARED_STRATEGIES,
        `compare takes ${MIN_COMPARED_STRATEGIES} to ${MAX_COMPARED_STRATEGIES} strategies`,
      ),
    metrics: z
      .array(ZComparisonMetric)
      .min(1)
      .default(['totalReturn', 'sharpeRatio', 'maxDrawdown', 'winRate', 'totalTrades']),
    /** The metric that orders the ranking; default: the first of `metrics`. */
    rankBy: ZComparisonMetric.optional(),
  })
  .strict();
export type BacktestCompareInput = z.input<typeof ZBacktestCompareInput>;

export const ZBacktestStatus = z.enum(['QUEUED', 'RUNNING', 'COMPLETED', 'FAILED', 'CANCELLED']);
export type BacktestStatus = z.infer<typeof ZBacktestStatus>;
/** A job in one of these states will not change any more. */
export const FINISHED_BACKTEST_STATUSES: readonly BacktestStatus[] = [
  'COMPLETED',
  'FAILED',
  'CANCELLED',
];
export const ZBacktestKind = z.enum(['backtest', 'ensemble', 'compare']);

export const ZBacktestIdInput = z.object({ backtestId: zId('a backtest id') }).strict();

export const ZBacktestListInput = z
  .object({
    page: z.number().int().min(1, 'must be 1 or more').default(1),
    size: z.number().int().min(1).max(100, 'must be at most 100').default(20),
    status: ZBacktestStatus.optional(),
    kind: ZBacktestKind.optional(),
  })
  .strict()
  .default({ page: 1, size: 20 });

/**
 * Domain events of backtest jobs, for the event bus and realtime streams. Payload of both: a
 * {@link ZBacktestProgress}; `backtest.finished` comes once, when the job reaches a final state.
 */
export const BACKTEST_EVENT_TYPES = ['backtest.progress', 'backtest.finished'] as const;

/** A job's progress as it is stored, streamed by `backtests.progress` and published as events. */
export const ZBacktestProgress = z.object({
  backtestId: z.number().int(),
  status: ZBacktestStatus,
  /** Percent of bars done, 0-100. */
  progress: z.number(),
  barsDone: z.number().int(),
  totalBars: z.number().int(),
  /** Why it failed; null otherwise. */
  error: z.string().nullable(),
});
export type BacktestProgress = z.infer<typeof ZBacktestProgress>;

/** The engine's metrics: fractions, not percents; null where a ratio is undefined. */
export const ZBacktestMetrics = z.object({
  initialCash: z.number(),
  finalEquity: z.number(),
  pnl: z.number(),
  totalReturn: z.number(),
  annualizedReturn: z.number().nullable(),
  annualizedVolatility: z.number().nullable(),
  sharpeRatio: z.number().nullable(),
  sortinoRatio: z.number().nullable(),
  calmarRatio: z.number().nullable(),
  maxDrawdown: z.number(),
  maxDrawdownDurationBars: z.number().int(),
  totalFees: z.number(),
  periods: z.number().int(),
  periodsPerYear: z.number(),
  /** Closed round trips. */
  totalTrades: z.number().int(),
  winningTrades: z.number().int(),
  losingTrades: z.number().int(),
  winRate: z.number().nullable(),
  profitFactor: z.number().nullable(),
  grossProfit: z.number(),
  grossLoss: z.number(),
  averageWin: z.number().nullable(),
  averageLoss: z.number().nullable(),
  largestWin: z.number().nullable(),
  largestLoss: z.number().nullable(),
});
export type BacktestMetrics = z.infer<typeof ZBacktestMetrics>;

const ZBands = z.object({
  p5: z.number(),
  p25: z.number(),
  p50: z.number(),
  p75: z.number(),
  p95: z.number(),
});

/** A closed round trip. Times are epoch ms. */
export const ZBacktestTrade = z.object({
  symbol: z.string(),
  entryTime: z.number(),
  exitTime: z.number(),
  quantity: z.number(),
  entryPrice: z.number(),
  exitPrice: z.number(),
  fees: z.number(),
  pnl: z.number(),
  returnPct: z.number(),
  fills: z.number().int(),
});

const ZStrategyLabel = z.object({
  label: z.string(),
  strategy: z.string(),
  params: z.record(z.string(), z.unknown()),
});

/** What a backtest assumed: the request's values or the defaults, as they were applied. */
export const ZBacktestAssumptions = z.object({
  initialCapital: z.number(),
  commission: z.number(),
  slippage: z.number(),
  sizing: z.discriminatedUnion('type', [
    z.object({ type: z.literal('fixed'), quantity: z.number() }),
    z.object({ type: z.literal('percent_of_equity'), percent: z.number(), lotSize: z.number() }),
  ]),
  seed: z.number().int(),
  periodsPerYear: z.number(),
  /** `request`: given by the caller; `bars`: observed in the traded bars. */
  periodsPerYearFrom: z.enum(['request', 'bars']),
  /**
   * The trading rules the fills kept to, per symbol: the exchange's own for its stored candles
   * (read when the job was submitted, as its paper bots trade under them). Null: any quantity
   * traded (the simulator, a CSV, imported candles).
   */
  instruments: z
    .record(
      z.string(),
      z.object({ quantityStep: z.number(), minQuantity: z.number(), minNotional: z.number() }),
    )
    .nullable()
    .default(null),
});
export type BacktestAssumptions = z.infer<typeof ZBacktestAssumptions>;

/** The traded bars: the first and last time (epoch ms) and how many time steps were traded. */
export const ZBacktestPeriod = z.object({
  startTime: z.number(),
  endTime: z.number(),
  bars: z.number().int(),
});
export type BacktestPeriod = z.infer<typeof ZBacktestPeriod>;

/** Orders the broker refused when they came to fill: all counted, the first few with why. */
export const ZBacktestRejections = z.object({
  total: z.number().int(),
  /** The first {@link MAX_LISTED_REJECTIONS}, in time order. */
  first: z.array(
    z.object({
      time: z.number(),
      symbol: z.string(),
      side: z.enum(['BUY', 'SELL']),
      quantity: z.number(),
      reason: z.string(),
      message: z.string(),
    }),
  ),
});
export type BacktestRejections = z.infer<typeof ZBacktestRejections>;
/** What a completed job produced; the parts that do not apply to its kind are null. */
/** A risk rule that acted during a run. */
const ZRiskEvent = z.object({
  time: z.number(),
  /** `stop_loss`, `max_drawdown` or `max_daily_loss`. */
  rule: z.string(),
  /** The ensemble member whose account it touched; null for the run's (portfolio's) rules. */
  member: z.string().nullable(),
  symbol: z.string().nullable(),
  message: z.string(),
});

export const ZBacktestResult = z.object({
  symbols: z.array(z.string()),
  barsProcessed: z.number().int(),
  // The next three are null on jobs stored before they were recorded.
  assumptions: ZBacktestAssumptions.nullable().default(null),
  period: ZBacktestPeriod.nullable().default(null),
  rejections: ZBacktestRejections.nullable().default(null),
  /** Downsampled to at most {@link MAX_CURVE_POINTS}; times are epoch ms. */
  equityCurve: z.object({ times: z.array(z.number()), equity: z.array(z.number()) }),
  /** Drawdown (positive fraction) at the equity curve's times: each point the worst of its span. */
  drawdownCurve: z.array(z.number()),
  /** Closed round trips in closing order, the first {@link MAX_STORED_TRADES} of them. */
  trades: z.array(ZBacktestTrade),
  /** Closed trades after those, counted in the metrics but not stored. */
  tradesOmitted: z.number().int(),
  /** Fills, including ones of trips still open at the end. */
  fills: z.number().int(),
  /** What the risk rules did (a backtest's `risk`, an ensemble's `riskManagement`), in time order. */
  riskEvents: z.array(ZRiskEvent).default([]),
  monteCarlo: z
    .object({
      runs: z.number().int(),
      tradesPerRun: z.number().int(),
      method: z.string(),
      seed: z.number().int(),
      finalEquity: ZBands,
      maxDrawdown: ZBands,
      probabilityOfLoss: z.number(),
    })
    .nullable(),
  walkForward: z
    .object({
      strategy: z.string(),
      window: z.number().int(),
      outOfSample: z.number().int(),
      optimizeFor: z.string(),
      combinations: z.number().int(),
      windows: z.array(
        z.object({
          index: z.number().int(),
          inSample: z.object({ startTime: z.number(), endTime: z.number(), bars: z.number() }),
          outOfSample: z.object({ startTime: z.number(), endTime: z.number(), bars: z.number() }),
          params: z.record(z.string(), z.unknown()),
          inSampleMetrics: ZBacktestMetrics,
          outOfSampleMetrics: ZBacktestMetrics,
        }),
      ),
      outOfSampleMetrics: ZBacktestMetrics,
      /** The out-of-sample windows chained, downsampled like the equity curve. */
      outOfSampleEquity: z.object({ times: z.array(z.number()), equity: z.array(z.number()) }),
    })
    .nullable(),
  ensemble: z
    .object({
      members: z.array(
        ZStrategyLabel.extend({
          weight: z.number(),
          finalEquity: z.number(),
          trades: z.number().int(),
        }),
      ),
      rebalance: z.string(),
      rebalances: z.number().int(),
      riskEvents: z.array(ZRiskEvent),
      halted: z.boolean(),
    })
    .nullable(),
  comparison: z
    .object({
      metrics: z.array(ZComparisonMetric),
      rankBy: ZComparisonMetric,
      /** Best first. */
      entries: z.array(
        ZStrategyLabel.extend({
          rank: z.number().int(),
          values: z.record(z.string(), z.number().nullable()),
          ranks: z.record(z.string(), z.number().int()),
          metrics: ZBacktestMetrics,
        }),
      ),
    })
    .nullable(),
});
export type BacktestResult = z.infer<typeof ZBacktestResult>;

/** A job as lists show it. */
export const ZBacktestSummary = ZBacktestProgress.omit({ backtestId: true }).extend({
  id: z.number().int(),
  kind: ZBacktestKind,
  name: z.string(),
  /** For a comparison: its winner's metrics. */
  metrics: ZBacktestMetrics.nullable(),
  performanceRecordId: z.number().int().nullable(),
  createdAt: z.iso.datetime(),
  startedAt: z.iso.datetime().nullable(),
  finishedAt: z.iso.datetime().nullable(),
});
export type BacktestSummary = z.infer<typeof ZBacktestSummary>;

/** A job in full: what was asked (an uploaded CSV left out) and, once completed, its result. */
export const ZBacktest = ZBacktestSummary.extend({
  request: z.record(z.string(), z.unknown()),
  result: ZBacktestResult.nullable(),
});
export type Backtest = z.infer<typeof ZBacktest>;

export const ZBacktestList = z.object({
  items: z.array(ZBacktestSummary),
  page: z.number().int(),
  size: z.number().int(),
  total: z.number().int(),
});
export type BacktestList = z.infer<typeof ZBacktestList>;
