import {
  type AuthenticatedPrincipal,
  type BotPerformance,
  canAccessOwnedResource,
  type MetricsOverview,
  type PerformanceRecord,
  RUNNING_STATUSES,
  roundMoney,
  type StatsSummary,
  type Timeframe,
  toMoney,
} from '@tradewind/core';
import type { PerformanceRecord as RecordRow } from '@tradewind/db';
import { computeMetrics, periodReturns } from '@tradewind/engine';
import { barsPerYear } from '../../market/timeframes.ts';
import type { ServiceDeps } from '../../service-deps.ts';
import { rebuildLedger } from '../bots/bot-ledger.ts';
import { OPEN_POSITIONS, toBot, toPosition } from '../bots/bot-mapping.ts';
import { botNotFound } from '../bots/bot-transaction.ts';

type Deps = Pick<ServiceDeps, 'db' | 'config' | 'now'>;
const isRunning = (status: string) => (RUNNING_STATUSES as readonly string[]).includes(status);

/**
 * One bot's performance from its equity curve (one point per processed bar, annualised with the
 * timeframe's bars per year) and its closed round trips; see the engine's `computeMetrics` for
 * every formula. A running bot is marked at its last bar: open positions count unrealized.
 * Money follows core's one rounding rule: a finished bot's `pnl` is its REST `total_pnl`.
 */
export async function botPerformance(
  deps: Deps,
  principal: AuthenticatedPrincipal,
  botId: number,
): Promise<BotPerformance> {
  const { prisma } = deps.db;
  const bot = await prisma.bot.findUnique({ where: { id: botId }, include: OPEN_POSITIONS });
  if (bot === null || !canAccessOwnedResource(principal, bot.userId)) throw botNotFound(botId);
  const [trades, snapshots] = await Promise.all([
    prisma.trade.findMany({ where: { botId }, orderBy: { sequence: 'asc' } }),
    prisma.equitySnapshot.findMany({ where: { botId }, orderBy: { time: 'asc' } }),
  ]);
  const ledger = rebuildLedger(bot, trades, deps.config.paperCommissionRate);
  const view = toBot(bot);
  const times = snapshots.map((snapshot) => snapshot.time.getTime());
  const equity = snapshots.map((snapshot) => Number(snapshot.equity));
  if (bot.finalCash !== null) {
    times.push((bot.endTime ?? deps.now()).getTime());
    equity.push(Number(bot.finalCash));
  }
  const periodsPerYear = barsPerYear(bot.timeframe as Timeframe);
  const initialCash = toMoney(bot.initialCash);
  const metrics = computeMetrics({
    initialCash,
    equity: equity.length > 0 ? equity : [initialCash],
    tradePnls: ledger.roundTrips.closedTrades.map((trade) => trade.pnl),
    totalFees: trades.reduce((sum, trade) => sum + Number(trade.fee), 0),
    periodsPerYear,
  });
  const positions = bot.positions.map(toPosition);
  const unrealizedPnl = roundMoney(
    positions.reduce((sum, position) => sum + position.unrealizedPnl, 0),
  );
  const money = (value: number | null) => (value === null ? null : roundMoney(value));
  const breakdown = (period: 'daily' | 'weekly' | 'monthly') =>
    periodReturns(times, equity, period).map((row) => ({ period: row.period, return: row.return }));
  return {
    botId,
    feed: bot.feed,
    initialCash,
    equity: view.equity,
    pnl: roundMoney(view.equity - initialCash),
    realizedPnl: view.totalPnl,
    unrealizedPnl,
    totalReturn: view.equity / initialCash - 1,
    totalTrades: metrics.totalTrades,
    winningTrades: metrics.winningTrades,
    losingTrades: metrics.losingTrades,
    winRate: metrics.winRate,
    profitFactor: Number.isFinite(metrics.profitFactor ?? 0) ? metrics.profitFactor : null,
    averageWin: money(metrics.averageWin),
    averageLoss: money(metrics.averageLoss),
    largestWin: money(metrics.largestWin),
    largestLoss: money(metrics.largestLoss),
    sharpeRatio: metrics.sharpeRatio,
    sortinoRatio: metrics.sortinoRatio,
    calmarRatio: metrics.calmarRatio,
    maxDrawdown: metrics.maxDrawdown,
    totalFees: roundMoney(metrics.totalFees),
    periods: metrics.periods,
    periodsPerYear,
    daily: breakdown('daily'),
    weekly: breakdown('weekly'),
    monthly: breakdown('monthly'),
    openPositions: positions,
  };
}

const day = (date: Date) => date.toISOString().slice(0, 10);

