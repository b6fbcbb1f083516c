import type { Bot, Position, Timeframe, Trade } from '@tradewind/core';
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
    unrealizedPnl: quantity * (currentPrice - entryPrice),
  };
}

/** A bot as the API shows it; equity marks open positions at their last price. */
export function toBot(row: BotWithOpenPositions): Bot {
  const cash = Number(row.currentCash);
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
    riskMode: row.riskMode as Bot['riskMode'],
    initialCash: Number(row.initialCash),
    currentCash: cash,
    finalCash: row.finalCash === null ? null : Number(row.finalCash),
    equity: row.finalCash === null ? cash + held : Number(row.finalCash),
    totalTrades: row.totalTrades,
    winningTrades: row.winningTrades,
    totalPnl: Number(row.totalPnl),
    startTime: row.startTime?.toISOString() ?? null,
    endTime: row.endTime?.toISOString() ?? null,
    scheduledEndTime: row.scheduledEndTime?.toISOString() ?? null,
    errorMessage: row.errorMessage,
    createdAt: row.createdAt.toISOString(),
  };
}

export function toTrade(row: TradeRow): Trade {
  return {
    id: row.id,
    botId: row.botId,
    symbol: row.symbol,
    action: row.action,
    quantity: Number(row.quantity),
    price: Number(row.price),
    fee: Number(row.fee),
    pnl: row.pnl === null ? null : Number(row.pnl),
    reason: row.reason,
    timestamp: row.barTime.toISOString(),
  };
}

/** Prisma include for the open positions `toBot` needs. */
export const OPEN_POSITIONS = { positions: { where: { closedAt: null } } } as const;
