import {
  BOT_EVENT_TYPES,
  ZPerformanceTick,
  ZPerformanceTicksInput,
  ZRealtimeEvent,
  ZRealtimeEventsInput,
  ZRealtimeStats,
  ZRealtimeTopicInput,
  ZStrategySignalMessage,
  ZStrategySignalStreamInput,
  ZSystemNotification,
  ZSystemNotificationsInput,
  zAsyncIterable,
} from '@tradewind/core';
import { openEventSubscription } from '../realtime/event-subscription.ts';
import { performanceTicks, systemNotifications } from '../realtime/periodic-streams.ts';
import { statsViewer } from '../realtime/stats-viewer.ts';
import { openStrategySignalStream } from '../realtime/strategy-signal-stream.ts';
import { zTrackedAsyncIterable } from '../realtime/tracked-async-iterable.ts';
import { protectedProcedure, router } from '../trpc/init.ts';

const streamProcedure = protectedProcedure.meta({ permission: 'bots:read', rateLimit: 'read' });
const systemProcedure = protectedProcedure.meta({ permission: 'system:read', rateLimit: 'read' });
const ZEventStream = zTrackedAsyncIterable(ZRealtimeEvent);

/**
 * Live streams over WebSocket or SSE (the client's choice). Event streams are resumable: each
 * event is `tracked` with its outbox id, and a client that reconnects with `lastEventId` first
 * gets what it missed (within the replay window). Users see their own bots' events; admins may
 * ask for `scope: 'all'`.
 */
export const realtimeRouter = router({
  /** Every event of the caller's bots (or one bot), optionally only some types. */
  events: streamProcedure
    .input(ZRealtimeEventsInput)
    .output(ZEventStream)
    .subscription(({ ctx, input, signal }) =>
      openEventSubscription(ctx, ctx.principal, input, signal),
    ),
  /** Bot lifecycle: started, paused, resumed, finished, error. */
  botUpdates: streamProcedure
    .input(ZRealtimeTopicInput)
    .output(ZEventStream)
    .subscription(({ ctx, input, signal }) =>
      openEventSubscription(ctx, ctx.principal, { ...input, types: BOT_EVENT_TYPES }, signal),
    ),
  trades: streamProcedure
    .input(ZRealtimeTopicInput)
    .output(ZEventStream)
    .subscription(({ ctx, input, signal }) =>
      openEventSubscription(ctx, ctx.principal, { ...input, types: ['trade.executed'] }, signal),
    ),
  /** Risk alerts (stop-loss, daily loss, drawdown). */
  alerts: streamProcedure
    .input(ZRealtimeTopicInput)
    .output(ZEventStream)
    .subscription(({ ctx, input, signal }) =>
      openEventSubscription(ctx, ctx.principal, { ...input, types: ['alert'] }, signal),
    ),
  /** Seed 002: a strategy's recent signals, then each new one (owner or shared readers). */
  strategySignals: protectedProcedure
    .meta({ permission: 'strategies:read', rateLimit: 'read' })
    .input(ZStrategySignalStreamInput)
    .output(zAsyncIterable(ZStrategySignalMessage))
    .subscription(({ ctx, input, signal }) =>
      openStrategySignalStream(ctx, ctx.principal, input, signal),
    ),
  /** The caller's bots' figures (or one bot's) every `frequencySeconds` (1-60). */
  performance: streamProcedure
    .input(ZPerformanceTicksInput)
    .output(zAsyncIterable(ZPerformanceTick))
    .subscription(({ ctx, input, signal }) => performanceTicks(ctx, ctx.principal, input, signal)),
  /** System status every `intervalSeconds`, and a last one when the server shuts down. */
  systemNotifications: systemProcedure
    .input(ZSystemNotificationsInput)
    .output(zAsyncIterable(ZSystemNotification))
    .subscription(({ ctx, input, signal }) =>
      systemNotifications(ctx, ctx.principal, input, signal),
    ),
  /**
   * Open streams, sessions, subscriptions per topic (the caller's own; admins: everyone's),
   * messages sent, uptime (this process).
   */
  stats: systemProcedure
    .output(ZRealtimeStats)
    .query(({ ctx }) =>
      ctx.realtime.connections.stats(ctx.now().getTime(), statsViewer(ctx.principal)),
    ),
});
