import { type BotStatus, nextBotStatus } from '@tradewind/core';
import type { Prisma } from '@tradewind/db';
import { createStrategy, utcDay } from '@tradewind/engine';
import type { DomainEvent } from '../../events/event-bus.ts';
import { type PendingEvent, writeOutbox } from '../../events/outbox.ts';
import type { BotDeps } from '../../services/bots/bot-deps.ts';
import { finishBot } from '../../services/bots/finish-bot.ts';
import { aggregateUpdate, persistFills } from '../../services/bots/persist-fills.ts';
import { closeLiveBot } from '../../services/orders/close-live-bot.ts';
import { liveStep } from '../../services/orders/live-step.ts';
import { openBotVenue } from '../../venues/bot-venue.ts';
import { type BarStep, BotInstance, type NextBars, type StrategyFactory } from './bot-instance.ts';
import { type FeedBot, FeedOutages, isFeedOutage } from './feed-outages.ts';
import { LatencyRecorder } from './latency-recorder.ts';
import { persistQuietBars } from './persist-quiet-bars.ts';
import { strategyStack } from './strategy-stack.ts';

export type BotRunnerOptions = {
  /** This process's name in `bots.lease_owner`; unique per process. */
  owner: string;
  /** Real time between two bars (each held bot advances one bar per tick). */
  barMs: number;
  /** A lease not renewed for this long may be taken over by another process. */
  leaseMs: number;
  createStrategy?: StrategyFactory;
  logger?: { warn(obj: object, msg: string): void; error(obj: object, msg: string): void };
};

type Claimed = { id: number; status: BotStatus };

/** A quiet bar computed in memory, waiting for the tick's batch write. */
type QuietStep = { instance: BotInstance; status: BotStatus; step: BarStep };

// Thrown inside a bar's transaction when the bot changed under us (stopped, paused, an operator
// fill, a lost lease): the transaction rolls back and the bot is reloaded from the database.
class StaleBotError extends Error {}

/**
 * Runs bots in this process. Each tick it claims running bots whose lease is free or expired
 * (and renews its own) with one conditional UPDATE, then advances every held bot by one bar.
 * A bar with fills or a tripped guard is one transaction: a guarded update of the bot (still
 * this status, this lease, this fill sequence, this last bar) and then its fills, positions,
 * aggregates, equity snapshot and outbox rows; events are published after commit. Quiet bars
 * are written together under the same guard (see `persistQuietBars`). A strategy that throws
 * puts only its bot in ERROR.
 */
export class BotRunner {
  readonly #deps: BotDeps;
  readonly #options: BotRunnerOptions;
  readonly #createStrategy: StrategyFactory;
  readonly #instances = new Map<number, BotInstance>();
  readonly #outages = new FeedOutages();
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<void> | undefined;
  #stopped = false;
  /** Bars processed since start (all bots), for metrics and benchmarks. */
  barsProcessed = 0;
  /** Milliseconds from a bar falling due (its tick starting) to its fills being committed. */
  readonly fillLatency = new LatencyRecorder();

  constructor(deps: BotDeps, options: BotRunnerOptions) {
    this.#deps = deps;
    this.#options = options;
    this.#createStrategy = options.createStrategy ?? createStrategy;
  }

