import type { Bot, Trade } from '@tradewind/db';
import { createStrategy, PaperBroker, TradingSession } from '@tradewind/engine';
import { SimulatedMarket } from '@tradewind/venues';
import { TIMEFRAME_MS } from '../../src/market/timeframes.ts';
import { botSizing } from '../../src/services/bots/bot-ledger.ts';

export type ComparableFill = {
  symbol: string;
  action: string;
  quantity: number;
  price: number;
  time: number;
};

/**
 * What a 1-minute MovingAverage bot should have done had nothing interrupted it: the engine
 * alone (no server, no database) over the same simulated bars, from the bot's start to its last
 * processed bar, warmed up on the 100 bars before, as the runner does.
 */
export function uninterruptedRun(
  row: Bot,
  options: { seed: number; symbols: readonly string[]; params: Record<string, number> },
) {
  const market = new SimulatedMarket(options.seed);
  const broker = new PaperBroker({ initialCash: 10_000, commissionRate: 0.001 });
  const strategies = Object.fromEntries(
    options.symbols.map((symbol) => [symbol, createStrategy('MovingAverage', options.params)]),
  );
  const session = new TradingSession({ venue: broker, strategies, sizing: botSizing(row) });
  const start = market.align('1m', (row.startTime ?? row.createdAt).getTime());
  const last = row.lastBarTime?.getTime() ?? start;
  for (const symbol of options.symbols) {
    for (const bar of market.history(symbol, '1m', start, 100)) session.warmUp(symbol, bar);
  }
  for (let time = start; time <= last; time += TIMEFRAME_MS['1m']) {
    for (const symbol of options.symbols) session.onBar(symbol, market.barAt(symbol, '1m', time));
  }
  const fills: ComparableFill[] = broker.fills.map((fill) => ({
    symbol: fill.symbol,
    action: fill.side,
    quantity: fill.quantity,
    price: Number(fill.price.toFixed(8)),
    time: fill.time,
  }));
  return { fills, cash: broker.cash(), start, last, bars: (last - start) / TIMEFRAME_MS['1m'] + 1 };
}

/** Stored trades in the same shape as {@link uninterruptedRun}'s fills. */
export function storedFills(trades: readonly Trade[]): ComparableFill[] {
  return trades.map((trade) => ({
    symbol: trade.symbol,
    action: trade.action,
    quantity: Number(trade.quantity),
    price: Number(trade.price),
    time: trade.barTime.getTime(),
  }));
}
