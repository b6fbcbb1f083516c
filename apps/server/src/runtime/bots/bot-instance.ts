import type { Timeframe } from '@tradewind/core';
import type { Bot, Trade } from '@tradewind/db';
import {
  type Bar,
  EquityGuard,
  type Fill,
  type GuardTrip,
  type MarketDataPort,
  type OrderRejection,
  RiskGuardedVenue,
  STOP_LOSS_REASON,
  type StopLoss,
  type Strategy,
  TradingSession,
  utcDay,
} from '@tradewind/engine';
import type { PaperExecution } from '@tradewind/venues';
import { TIMEFRAME_MS } from '../../market/timeframes.ts';
import { botSizing, type SkippedFill } from '../../services/bots/bot-ledger.ts';
import {
  type ResolvedRiskSettings,
  resolveRiskSettings,
  riskRulesOf,
} from '../../services/bots/risk-settings.ts';
import type { BotVenue } from '../../venues/bot-venue.ts';

/** Builds a strategy instance for one symbol (the engine registry, or a test's). */
export type StrategyFactory = (name: string, params: unknown) => Strategy;

/** Startup candles: enough for EMA-based strategies to settle, never fewer than the strategy needs. */
function warmupLength(strategy: Strategy): number {
  return Math.max(strategy.warmupBars * 3, 100);
}

/** A bot's startup bars per symbol, and the last processed bar it sees again on resuming. */
export type BotWarmup = { history: Record<string, Bar[]>; last: Record<string, Bar> };

/** Candles of one symbol the feed does not have (the exchange was down): `[from, to)`. */
export type FeedGap = { symbol: string; from: number; to: number; missingBars: number };

/** The next closed bar time of a bot, its bars, and the candles the feed skipped before it. */
export type NextBars = { time: number; bars: Record<string, Bar>; gaps: FeedGap[] };

/** What one bar did to a bot. */
export type BarStep = {
  time: number;
  /** Fills at this bar's open, then the risk rules' at its close, in order. */
  fills: Fill[];
  /** The trade reason of each fill: `signal`, or the risk rule's (`stop_loss`, `max_drawdown`, ...). */
  reasons: string[];
  /** Stop-losses executed at this bar's close (their fills are also in `fills`). */
  stopLosses: StopLoss[];
  /** Equity rules that fired on this bar (positions sold at its close): the bot must be paused. */
  trips: GuardTrip[];
  /** Orders the market's minimums refused on this bar (never filled as zero). */
  rejections: OrderRejection[];
  /** Missing candles skipped to reach this bar: reported, not invented. */
  gaps: FeedGap[];
  equity: number;
};

