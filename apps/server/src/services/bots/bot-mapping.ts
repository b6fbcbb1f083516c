import {
  type Bot,
  type Position,
  roundMoney,
  type Timeframe,
  type Trade,
  toMoney,
} from '@tradewind/core';
import type { Bot as BotRow, Position as PositionRow, Trade as TradeRow } from '@tradewind/db';

export type BotWithOpenPositions = BotRow & { positions: PositionRow[] };

/** The open positions of a bot with their last price and unrealized PnL. */
export function toPosition(row: PositionRow): Position {
  const quantity = Number(row.quantity);
  const entryPrice = Number(row.averagePrice);
  const currentPrice = Number(row.lastPrice);
  return {
    symbol: row.symbol,
    side: 'long',
    quantity,
    entryPrice,
    currentPrice,
    unrealizedPnl: roundMoney(quantity * (currentPrice - entryPrice)),
  };
}

/**
 * A bot as the API shows it; equity marks open positions at their last price. Money follows
 * core's one rounding rule (`toMoney`): the ledger's Decimals at 8 places.
 */
export function toBot(row: BotWithOpenPositions): Bot {
  const cash = toMoney(row.currentCash);
  const held = row.positions
    .filter((position) => position.closedAt === null)
    .reduce((sum, position) => sum + Number(position.quantity) * Number(position.lastPrice), 0);
  return {
    id: row.id,
    name: row.name,
    status: row.status,
    mode: row.mode,
    strategy: row.strategy,
    params: row.params as Bot['params'],
    symbols: row.symbols,
    timeframe: row.timeframe as Timeframe,
    feed: row.feed,
    riskMode: row.riskMode as Bot['riskMode'],
    initialCash: toMoney(row.initialCash),
    currentCash: cash,
    finalCash: row.finalCash === null ? null : toMoney(row.finalCash),
    equity: row.finalCash === null ? roundMoney(cash + held) : toMoney(row.finalCash),
    totalTrades: row.totalTrades,
    winningTrades: row.winningTrades,
    totalPnl: toMoney(row.totalPnl),
    startTime: row.startTime?.toISOString() ?? null,
    endTime: row.endTime?.toISOString() ?? null,
    scheduledEndTime: row.scheduledEndTime?.toISOString() ?? null,
    errorMessage: row.errorMessage,
    createdAt: row.createdAt.toISOString(),
  };
}

/**
 * A fill as the API shows it: `timestamp` is when it filled (wall clock), `barTime` the market
 * bar it filled on (simulated time, ahead of the clock on an accelerated simulator), `feed`
 * its bot's feed.
 */
export function toTrade(row: TradeRow, feed: string): Trade {
  return {
    id: row.id,
    botId: row.botId,
    symbol: row.symbol,
    action: row.action,
    quantity: Number(row.quantity),
    price: Number(row.price),
    fee: toMoney(row.fee),
    pnl: row.pnl === null ? null : toMoney(row.pnl),
    reason: row.reason,
    timestamp: row.executedAt.toISOString(),
    barTime: row.barTime.toISOString(),
    feed,
  };
}

/** Prisma include for the open positions `toBot` needs. */
export const OPEN_POSITIONS = { positions: { where: { closedAt: null } } } as const;