  /** Bots this process currently holds. */
  heldBotIds(): number[] {
    return [...this.#instances.keys()];
  }

  start(): void {
    this.#stopped = false;
    this.#schedule(0);
  }

  /** Stops ticking, waits for the bar in flight, and releases every lease this process holds. */
  async stop(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#timer);
    await this.#running;
    this.#instances.clear();
    this.#outages.release();
    await this.#deps.db.prisma.$executeRaw`
      UPDATE bots SET lease_owner = NULL, lease_expires_at = NULL
      WHERE lease_owner = ${this.#options.owner}`;
  }

  #schedule(delay: number): void {
    if (this.#stopped) return;
    this.#timer = setTimeout(() => {
      const started = Date.now();
      this.#running = this.tick()
        .catch((error: unknown) =>
          this.#options.logger?.error({ err: error }, 'bot runner tick failed'),
        )
        .finally(() => this.#schedule(Math.max(0, this.#options.barMs - (Date.now() - started))));
    }, delay);
  }

  /**
   * One round: claim/renew leases, then one bar for every held bot. Bars with fills or guard
   * trips are persisted at once, each in its own transaction; quiet bars (most of them) are
   * written together at the end of the tick.
   */
  async tick(): Promise<void> {
    const due = performance.now();
    const claimed = await this.#claim();
    let renewed = Date.now();
    const held = new Set(claimed.map((bot) => bot.id));
    for (const id of this.#instances.keys()) if (!held.has(id)) this.#instances.delete(id);
    this.#outages.release(held);
    const quiet: QuietStep[] = [];
    for (const bot of claimed) {
      if (this.#stopped) return;
      // A long tick must not let its leases lapse (another process would take the bots over).
      if (Date.now() - renewed > this.#options.leaseMs / 3) {
        await this.#renewLeases();
        renewed = Date.now();
      }
      const pending = await this.#step(bot, due);
      if (pending !== undefined) quiet.push(pending);
    }
    await this.#persistQuiet(quiet);
  }

  async #claim(): Promise<Claimed[]> {
    const { owner, leaseMs } = this.#options;
    // Conditional UPDATE: under concurrency PostgreSQL re-checks the WHERE clause on the locked
    // row, so two processes can never both take the same free or expired lease.
    return this.#deps.db.prisma.$queryRaw<Claimed[]>`
      UPDATE bots
      SET lease_owner = ${owner},
          lease_expires_at = (now() AT TIME ZONE 'UTC') + make_interval(secs => ${leaseMs / 1000})
      WHERE status IN ('ACTIVE', 'PAUSED', 'STOPPING')
        AND (lease_owner = ${owner} OR lease_owner IS NULL
             OR lease_expires_at < (now() AT TIME ZONE 'UTC'))
      RETURNING id, status::text AS status`;
  }

  async #renewLeases(): Promise<void> {
    const { owner, leaseMs } = this.#options;
    await this.#deps.db.prisma.$executeRaw`
      UPDATE bots
      SET lease_expires_at = (now() AT TIME ZONE 'UTC') + make_interval(secs => ${leaseMs / 1000})
      WHERE lease_owner = ${owner}`;
  }

  /** Advances one bot by a bar; returns the bar when it is quiet (left for the batch). */
  async #step(claimed: Claimed, due: number): Promise<QuietStep | undefined> {
    const deps = this.#deps;
    let instance = this.#instances.get(claimed.id);
    try {
      if (instance === undefined) {
        instance = await this.#load(claimed.id);
        if (instance === undefined) return;
        this.#instances.set(claimed.id, instance);
      }
      const ending = instance.scheduledEndTime !== null && instance.scheduledEndTime <= deps.now();
      if (claimed.status === 'STOPPING' || ending) {
        await this.#finish(claimed.id);
        this.#instances.delete(claimed.id);
        return;
      }
      const bars = await this.#nextBars(instance);
      if (bars === undefined) return;
      let step: BarStep;
      try {
        step = instance.advance(claimed.status === 'PAUSED', bars);
      } catch (error) {
        this.#instances.delete(claimed.id);
        await this.#fail(claimed.id, error);
        return;
      }
      if (instance.live) step = await liveStep(deps, instance.live, instance, step);
      if (isQuiet(step)) {
        return { instance, status: claimed.status, step };
      }
      const events = await this.#persistBar(instance, claimed.status, step);
      instance.committed(step);
      this.barsProcessed++;
      this.fillLatency.record(performance.now() - due);
      deps.events.publish(events);
    } catch (error) {
      this.#instances.delete(claimed.id);
      if (!(error instanceof StaleBotError)) {
        this.#options.logger?.warn({ err: error, botId: claimed.id }, 'bot bar failed; reloading');
      }
    }
  }

  async #persistQuiet(steps: readonly QuietStep[]): Promise<void> {
    let written: Set<number>;
    try {
      written = await persistQuietBars(
        this.#deps.db.prisma,
        this.#options.owner,
        steps.map(({ instance, status, step }) => ({
          botId: instance.botId,
          status,
          fillSequence: instance.fillSequence,
          previousBarTime: instance.lastBarTime,
          time: step.time,
          equity: step.equity,
          peakEquity: Math.max(instance.peakEquity, step.equity),
          cash: instance.broker.cash(),
          marks: instance.broker
            .openPositions()
            .map((position) => ({ symbol: position.symbol, price: position.lastPrice })),
        })),
      );
    } catch (error) {
      this.#options.logger?.warn({ err: error }, 'quiet bars failed; reloading their bots');
      written = new Set();
    }
    for (const { instance, step } of steps) {
      if (written.has(instance.botId)) {
        instance.committed(step);
        this.barsProcessed++;
      } else {
        // Changed under us (stopped, paused, an operator fill, a lost lease): reload.
        this.#instances.delete(instance.botId);
      }
    }
  }

  async #load(botId: number): Promise<BotInstance | undefined> {
    const { prisma } = this.#deps.db;
    const bot = await prisma.bot.findUnique({ where: { id: botId } });
    if (bot === null) return undefined;
    const trades = await prisma.trade.findMany({ where: { botId }, orderBy: { sequence: 'asc' } });
    // The daily-loss guard's baseline: equity at the last bar before the current UTC day.
    const dayStart =
      bot.lastBarTime === null
        ? null
        : await prisma.equitySnapshot.findFirst({
            where: {
              botId,
              time: { lt: new Date(`${utcDay(bot.lastBarTime.getTime())}T00:00:00Z`) },
            },
            orderBy: { time: 'desc' },
          });
    const feedBot: FeedBot = { botId: bot.id, userId: bot.userId, feed: bot.feed };
    let instance: BotInstance;
    try {
      instance = await BotInstance.load(
        bot,
        trades,
        await openBotVenue(this.#deps, bot, trades),
        this.#createStrategy,
        dayStart === null ? undefined : Number(dayStart.equity),
      );
    } catch (error) {
      if (isFeedOutage(error)) await this.#feedFailed(feedBot, error);
      else await this.#fail(botId, error);
      return undefined;
    }
    await this.#raise(this.#outages.answered(feedBot));
    if (instance.skippedFills.length > 0) await this.#alertSkippedFills(instance);
    return instance;
  }

  /**
   * Stored fills the ledger could not replay are a bug (the doors refuse what could produce
   * them): the bot keeps running without them, the log says so as an error, and the owner gets
   * a `ledger_inconsistent` alert naming the fills.
   */
  async #alertSkippedFills(instance: BotInstance): Promise<void> {
    const { botId, userId, skippedFills } = instance;
    this.#options.logger?.error(
      { botId, skippedFills },
      'bot ledger: stored fills could not be replayed and were left out (a bug)',
    );
    const sequences = skippedFills.map((fill) => fill.sequence).join(', ');
    await this.#raise({
      type: 'alert',
      userId,
      botId,
      payload: {
        botId,
        kind: 'ledger_inconsistent',
        message: `Bot ${botId}: stored fill(s) ${sequences} could not be replayed and were left out of its ledger; positions and cash exclude them`,
        values: { fills: skippedFills },
      },
    });
  }

  /** The bot's next closed bars; undefined while they are still open or its feed is down. */
  async #nextBars(instance: BotInstance): Promise<NextBars | undefined> {
    let bars: NextBars | undefined;
    try {
      bars = await instance.nextBars();
    } catch (error) {
      if (!isFeedOutage(error)) throw error;
      await this.#feedFailed(instance, error);
      return undefined;
    }
    await this.#raise(this.#outages.answered(instance));
    return bars;
  }

  async #feedFailed(bot: FeedBot, error: Error): Promise<void> {
    const event = this.#outages.failed(bot, error);
    if (event === undefined) return;
    this.#options.logger?.warn({ ...bot, reason: error.message }, 'bot waits for its feed');
    await this.#raise(event);
  }

  /** Writes and publishes a bot's alert at once (outside any bar's transaction). */
  async #raise(event: PendingEvent | undefined): Promise<void> {
    if (event === undefined) return;
    const published = await this.#deps.db.prisma.$transaction((tx) => writeOutbox(tx, [event]));
    this.#deps.events.publish(published);
  }

  async #persistBar(
    instance: BotInstance,
    status: BotStatus,
    step: BarStep,
  ): Promise<DomainEvent[]> {
    const { owner } = this.#options;
    // A tripped guard pauses the bot in this bar's transaction (only an ACTIVE bot trips one).
    const pausing = step.trips.length > 0 && status === 'ACTIVE';
    return this.#deps.db.prisma.$transaction(
      async (tx) => {
        const guard = await tx.bot.updateMany({
          where: {
            id: instance.botId,
            status,
            leaseOwner: owner,
            fillSequence: instance.fillSequence,
            lastBarTime: instance.lastBarTime === null ? null : new Date(instance.lastBarTime),
          },
          data: {
            lastBarTime: new Date(step.time),
            peakEquity: Math.max(instance.peakEquity, step.equity),
            currentCash: instance.broker.cash(),
            ...(pausing && { status: nextBotStatus(status, 'pause') }),
          },
        });
        if (guard.count !== 1) throw new StaleBotError();
        let pending: PendingEvent[] = [];
        if (step.fills.length > 0) {
          const bot = {
            id: instance.botId,
            userId: instance.userId,
            fillSequence: instance.fillSequence,
            feed: instance.feed,
          };
          const persisted = await persistFills(
            tx,
            bot,
            step.fills,
            (_fill, index) => step.reasons[index] ?? 'signal',
            instance.broker,
          );
          pending = persisted.events;
          await tx.bot.update({
            where: { id: instance.botId },
            data: aggregateUpdate(
              persisted.aggregates,
              instance.fillSequence + step.fills.length,
              instance.broker.cash(),
            ),
          });
        }
        await markPositions(tx, instance);
        await tx.equitySnapshot.create({
          data: { botId: instance.botId, time: new Date(step.time), equity: step.equity },
        });
        pending.push(...riskEvents(instance, step, pausing), ...venueEvents(instance, step));
        return writeOutbox(tx, pending);
      },
      { timeout: 30_000, maxWait: 30_000 },
    );
  }

  async #finish(botId: number): Promise<void> {
    const deps = this.#deps;
    await closeLiveBot(deps, await deps.db.prisma.bot.findUniqueOrThrow({ where: { id: botId } }));
    let published: DomainEvent[] = [];
    await deps.db.prisma.$transaction(
      async (tx) => {
        await tx.$queryRaw`SELECT id FROM bots WHERE id = ${botId} FOR UPDATE`;
        const bot = await tx.bot.findUnique({ where: { id: botId } });
        if (bot === null || bot.leaseOwner !== this.#options.owner) return;
        if (!['ACTIVE', 'PAUSED', 'STOPPING'].includes(bot.status)) return;
        published = await writeOutbox(tx, await finishBot(deps, tx, bot, 'scheduled'));
      },
      { timeout: 30_000, maxWait: 30_000 },
    );
    deps.events.publish(published);
  }

  async #fail(botId: number, error: unknown): Promise<void> {
    const deps = this.#deps;
    const message = error instanceof Error ? error.message : String(error);
    this.#options.logger?.warn({ err: error, botId }, 'bot failed');
    let published: DomainEvent[] = [];
    await deps.db.prisma.$transaction(async (tx) => {
      const bot = await tx.bot.findUnique({ where: { id: botId } });
      const failed = await tx.bot.updateMany({
        where: { id: botId, status: { in: ['ACTIVE', 'PAUSED', 'STOPPING'] } },
        data: {
          status: 'ERROR',
          errorMessage: message.slice(0, 1000),
          endTime: deps.now(),
          leaseOwner: null,
          leaseExpiresAt: null,
        },
      });
      if (failed.count === 1 && bot) {
        published = await writeOutbox(tx, [
          {
            type: 'bot.error',
            userId: bot.userId,
            botId,
            // The strategy's own frames only: no server internals or absolute paths.
            payload: { botId, message, stack: strategyStack(error) },
          },
        ]);
      }
    });
    deps.events.publish(published);
  }
}

/** A bar with nothing to tell: no fill, no guard, no rejection, no gap (written in a batch). */
function isQuiet(step: BarStep): boolean {
  return (
    step.fills.length === 0 &&
    step.trips.length === 0 &&
    step.rejections.length === 0 &&
    step.gaps.length === 0
  );
}

/**
 * The alerts of what the venue did on a bar: candles its feed lacks (`feed_gap`: skipped, not
 * invented) and orders below the market's minimums (`order_rejected`: refused, not filled).
 */
function venueEvents(instance: BotInstance, step: BarStep): PendingEvent[] {
  const { botId, userId, feed } = instance;
  const alert = (kind: string, message: string, values: Record<string, unknown>) => ({
    type: 'alert' as const,
    userId,
    botId,
    payload: { botId, kind, message, values },
  });
  return [
    ...step.gaps.map((gap) => {
      const from = new Date(gap.from).toISOString();
      const to = new Date(gap.to).toISOString();
      return alert(
        'feed_gap',
        `${feed} has no ${instance.timeframe} candles of ${gap.symbol} from ${from} to ${to} (${gap.missingBars} missing); the bot continues on the next real candle`,
        { feed, symbol: gap.symbol, from, to, missingBars: gap.missingBars },
      );
    }),
    ...step.rejections.map((rejection) =>
      alert('order_rejected', `Order refused: ${rejection.message}`, {
        symbol: rejection.order.symbol,
        side: rejection.order.side,
        quantity: rejection.order.quantity,
        reason: rejection.reason,
      }),
    ),
  ];
}

/**
 * The outbox events of a bar's risk guards: an `alert` per stop-loss; and, when a guard paused
 * the bot, `bot.paused` (its payload says which guard and why) and an `alert` per guard.
 */
function riskEvents(instance: BotInstance, step: BarStep, pausing: boolean): PendingEvent[] {
  const { botId, userId } = instance;
  const events: PendingEvent[] = [];
  for (const stop of step.stopLosses) {
    events.push({
      type: 'alert',
      userId,
      botId,
      payload: {
        botId,
        kind: 'stop_loss',
        message: `Stop-loss closed ${stop.fill.symbol}: close ${stop.close} is ${instance.risk.stopLossPercent}% or more below the entry ${stop.averagePrice}`,
        values: {
          symbol: stop.fill.symbol,
          quantity: stop.fill.quantity,
          averagePrice: stop.averagePrice,
          close: stop.close,
          stopLossPercent: instance.risk.stopLossPercent,
          cooldownBars: instance.risk.cooldownBars,
          cooldownUntil: new Date(stop.cooldownUntil).toISOString(),
        },
      },
    });
  }
  if (!pausing) return events;
  const [first] = step.trips;
  events.push({
    type: 'bot.paused',
    userId,
    botId,
    payload: {
      botId,
      status: 'PAUSED',
      reason: first?.kind,
      guards: step.trips.map((trip) => trip.kind),
      message: `${step.trips.map((trip) => trip.message).join('; ')}; positions sold at the close, bot paused`,
      barTime: new Date(step.time).toISOString(),
    },
  });
  for (const trip of step.trips) {
    const { equity, baseline, loss } = trip.values;
    const limitPercent =
      trip.kind === 'max_drawdown'
        ? instance.risk.maxDrawdownPercent
        : instance.risk.maxDailyLossPercent;
    events.push({
      type: 'alert',
      userId,
      botId,
      payload: {
        botId,
        kind: trip.kind,
        message: `${trip.message}; positions sold at the close, bot paused`,
        values: { equity, baseline, lossPercent: loss * 100, limitPercent },
      },
    });
  }
  return events;
}

/** Marks the bot's open positions at this bar's close. */
async function markPositions(tx: Prisma.TransactionClient, instance: BotInstance): Promise<void> {
  for (const position of instance.broker.openPositions()) {
    await tx.position.updateMany({
      where: { botId: instance.botId, symbol: position.symbol, closedAt: null },
      data: { lastPrice: position.lastPrice },
    });
  }
}
