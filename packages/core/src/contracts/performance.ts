import { z } from 'zod';
import { ZBotIdInput, ZMarketFeed, ZPosition } from './bots.ts';

export const ZPerformanceBotInput = ZBotIdInput;

/** Compounded return over one calendar period (UTC), a fraction. */
export const ZPeriodReturn = z.object({
  /** `2024-01-15`, `2024-W03`, `2024-01`. */
  period: z.string(),
  return: z.number(),
});

/**
 * One bot's performance, live or final. Fractions, not percents (0.12 = 12 %); null where a
 * ratio is undefined (no trades, no volatility, no drawdown). Money at the ledger's 8 places.
 */
export const ZBotPerformance = z.object({
  botId: z.number().int(),
  /** Where the bot trades: `simulator`, or a real venue. */
  feed: ZMarketFeed,
  initialCash: z.number(),
  /** Cash plus open positions at their last price. */
  equity: z.number(),
  pnl: z.number(),
  realizedPnl: z.number(),
  unrealizedPnl: z.number(),
  totalReturn: z.number(),
  /** Closed round trips (flat -> position -> flat). */
  totalTrades: z.number().int(),
  winningTrades: z.number().int(),
  losingTrades: z.number().int(),
  winRate: z.number().nullable(),
  profitFactor: z.number().nullable(),
  averageWin: z.number().nullable(),
  averageLoss: z.number().nullable(),
  largestWin: z.number().nullable(),
  largestLoss: z.number().nullable(),
  sharpeRatio: z.number().nullable(),
  sortinoRatio: z.number().nullable(),
  calmarRatio: z.number().nullable(),
  maxDrawdown: z.number(),
  totalFees: z.number(),
  /** Equity points the ratios were computed on (one per processed bar). */
  periods: z.number().int(),
  periodsPerYear: z.number(),
  daily: z.array(ZPeriodReturn),
  weekly: z.array(ZPeriodReturn),
  monthly: z.array(ZPeriodReturn),
  openPositions: z.array(ZPosition),
});
export type BotPerformance = z.infer<typeof ZBotPerformance>;

export const ZExecutionType = z.enum(['PAPER_TRADING', 'LIVE_TRADING', 'BACKTEST']);

/** Seed 000's `/performance` row, camelCase. Percent fields are percents, as the seed shows. */
export const ZPerformanceRecord = z.object({
  id: z.number().int(),
  strategyName: z.string(),
  strategyType: z.string(),
  executionType: ZExecutionType,
  /** The bot (trading session) it belongs to. */
  sessionId: z.number().int().nullable(),
  symbols: z.array(z.string()),
  /** `YYYY-MM-DD`. */
  startDate: z.string(),
  endDate: z.string(),
  initialCapital: z.number(),
  finalCapital: z.number(),
  /** Percent. */
  totalReturn: z.number(),
  totalReturnDollar: z.number(),
  /** Percent. */
  maxDrawdown: z.number(),
  sharpeRatio: z.number().nullable(),
  sortinoRatio: z.number().nullable(),
  /** Percent. */
  winRate: z.number(),
  totalTrades: z.number().int(),
  winningTrades: z.number().int(),
  losingTrades: z.number().int(),
  avgWin: z.number(),
  avgLoss: z.number(),
  profitFactor: z.number().nullable(),
  largestWin: z.number(),
  largestLoss: z.number(),
  createdAt: z.iso.datetime(),
});
export type PerformanceRecord = z.infer<typeof ZPerformanceRecord>;

export const ZPerformanceRecordsInput = z
  .object({ limit: z.number().int().min(1).max(1000).default(50) })
  .strict()
  .default({ limit: 50 });

/** Seed 000's `/stats`, camelCase: across all the caller's bots. Percent fields are percents. */
export const ZStatsSummary = z.object({
  totalBots: z.number().int(),
  activeBots: z.number().int(),
  totalTrades: z.number().int(),
  totalWinningTrades: z.number().int(),
  /** Percent of closed trades that won, over all bots. */
  winRate: z.number(),
  totalPnl: z.number(),
  /** Mean total return of the caller's bots, percent. */
  averageReturn: z.number(),
  /** Mean of each bot's win rate (bots with closed trades), percent. */
  averageWinRate: z.number(),
});
export type StatsSummary = z.infer<typeof ZStatsSummary>;

/** Seed 003's `/api/metrics` overview, camelCase. */
export const ZMetricsOverview = z.object({
  /** Sum of every bot's PnL (realized and unrealized). */
  totalProfit: z.number(),
  /** Equity of running bots plus final cash of finished ones. */
  totalCapital: z.number(),
  activeBots: z.number().int(),
  totalBots: z.number().int(),
  /** Percent. */
  winRate: z.number(),
  /** Open positions' market value as a percent of running bots' equity. */
  exposure: z.number(),
  riskLevel: z.enum(['low', 'moderate', 'high']),
});
export type MetricsOverview = z.infer<typeof ZMetricsOverview>;
