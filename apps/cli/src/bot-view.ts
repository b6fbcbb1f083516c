import type { TradewindOutputs } from '@tradewind/sdk';
import {
  formatMoney,
  formatNumber,
  formatPercent,
  formatPrice,
  formatSignedMoney,
  formatTimestamp,
  renderFacts,
  renderTable,
} from './output.ts';

/** How bots, positions and trades read for people; shared by `bots`, `trades` and the watch. */

export type Bot = TradewindOutputs['bots']['create'];
export type BotDetail = TradewindOutputs['bots']['get'];
export type Trade = BotDetail['trades'][number];
export type Position = BotDetail['positions'][number];

/** `MovingAverage fast=3 slow=8`. */
export function strategyLabel(bot: Pick<Bot, 'strategy' | 'params'>): string {
  const params = Object.entries(bot.params).map(([key, value]) => `${key}=${value}`);
  return [bot.strategy, ...params].join(' ');
}

/** Realized and unrealized: equity (or final cash) against the initial cash. */
export function totalPnl(bot: Pick<Bot, 'equity' | 'initialCash'>): number {
  return bot.equity - bot.initialCash;
}

/**
 * Winning round trips (flat -> position -> flat) over all closed ones; `-` before the first
 * one closes.
 */
export function winRate(bot: Pick<Bot, 'totalTrades' | 'winningTrades'>): string {
  return bot.totalTrades === 0 ? '-' : formatPercent(bot.winningTrades / bot.totalTrades);
}

/** `simulator (simulated market, not real prices)`; a real venue by its name. */
export function feedLabel(feed: string): string {
  return feed === 'simulator' ? 'simulator (simulated market, not real prices)' : feed;
}

/** `ERROR (strategy threw: ...)`, otherwise the status alone. */
export function statusLabel(bot: Pick<Bot, 'status' | 'errorMessage'>): string {
  return bot.errorMessage ? `${bot.status} (${bot.errorMessage})` : bot.status;
}

/** The fact sheet of one bot: what it runs, and how it is doing. */
export function renderBotFacts(bot: Bot, positions?: readonly Position[]): string {
  const unrealized = positions?.reduce((sum, position) => sum + position.unrealizedPnl, 0);
  return renderFacts([
    ['ID', String(bot.id)],
    ['Name', bot.name],
    ['Status', statusLabel(bot)],
    ['Mode', bot.mode],
    ['Feed', feedLabel(bot.feed)],
    ['Strategy', strategyLabel(bot)],
    ['Symbols', bot.symbols.join(', ')],
    ['Timeframe', bot.timeframe],
    ['Risk mode', bot.riskMode],
    ['Initial cash', formatMoney(bot.initialCash)],
    ['Cash', formatMoney(bot.currentCash)],
    ['Equity', formatMoney(bot.equity)],
    ['Return', formatPercent(bot.equity / bot.initialCash - 1)],
    ['PnL', formatSignedMoney(totalPnl(bot))],
    ['Realized PnL', formatSignedMoney(bot.totalPnl)],
    ...(unrealized === undefined
      ? []
      : [['Unrealized PnL', formatSignedMoney(unrealized)] as const]),
    ['Round trips', `${bot.totalTrades} closed (win rate ${winRate(bot)})`],
    ...(bot.finalCash === null ? [] : [['Final cash', formatMoney(bot.finalCash)] as const]),
    ['Started', formatTimestamp(bot.startTime, 'not yet')],
    ['Ends', formatTimestamp(bot.endTime ?? bot.scheduledEndTime, 'when stopped')],
  ]);
}

/** One row per bot, for `bots list`. */
export function renderBotTable(bots: readonly Bot[]): string {
  return renderTable(
    [
      'ID',
      'Name',
      'Status',
      'Mode',
      'Strategy',
      'Symbols',
      'Equity / Cash',
      'Round trips',
      'Win rate',
      'PnL',
      'Feed',
    ],
    bots.map((bot) => [
      String(bot.id),
      bot.name,
      bot.status,
      bot.mode,
      bot.strategy,
      bot.symbols.join(','),
      `${formatMoney(bot.equity)} / ${formatMoney(bot.currentCash)}`,
      String(bot.totalTrades),
      winRate(bot),
      formatSignedMoney(totalPnl(bot)),
      bot.feed,
    ]),
    'No bots.',
  );
}

export function renderPositionTable(positions: readonly Position[]): string {
  return renderTable(
    ['Symbol', 'Side', 'Quantity', 'Entry', 'Price', 'Unrealized PnL'],
    positions.map((position) => [
      position.symbol,
      position.side,
      formatNumber(position.quantity),
      formatPrice(position.entryPrice),
      formatPrice(position.currentPrice),
      formatSignedMoney(position.unrealizedPnl),
    ]),
    'No open positions.',
  );
}

/**
 * Trades as given (callers order them); `withBot` adds a Bot column for trades of many bots.
 * `Time` is when it filled (wall clock); `Bar time` the market bar it filled on (simulated
 * time on the simulator, which runs ahead of the clock).
 */
export function renderTradeTable(trades: readonly Trade[], withBot = false): string {
  return renderTable(
    [
      'Time',
      ...(withBot ? ['Bot'] : []),
      'Symbol',
      'Action',
      'Quantity',
      'Price',
      'Fee',
      'PnL',
      'Reason',
      'Bar time',
      'Feed',
    ],
    trades.map((trade) => [
      formatTimestamp(trade.timestamp),
      ...(withBot ? [String(trade.botId)] : []),
      trade.symbol,
      trade.action,
      formatNumber(trade.quantity),
      formatPrice(trade.price),
      formatMoney(trade.fee),
      formatSignedMoney(trade.pnl),
      trade.reason,
      formatTimestamp(trade.barTime),
      trade.feed,
    ]),
    'No trades yet.',
  );
}

/** Newest first: by time, then by id for fills in the same instant. */
export function newestFirst(trades: readonly Trade[]): Trade[] {
  return [...trades].sort(
    (a, b) => Date.parse(b.timestamp) - Date.parse(a.timestamp) || b.id - a.id,
  );
}

/**
 * `bots show`: the fact sheet, open positions, and the most recent `tradeLimit` trades
 * (all of them when undefined).
 */
export function renderBotDetail(bot: BotDetail, tradeLimit: number | undefined): string {
  const trades = newestFirst(bot.trades);
  const shown = tradeLimit === undefined ? trades : trades.slice(0, tradeLimit);
  const more =
    shown.length < trades.length
      ? `Latest ${shown.length} of ${trades.length} trades; --all shows every one.\n`
      : '';
  return [
    renderBotFacts(bot, bot.positions),
    `\nPositions\n${renderPositionTable(bot.positions)}`,
    `\nTrades\n${renderTradeTable(shown)}${more}`,
  ].join('');
}
