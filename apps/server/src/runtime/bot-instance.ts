import type { Timeframe } from '@tradewind/core';
import type { Bot, Trade } from '@tradewind/db';
import { type Fill, type PaperBroker, type Strategy, TradingSession } from '@tradewind/engine';
import type { MarketFeed } from '../market/market-feed.ts';
import { TIMEFRAME_MS } from '../market/timeframes.ts';
import { botSizing, rebuildLedger } from '../services/bots/bot-ledger.ts';

/** Builds a strategy instance for one symbol (the engine registry, or a test's). */
export type StrategyFactory = (name: string, params: unknown) => Strategy;

/** Startup candles: enough for EMA-based strategies to settle, never fewer than the strategy needs. */
function warmupLength(strategy: Strategy): number {
  return Math.max(strategy.warmupBars * 3, 100);
}

/** What one bar did to a bot. */
export type BarStep = {
  time: number;
  /** Fills at this bar's open, in order. */
  fills: Fill[];
  equity: number;
};

/**
 * One bot as a runner holds it in memory: its trading session over a paper broker rebuilt from
 * the persisted fills, and the time of the next bar it will see.
 *
 * Resuming is exact: the ledger is replayed from the Trade rows; the strategy is warmed on the
 * bars before the last processed one, then sees that last bar as a live bar again (without
 * re-filling anything, the fills at its open are already in the ledger), so the order it placed
 * on that close is pending again and fills at the next bar exactly as it would have.
 */
export class BotInstance {
  readonly botId: number;
  readonly userId: string;
  readonly symbols: readonly string[];
  readonly timeframe: Timeframe;
  readonly scheduledEndTime: Date | null;
  readonly broker: PaperBroker;
  readonly session: TradingSession;
  /** Fills persisted so far: the next fill takes `fillSequence + 1`. */
  fillSequence: number;
  nextBarTime: number;
  peakEquity: number;
  #market: MarketFeed;
  #fillsSeen: number;

  constructor(
    bot: Bot,
    trades: readonly Trade[],
    market: MarketFeed,
    commissionRate: number,
    createStrategy: StrategyFactory,
  ) {
    this.botId = bot.id;
    this.userId = bot.userId;
    this.symbols = bot.symbols;
    this.timeframe = bot.timeframe as Timeframe;
    this.scheduledEndTime = bot.scheduledEndTime;
    this.fillSequence = bot.fillSequence;
    this.#market = market;
    const ledger = rebuildLedger(bot, trades, commissionRate);
    this.broker = ledger.broker;
    this.#fillsSeen = this.broker.fills.length;
    const strategies: Record<string, Strategy> = {};
    for (const symbol of bot.symbols) strategies[symbol] = createStrategy(bot.strategy, bot.params);
    this.session = new TradingSession({ venue: this.broker, strategies, sizing: botSizing(bot) });
    const step = TIMEFRAME_MS[this.timeframe];
    const last = bot.lastBarTime?.getTime();
    const first = market.align(this.timeframe, (bot.startTime ?? bot.createdAt).getTime());
    for (const symbol of bot.symbols) {
      const strategy = strategies[symbol] as Strategy;
      const until = last ?? first;
      for (const bar of market.history(symbol, this.timeframe, until, warmupLength(strategy))) {
        this.session.warmUp(symbol, bar);
      }
      if (last !== undefined)
        this.session.onBar(symbol, market.barAt(symbol, this.timeframe, last));
    }
    this.nextBarTime = last === undefined ? first : last + step;
    this.peakEquity = Math.max(Number(bot.peakEquity ?? bot.initialCash), this.broker.equity());
  }

  /**
   * Feeds the next bar of every symbol. Paused: orders are dropped and the bar only updates
   * indicators and marks, so nothing fills. A strategy that throws propagates (the runner puts
   * the bot in ERROR).
   */
  advance(paused: boolean): BarStep {
    const time = this.nextBarTime;
    for (const symbol of this.symbols) {
      const bar = this.#market.barAt(symbol, this.timeframe, time);
      if (paused) {
        this.broker.cancelPendingOrders(symbol);
        this.session.warmUp(symbol, bar);
      } else {
        this.session.onBar(symbol, bar);
      }
    }
    const fills = this.broker.fills.slice(this.#fillsSeen);
    this.#fillsSeen = this.broker.fills.length;
    const equity = this.broker.equity();
    return { time, fills, equity };
  }

  /** After the bar's transaction committed. */
  committed(step: BarStep): void {
    this.fillSequence += step.fills.length;
    this.nextBarTime = step.time + TIMEFRAME_MS[this.timeframe];
    this.peakEquity = Math.max(this.peakEquity, step.equity);
  }
}
