import type { BotStatus } from '@tradewind/core';
import { createStrategy, utcDay } from '@tradewind/engine';
import type { DomainEvent } from '../../events/event-bus.ts';
import { type PendingEvent, writeOutbox } from '../../events/outbox.ts';
import type { BotDeps } from '../../services/bots/bot-deps.ts';
import { finishBot } from '../../services/bots/finish-bot.ts';
import { closeLiveBot } from '../../services/orders/close-live-bot.ts';
import { liveStep } from '../../services/orders/live-step.ts';
import { openBotVenue } from '../../venues/bot-venue.ts';
import { type BarStep, BotInstance, type NextBars, type StrategyFactory } from './bot-instance.ts';
import { BotLeases, type ClaimedBot } from './bot-leases.ts';
import { type FeedBot, FeedOutages, isFeedOutage } from './feed-outages.ts';
import { LatencyRecorder } from './latency-recorder.ts';
import { writeLoudBar } from './persist-loud-bars.ts';
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

/** A bar computed in memory, waiting for the tick's batch write. */
type PendingStep = { instance: BotInstance; status: BotStatus; step: BarStep };

/** Bars with fills written per transaction: few commits a tick, short enough transactions. */
const LOUD_BATCH_SIZE = 100;

/**
 * Runs bots in this process. Each tick it renews its leases and claims free or expired ones up
 * to its fair share of the bots across runner processes (`BotLeases`), then advances every
 * held bot by one bar.
 * Bars with fills or a tripped guard are written in batches, up to {@link LOUD_BATCH_SIZE} bots
 * per transaction: per bot a guarded update (still this status, this lease, this fill sequence,
 * this last bar) and, only when it matched, its fills, positions, aggregates, equity snapshot
 * and outbox rows; events are published after commit. A bot whose guard fails is skipped (and
 * reloaded) without touching the others; a batch that fails outright is retried bot by bot, so
 * one broken bot never holds back the rest. Quiet bars are written together under the same
 * guard (see `persistQuietBars`). A strategy that throws puts only its bot in ERROR.
 */
export class BotRunner {
  readonly #deps: BotDeps;
  readonly #options: BotRunnerOptions;
  readonly #createStrategy: StrategyFactory;
  readonly #instances = new Map<number, BotInstance>();
  readonly #outages = new FeedOutages();
  readonly #leases: BotLeases;
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
    this.#leases = new BotLeases(deps.db, options.owner, options.leaseMs);
  }

  /** Bots this process currently holds. */
  heldBotIds(): number[] {
    return [...this.#instances.keys()];
  }

  start(): void {
    this.#stopped = false;
    this.#schedule(0);
  }

  /**
   * Stops ticking, waits for the bar in flight, and hands every lease back (leaving the runner
   * pool), so the other processes take the bots over on their next tick.
   */
  async stop(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#timer);
    await this.#running;
    this.#instances.clear();
    this.#outages.release();
    await this.#leases.release();
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
   * One round: claim/renew leases, then one bar for every held bot, computed in memory; then
   * the bars with fills or guard trips are written in a few batched transactions, and the quiet
   * bars (most of them) together.
   */
  async tick(): Promise<void> {
    const due = performance.now();
    const claimed = await this.#leases.claim();
    let renewed = Date.now();
    const held = new Set(claimed.map((bot) => bot.id));
    for (const id of this.#instances.keys()) if (!held.has(id)) this.#instances.delete(id);
    this.#outages.release(held);
    const quiet: PendingStep[] = [];
    const loud: PendingStep[] = [];
    for (const bot of claimed) {
      if (this.#stopped) return;
      // A long tick must not let its leases lapse (another process would take the bots over).
      if (Date.now() - renewed > this.#options.leaseMs / 3) {
        await this.#leases.renew();
        renewed = Date.now();
      }
      const pending = await this.#step(bot);
      if (pending !== undefined) (isQuiet(pending.step) ? quiet : loud).push(pending);
    }
    for (let start = 0; start < loud.length; start += LOUD_BATCH_SIZE) {
      await this.#persistLoud(loud.slice(start, start + LOUD_BATCH_SIZE), due);
    }
    await this.#persistQuiet(quiet);
  }

  /** Advances one bot by a bar in memory; returns the bar, to be written with the tick's batch. */
  async #step(claimed: ClaimedBot): Promise<PendingStep | undefined> {
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
      // A LIVE bot's orders go to its exchange before the bar is written (fills as it reports).
      if (instance.live) step = await liveStep(deps, instance.live, instance, step);
      return { instance, status: claimed.status, step };
    } catch (error) {
      this.#instances.delete(claimed.id);
      this.#options.logger?.warn({ err: error, botId: claimed.id }, 'bot bar failed; reloading');
    }
  }

  /**
   * Writes bars with fills or guard trips in one transaction; a bot whose guard no longer holds
   * is left out (and reloaded). If the transaction fails, each bar is retried on its own, so the
   * failure stays with the bot that caused it.
   */
  async #persistLoud(steps: readonly PendingStep[], due: number): Promise<void> {
    if (steps.length === 0) return;
    let outcome: { written: Set<number>; events: DomainEvent[] };
    try {
      outcome = await this.#writeBars(steps);
    } catch (error) {
      if (steps.length > 1) {
        for (const step of steps) await this.#persistLoud([step], due);
        return;
      }
      const botId = steps[0]?.instance.botId;
      this.#options.logger?.warn({ err: error, botId }, 'bot bar failed; reloading');
      outcome = { written: new Set(), events: [] };
    }
    const committedAt = performance.now();
    for (const { instance, step } of steps) {
      if (outcome.written.has(instance.botId)) {
        instance.committed(step);
        this.barsProcessed++;
        this.fillLatency.record(committedAt - due);
      } else {
        // Changed under us (stopped, paused, an operator fill, a lost lease): reload.
        this.#instances.delete(instance.botId);
      }
    }
    this.#deps.events.publish(outcome.events);
  }

  async #persistQuiet(steps: readonly PendingStep[]): Promise<void> {
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

  /** One transaction for the bars; the bots whose guard held, and the events to publish. */
  async #writeBars(
    steps: readonly PendingStep[],
  ): Promise<{ written: Set<number>; events: DomainEvent[] }> {
    return this.#deps.db.prisma.$transaction(
      async (tx) => {
        const written = new Set<number>();
        const pending: PendingEvent[] = [];
        for (const { instance, status, step } of steps) {
          const events = await writeLoudBar(tx, this.#options.owner, instance, status, step);
          if (events === undefined) continue;
          written.add(instance.botId);
          pending.push(...events);
        }
        return { written, events: await writeOutbox(tx, pending) };
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