/**
 * One bot as a runner holds it in memory: its trading session over its venue's execution (paper
 * fills on a ledger rebuilt from the persisted fills), its venue's market data, and the time of
 * the next bar it will see.
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
  /** Where its bars come from (`simulator`, or a venue): every trade names it. */
  readonly feed: string;
  readonly scheduledEndTime: Date | null;
  /** The in-loop side of the bot's paper execution: its ledger. */
  readonly broker: PaperExecution['broker'];
  /** The broker behind the engine's risk rules: what the strategies trade through. */
  readonly venue: RiskGuardedVenue;
  readonly risk: ResolvedRiskSettings;
  readonly session: TradingSession;
  /** Stored fills the ledger could not replay (see `rebuildLedger`): the runner alerts on them. */
  readonly skippedFills: readonly SkippedFill[];
  /** LIVE bots: where the live step sends the bar's orders (see `liveStep`). */
  readonly live: BotVenue['live'];
  /** Fills persisted so far: the next fill takes `fillSequence + 1`. */
  fillSequence: number;
  /** The last bar persisted (null before the first): a bar is written only after this one. */
  lastBarTime: number | null;
  nextBarTime: number;
  peakEquity: number;
  #marketData: MarketDataPort;
  #fillsSeen: number;
  #rejectionsSeen: number;
  /** The max-drawdown and daily-loss rules over the venue's equity. */
  readonly #equityGuard: EquityGuard;

  /**
   * Loads a bot from its row and trades on its venue, reading its startup bars from the venue's
   * market data (rejects with its error while it is unreachable). `dayStartEquity`: see the
   * constructor.
   */
  static async load(
    bot: Bot,
    trades: readonly Trade[],
    venue: BotVenue,
    createStrategy: StrategyFactory,
    dayStartEquity?: number,
  ): Promise<BotInstance> {
    const timeframe = bot.timeframe as Timeframe;
    const { marketData } = venue;
    const last = bot.lastBarTime?.getTime();
    const until = last ?? marketData.align(timeframe, (bot.startTime ?? bot.createdAt).getTime());
    const count = warmupLength(createStrategy(bot.strategy, bot.params));
    const from = until - count * TIMEFRAME_MS[timeframe];
    const warmup: BotWarmup = { history: {}, last: {} };
    for (const symbol of bot.symbols) {
      warmup.history[symbol] = await marketData.history(symbol, timeframe, { from, to: until });
      if (last === undefined) continue;
      // The last processed bar of a symbol with a gap there is its latest bar before it.
      const [bar] = await marketData.closedBars(symbol, timeframe, last, 1);
      if (bar?.time === last) warmup.last[symbol] = bar;
    }
    return new BotInstance(bot, trades, venue, warmup, createStrategy, dayStartEquity);
  }

  /**
   * `dayStartEquity`: for a bot that already processed bars, the equity of its last bar before
   * the UTC day of its last processed bar (its latest equity snapshot before that midnight), or
   * omitted when there is none (the bot started that day: its initial cash).
   */
  constructor(
    bot: Bot,
    trades: readonly Trade[],
    venue: BotVenue,
    warmup: BotWarmup,
    createStrategy: StrategyFactory,
    dayStartEquity?: number,
  ) {
    this.botId = bot.id;
    this.userId = bot.userId;
    this.symbols = bot.symbols;
    this.timeframe = bot.timeframe as Timeframe;
    this.feed = bot.feed;
    this.scheduledEndTime = bot.scheduledEndTime;
    this.fillSequence = bot.fillSequence;
    this.#marketData = venue.marketData;
    this.broker = venue.execution.broker;
    this.skippedFills = venue.skippedFills;
    this.live = venue.live;
    this.#fillsSeen = this.broker.fills.length;
    this.#rejectionsSeen = this.broker.rejections.length;
    const step = TIMEFRAME_MS[this.timeframe];
    this.risk = resolveRiskSettings(bot);
    this.venue = new RiskGuardedVenue(this.broker, riskRulesOf(this.risk), step);
    // Warm-up bars and the replayed last bar must not trade: `advance` arms it for live bars.
    this.venue.armed = false;
    // Cooldowns survive a restart: each symbol's last stop-loss fill restarts its clock.
    for (const trade of trades) {
      if (trade.reason === STOP_LOSS_REASON)
        this.venue.restoreStopLoss(trade.symbol, trade.barTime.getTime());
    }
    const strategies: Record<string, Strategy> = {};
    for (const symbol of bot.symbols) strategies[symbol] = createStrategy(bot.strategy, bot.params);
    this.session = new TradingSession({
      venue: this.venue,
      strategies,
      sizing: botSizing(bot),
      instruments: venue.instruments,
    });
    const last = bot.lastBarTime?.getTime();
    const first = venue.marketData.align(
      this.timeframe,
      (bot.startTime ?? bot.createdAt).getTime(),
    );
    for (const symbol of bot.symbols) {
      for (const bar of warmup.history[symbol] ?? []) this.session.warmUp(symbol, bar);
      const lastBar = warmup.last[symbol];
      if (lastBar !== undefined) this.session.onBar(symbol, lastBar);
    }
    this.lastBarTime = last ?? null;
    this.nextBarTime = last === undefined ? first : last + step;
    this.peakEquity = Math.max(Number(bot.peakEquity ?? bot.initialCash), this.broker.equity());
    this.#equityGuard = new EquityGuard(riskRulesOf(this.risk), [this.venue], {
      equity: this.broker.equity(),
      peakEquity: this.peakEquity,
      dayStartEquity: dayStartEquity ?? Number(bot.initialCash),
      ...(last !== undefined && { day: utcDay(last) }),
    });
  }

  /**
   * The next closed bar of the bot's symbols: undefined until every symbol has a closed bar at or
   * after `nextBarTime`. Candles the feed lacks are skipped and reported as gaps: the bar after a
   * gap is the next one traded, and a symbol without a bar at that time sits the bar out.
   * Rejects with the feed's error while it is unreachable.
   */
  async nextBars(): Promise<NextBars | undefined> {
    const from = this.nextBarTime;
    const firsts: Record<string, Bar> = {};
    for (const symbol of this.symbols) {
      const [bar] = await this.#marketData.closedBars(symbol, this.timeframe, from, 1);
      if (bar === undefined) return undefined;
      firsts[symbol] = bar;
    }
    const time = Math.min(...Object.values(firsts).map((bar) => bar.time));
    const step = TIMEFRAME_MS[this.timeframe];
    const bars: Record<string, Bar> = {};
    const gaps: FeedGap[] = [];
    for (const symbol of this.symbols) {
      const bar = firsts[symbol] as Bar;
      if (bar.time === time) bars[symbol] = bar;
      // Each missing slot is reported once: the ones this step skips, up to and including `time`.
      const to = Math.min(bar.time, time + step);
      if (to > from) gaps.push({ symbol, from, to, missingBars: (to - from) / step });
    }
    return { time, bars, gaps };
  }

  /**
   * Feeds the next bar of the symbols that have one (`next`, from `nextBars`). Paused: orders
   * are dropped and the bar only updates indicators and marks, so nothing fills and no rule
   * fires. Active: the engine's risk rules run as in a backtest (`RiskGuardedVenue`,
   * `EquityGuard`). A strategy that throws propagates (the runner puts the bot in ERROR).
   */
  advance(paused: boolean, next: NextBars): BarStep {
    const { time, bars, gaps } = next;
    this.venue.armed = !paused;
    this.venue.halted = paused;
    for (const symbol of this.symbols) {
      const bar = bars[symbol];
      if (bar === undefined) continue;
      if (paused) {
        this.broker.cancelPendingOrders(symbol);
        this.session.warmUp(symbol, bar);
      } else {
        this.session.onBar(symbol, bar);
      }
    }
    const { trips, equity } = this.#equityGuard.endStep(time);
    this.venue.armed = false;
    const fills = this.broker.fills.slice(this.#fillsSeen);
    this.#fillsSeen = this.broker.fills.length;
    const rejections = this.broker.rejections
      .slice(this.#rejectionsSeen)
      .filter((rejection) => rejection.reason === 'BELOW_MINIMUM');
    this.#rejectionsSeen = this.broker.rejections.length;
    const stopLosses = this.venue.takeStopLosses();
    const reasons = fills.map((fill) => this.venue.reasonOf(fill) ?? 'signal');
    return { time, fills, reasons, stopLosses, trips: [...trips], rejections, gaps, equity };
  }

  /** After the bar's transaction committed. */
  committed(step: BarStep): void {
    this.fillSequence += step.fills.length;
    this.lastBarTime = step.time;
    this.nextBarTime = step.time + TIMEFRAME_MS[this.timeframe];
    this.peakEquity = Math.max(this.peakEquity, step.equity);
  }
}
