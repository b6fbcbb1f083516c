import type {
  AuthenticatedPrincipal,
  StrategyPerformance,
  StrategyPerformancePeriod,
  Timeframe,
} from '@tradewind/core';
import type { Prisma } from '@tradewind/db';
import { computeMetrics } from '@tradewind/engine';
import { barsPerYear } from '../../market/timeframes.ts';
import type { ServiceDeps } from '../../service-deps.ts';
import { rebuildLedger } from '../bots/bot-ledger.ts';
import { authorizeStrategy } from './strategy-access.ts';

type Deps = Pick<ServiceDeps, 'db' | 'config' | 'now'>;

const DAY_MS = 86_400_000;
const PERIOD_DAYS: Readonly<Record<Exclude<StrategyPerformancePeriod, 'all'>, number>> = {
  '1d': 1,
  '7d': 7,
  '30d': 30,
  '90d': 90,
  '1y': 365,
};

/**
 * A strategy's performance over `period`, across every bot it started, oldest first. Each bot's
 * equity points inside the window are rescaled so the bots chain into one curve by return: the
 * curve starts at the first bot's equity at the window's start (its initial cash if it started
 * inside the window) and each later bot continues from where the previous one ended. Ratios and
 * drawdown come from the engine's `computeMetrics` on that curve (annualised with the strategy's
 * timeframe); trade statistics from the round trips that closed inside the window. Call after
 * authorizing `read`.
 */
export async function readPerformance(
  client: Prisma.TransactionClient,
  deps: Deps,
  strategy: { id: number; timeframe: string },
  period: StrategyPerformancePeriod,
): Promise<StrategyPerformance> {
  const since = period === 'all' ? null : deps.now().getTime() - PERIOD_DAYS[period] * DAY_MS;
  const runs = await client.strategyRun.findMany({
    where: { strategyId: strategy.id },
    orderBy: { createdAt: 'asc' },
    include: {
      bot: {
        include: {
          trades: { orderBy: { sequence: 'asc' } },
          equitySnapshots: {
            where: since === null ? {} : { time: { gte: new Date(since) } },
            orderBy: { time: 'asc' },
          },
        },
      },
    },
  });
  const curve: number[] = [];
  const tradePnls: number[] = [];
  let start: number | null = null;
  let level = 0;
  let bots = 0;
  let totalFees = 0;
  for (const { bot } of runs) {
    const inWindow = (time: number) => since === null || time >= since;
    const ledger = rebuildLedger(bot, bot.trades, deps.config.paperCommissionRate);
    for (const trip of ledger.roundTrips.closedTrades) {
      if (inWindow(trip.exitTime)) tradePnls.push(trip.pnl);
    }
    for (const trade of bot.trades) {
      if (inWindow(trade.barTime.getTime())) totalFees += Number(trade.fee);
    }
    const points = bot.equitySnapshots.map((snapshot) => Number(snapshot.equity));
    if (bot.finalCash !== null && inWindow((bot.endTime ?? bot.updatedAt).getTime())) {
      points.push(Number(bot.finalCash));
    }
    const first = points[0];
    if (first === undefined) continue;
    bots++;
    const startedInside = inWindow((bot.startTime ?? bot.createdAt).getTime());
    const base = startedInside ? Number(bot.initialCash) : first;
    if (start === null) {
      start = base;
      level = base;
    }
    for (const point of points) curve.push((level * point) / base);
    level = curve[curve.length - 1] as number;
  }
  const metrics = computeMetrics({
    initialCash: start ?? 1,
    equity: curve,
    tradePnls,
    totalFees,
    periodsPerYear: barsPerYear(strategy.timeframe as Timeframe),
  });
  return {
    strategyId: strategy.id,
    period,
    since: since === null ? null : new Date(since).toISOString(),
    bots,
    totalReturn: metrics.totalReturn,
    annualizedReturn: metrics.annualizedReturn,
    sharpeRatio: metrics.sharpeRatio,
    sortinoRatio: metrics.sortinoRatio,
    calmarRatio: metrics.calmarRatio,
    maxDrawdown: metrics.maxDrawdown,
    winRate: metrics.winRate,
    profitFactor: metrics.profitFactor,
    totalTrades: metrics.totalTrades,
    winningTrades: metrics.winningTrades,
    losingTrades: metrics.losingTrades,
    averageWin: metrics.averageWin,
    averageLoss: metrics.averageLoss,
    realizedPnl: tradePnls.reduce((sum, pnl) => sum + pnl, 0),
    totalFees: metrics.totalFees,
    periods: metrics.periods,
  };
}

/** Seed 002's GET /strategies/{id}/performance (needs `read`). */
export async function strategyPerformance(
  deps: Deps,
  principal: AuthenticatedPrincipal,
  input: { strategyId: number; period: StrategyPerformancePeriod },
): Promise<StrategyPerformance> {
  const { prisma } = deps.db;
  const { strategy } = await authorizeStrategy(prisma, principal, input.strategyId, 'read');
  return readPerformance(prisma, deps, strategy, input.period);
}
