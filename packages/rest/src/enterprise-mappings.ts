/**
 * The one place the tRPC contracts (camelCase) become seed 000's snake_case shapes, one
 * function per resource. Each result goes through its enterprise schema, which keeps exactly
 * the seed's fields: nothing else (owner, names, internals) can leak onto this surface.
 */
import {
  type Bot,
  type BotDetail,
  type EnterpriseActiveBot,
  type EnterpriseBot,
  type EnterpriseBotDetail,
  type EnterprisePerformanceRecord,
  type EnterpriseStartedBot,
  type EnterpriseStats,
  type EnterpriseTrade,
  type PerformanceRecord,
  type StatsSummary,
  type Trade,
  ZEnterpriseActiveBot,
  ZEnterpriseBot,
  ZEnterpriseBotDetail,
  ZEnterprisePerformanceRecord,
  ZEnterpriseStartedBot,
  ZEnterpriseStats,
  ZEnterpriseTrade,
} from '@tradewind/core';

function botFields(bot: Bot) {
  return {
    id: bot.id,
    status: bot.status,
    mode: bot.mode,
    start_time: bot.startTime,
    end_time: bot.endTime,
    initial_cash: bot.initialCash,
    final_cash: bot.finalCash,
    total_trades: bot.totalTrades,
    winning_trades: bot.winningTrades,
    total_pnl: bot.totalPnl,
    created_at: bot.createdAt,
  };
}

export function toEnterpriseBot(bot: Bot): EnterpriseBot {
  return ZEnterpriseBot.parse(botFields(bot));
}

export function toEnterpriseActiveBot(bot: Bot): EnterpriseActiveBot {
  return ZEnterpriseActiveBot.parse(botFields(bot));
}

export function toEnterpriseStartedBot(bot: Bot): EnterpriseStartedBot {
  return ZEnterpriseStartedBot.parse(botFields(bot));
}

export function toEnterpriseTrade(trade: Trade): EnterpriseTrade {
  return ZEnterpriseTrade.parse({
    id: trade.id,
    symbol: trade.symbol,
    action: trade.action,
    quantity: trade.quantity,
    price: trade.price,
    timestamp: trade.timestamp,
    pnl: trade.pnl,
  });
}

export function toEnterpriseBotDetail(bot: BotDetail): EnterpriseBotDetail {
  return ZEnterpriseBotDetail.parse({
    ...botFields(bot),
    trades: bot.trades.map(toEnterpriseTrade),
  });
}

export function toEnterprisePerformanceRecord(
  record: PerformanceRecord,
): EnterprisePerformanceRecord {
  return ZEnterprisePerformanceRecord.parse({
    id: record.id,
    strategy_name: record.strategyName,
    strategy_type: record.strategyType,
    execution_type: record.executionType,
    session_id: record.sessionId,
    symbols: record.symbols,
    start_date: record.startDate,
    end_date: record.endDate,
    initial_capital: record.initialCapital,
    final_capital: record.finalCapital,
    total_return: record.totalReturn,
    total_return_dollar: record.totalReturnDollar,
    max_drawdown: record.maxDrawdown,
    sharpe_ratio: record.sharpeRatio,
    sortino_ratio: record.sortinoRatio,
    win_rate: record.winRate,
    total_trades: record.totalTrades,
    winning_trades: record.winningTrades,
    losing_trades: record.losingTrades,
    avg_win: record.avgWin,
    avg_loss: record.avgLoss,
    profit_factor: record.profitFactor,
    largest_win: record.largestWin,
    largest_loss: record.largestLoss,
    created_at: record.createdAt,
  });
}

export function toEnterpriseStats(stats: StatsSummary): EnterpriseStats {
  return ZEnterpriseStats.parse({
    total_bots: stats.totalBots,
    active_bots: stats.activeBots,
    total_trades: stats.totalTrades,
    total_winning_trades: stats.totalWinningTrades,
    win_rate: stats.winRate,
    total_pnl: stats.totalPnl,
    average_return: stats.averageReturn,
    average_win_rate: stats.averageWinRate,
  });
}