function toRecord(row: RecordRow): PerformanceRecord {
  return {
    id: row.id,
    strategyName: row.strategyName,
    strategyType: row.strategyType,
    executionType: row.executionType,
    sessionId: row.botId,
    symbols: row.symbols,
    startDate: day(row.startDate),
    endDate: day(row.endDate),
    initialCapital: Number(row.initialCapital),
    finalCapital: Number(row.finalCapital),
    totalReturn: row.totalReturn,
    totalReturnDollar: Number(row.totalReturnDollar),
    maxDrawdown: row.maxDrawdown,
    sharpeRatio: row.sharpeRatio,
    sortinoRatio: row.sortinoRatio,
    winRate: row.winRate,
    totalTrades: row.totalTrades,
    winningTrades: row.winningTrades,
    losingTrades: row.losingTrades,
    avgWin: row.avgWin,
    avgLoss: row.avgLoss,
    profitFactor: row.profitFactor,
    largestWin: row.largestWin,
    largestLoss: row.largestLoss,
    createdAt: row.createdAt.toISOString(),
  };
}

/** The caller's PerformanceRecords (seed 000 /performance), newest first. */
export async function listPerformanceRecords(
  deps: Pick<ServiceDeps, 'db'>,
  principal: AuthenticatedPrincipal,
  limit: number,
): Promise<PerformanceRecord[]> {
  const rows = await deps.db.prisma.performanceRecord.findMany({
    where: { userId: principal.userId },
    orderBy: { id: 'desc' },
    take: limit,
  });
  return rows.map(toRecord);
}

// Percents are shown to 2 places; money follows core's one rule (`roundMoney`).
const round2 = (value: number) => Math.round(value * 100) / 100;

/**
 * Seed 000's /stats across the caller's bots. `totalTrades` and `totalWinningTrades` count closed
 * round trips; `winRate` = winning / total × 100; `totalPnl` sums realized PnL (a finished bot's
 * equals final minus initial cash); `averageReturn` is the mean of each bot's
 * (equity / initial - 1) × 100; `averageWinRate` the mean win rate of bots with closed trades.
 * Shared by concurrent callers for under a second (`RecentReads`).
 */
export function statsSummary(
  deps: Pick<ServiceDeps, 'db' | 'recentReads'>,
  principal: AuthenticatedPrincipal,
): Promise<StatsSummary> {
  return deps.recentReads.read('stats', principal.userId, () => computeStats(deps, principal));
}

async function computeStats(
  deps: Pick<ServiceDeps, 'db'>,
  principal: AuthenticatedPrincipal,
): Promise<StatsSummary> {
  const bots = (
    await deps.db.prisma.bot.findMany({
      where: { userId: principal.userId },
      include: OPEN_POSITIONS,
    })
  ).map(toBot);
  const totalTrades = bots.reduce((sum, bot) => sum + bot.totalTrades, 0);
  const totalWinningTrades = bots.reduce((sum, bot) => sum + bot.winningTrades, 0);
  const traded = bots.filter((bot) => bot.totalTrades > 0);
  const mean = (values: number[]) =>
    values.length === 0 ? 0 : values.reduce((a, b) => a + b, 0) / values.length;
  return {
    totalBots: bots.length,
    activeBots: bots.filter((bot) => isRunning(bot.status)).length,
    totalTrades,
    totalWinningTrades,
    winRate: totalTrades === 0 ? 0 : round2((totalWinningTrades / totalTrades) * 100),
    totalPnl: roundMoney(bots.reduce((sum, bot) => sum + bot.totalPnl, 0)),
    averageReturn: round2(mean(bots.map((bot) => (bot.equity / bot.initialCash - 1) * 100))),
    averageWinRate: round2(mean(traded.map((bot) => (bot.winningTrades / bot.totalTrades) * 100))),
  };
}

/**
 * Seed 003's /metrics overview. `totalProfit` = Σ (equity - initial cash) over all bots;
 * `totalCapital` = Σ equity; `exposure` = open positions' market value / running bots' equity
 * × 100; `riskLevel` from exposure: < 30 % low, < 70 % moderate, else high.
 */
export async function metricsOverview(
  deps: Pick<ServiceDeps, 'db'>,
  principal: AuthenticatedPrincipal,
): Promise<MetricsOverview> {
  const rows = await deps.db.prisma.bot.findMany({
    where: { userId: principal.userId },
    include: OPEN_POSITIONS,
  });
  const bots = rows.map(toBot);
  const running = rows.filter((row) => isRunning(row.status));
  const runningEquity = running.map(toBot).reduce((sum, bot) => sum + bot.equity, 0);
  const held = running
    .flatMap((row) => row.positions)
    .reduce((sum, position) => sum + Number(position.quantity) * Number(position.lastPrice), 0);
  const exposure = runningEquity > 0 ? (held / runningEquity) * 100 : 0;
  const totalTrades = bots.reduce((sum, bot) => sum + bot.totalTrades, 0);
  const wins = bots.reduce((sum, bot) => sum + bot.winningTrades, 0);
  return {
    totalProfit: roundMoney(bots.reduce((sum, bot) => sum + bot.equity - bot.initialCash, 0)),
    totalCapital: roundMoney(bots.reduce((sum, bot) => sum + bot.equity, 0)),
    activeBots: running.length,
    totalBots: bots.length,
    winRate: totalTrades === 0 ? 0 : round2((wins / totalTrades) * 100),
    exposure: round2(exposure),
    riskLevel: exposure < 30 ? 'low' : exposure < 70 ? 'moderate' : 'high',
  };
}
