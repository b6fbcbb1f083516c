import { type BotStatus, nextBotStatus } from '@tradewind/core';
import type { Prisma } from '@tradewind/db';
import type { PendingEvent } from '../../events/outbox.ts';
import { aggregateUpdate, persistFills } from '../../services/bots/persist-fills.ts';
import type { BarStep, BotInstance } from './bot-instance.ts';

/**
 * A bar's writes inside the batch's transaction; undefined (nothing written) when the bot
 * changed under us. The guard comes first, so a skipped bot leaves no partial writes.
 */
export async function writeLoudBar(
  tx: Prisma.TransactionClient,
  owner: string,
  instance: BotInstance,
  status: BotStatus,
  step: BarStep,
): Promise<PendingEvent[] | undefined> {
  // A tripped guard pauses the bot in this bar's transaction (only an ACTIVE bot trips one).
  const pausing = step.trips.length > 0 && status === 'ACTIVE';
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
  if (guard.count !== 1) return undefined;
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
  return pending;
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
