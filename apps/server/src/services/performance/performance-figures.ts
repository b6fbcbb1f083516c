import { roundMoney } from '@tradewind/core';
import type { PerformanceMetrics } from '@tradewind/engine';

/** Seed 000 spells strategy types in PascalCase ("TrendFollowing"). */
export const pascalCase = (category: string) =>
  category.replace(/(^|_)([a-z])/g, (_match, _sep: string, letter: string) => letter.toUpperCase());

/**
 * The figures of a PerformanceRecord (seed 000's `/performance` row, percents where it shows
 * percents) from the engine's metrics; one mapping for finished bots and backtests alike.
 * Money figures follow core's one rounding rule (`roundMoney`).
 */
export function performanceFigures(metrics: PerformanceMetrics) {
  return {
    initialCapital: roundMoney(metrics.initialCash),
    finalCapital: roundMoney(metrics.finalEquity),
    totalReturn: metrics.totalReturn * 100,
    totalReturnDollar: roundMoney(metrics.finalEquity - metrics.initialCash),
    maxDrawdown: metrics.maxDrawdown * 100,
    sharpeRatio: metrics.sharpeRatio,
    sortinoRatio: metrics.sortinoRatio,
    winRate: (metrics.winRate ?? 0) * 100,
    totalTrades: metrics.totalTrades,
    winningTrades: metrics.winningTrades,
    losingTrades: metrics.losingTrades,
    avgWin: roundMoney(metrics.averageWin ?? 0),
    avgLoss: roundMoney(metrics.averageLoss ?? 0),
    profitFactor: Number.isFinite(metrics.profitFactor ?? 0) ? metrics.profitFactor : null,
    largestWin: roundMoney(metrics.largestWin ?? 0),
    largestLoss: roundMoney(metrics.largestLoss ?? 0),
  };
}
