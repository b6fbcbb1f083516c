import { setTimeout as sleep } from 'node:timers/promises';
import type {
  AuthenticatedPrincipal,
  DomainEventType,
  RealtimeEvent,
  RealtimeScope,
} from '@tradewind/core';
import { TRPCError, type TrackedEnvelope, tracked } from '@trpc/server';
import type { DomainEvent } from '../events/event-bus.ts';
import type { ServiceDeps } from '../service-deps.ts';
import type { Transport } from './connection-registry.ts';
import { type EventFilter, resolveEventFilter } from './event-filter.ts';
import type { RealtimeHub } from './realtime-hub.ts';

/**
 * Events a stream holds for a subscriber while it waits for the socket to drain (see
 * `drained`). Past it, the stream ends with TOO_MANY_REQUESTS and the client resubscribes with
 * its last event id, replayed from the outbox: nothing is lost and memory stays bounded.
 */
const UNREAD_LIMIT = 1_000;

/** What a stream needs; `outboundBacklog` (tRPC's context has it) lets it pace on the socket. */
export type StreamDeps = Pick<ServiceDeps, 'shutdownSignal'> & {
  realtime: RealtimeHub;
  /** Bytes written to the client and not yet sent. */
  outboundBacklog?: () => number;
};

export type EventSubscriptionRequest = {
  botId?: number | undefined;
  types?: readonly DomainEventType[] | undefined;
  scope?: RealtimeScope | undefined;
  lastEventId?: string | null | undefined;
};

export function toRealtimeEvent(event: DomainEvent): RealtimeEvent {
  return {
    id: event.id,
    type: event.type,
    botId: event.botId,
    payload: { ...event.payload },
    createdAt: event.createdAt,
  };
}

/**
 * A tRPC subscription's events as `tracked(id, event)`: the missed ones first (after
 * `lastEventId`), then live ones, until the client leaves or the server shuts down. The filter
 * and the connection cap are checked before the stream starts, so a refusal reaches the client
 * as its domain error (NOT_FOUND, FORBIDDEN, TOO_MANY_REQUESTS) rather than a broken stream.
 */
export async function openEventSubscription(
  deps: StreamDeps & Pick<ServiceDeps, 'db'>,
  principal: AuthenticatedPrincipal,
  request: EventSubscriptionRequest,
  signal: AbortSignal | undefined,
): Promise<AsyncGenerator<TrackedEnvelope<RealtimeEvent>, void, unknown>> {
  const filter = await resolveEventFilter(deps, principal, {
    ...(request.botId !== undefined && { botId: request.botId }),
    ...(request.types && { types: request.types }),
    ...(request.scope && { scope: request.scope }),
  });
  deps.realtime.connections.assertCanOpen(principal.userId);
  return tracking(
    streamEvents(deps, principal.userId, filter, request.lastEventId ?? null, signal),
  );
}

async function* tracking(
  events: AsyncGenerator<DomainEvent, void, unknown>,
): AsyncGenerator<TrackedEnvelope<RealtimeEvent>, void, unknown> {
  for await (const event of events) yield tracked(event.id, toRealtimeEvent(event));
}

/**
 * One tRPC stream's events (replay, then live) as a pull-based generator with a bounded unread
 * queue, counted as one open stream of `userId` while it runs.
 */
export async function* streamEvents(
  deps: StreamDeps,
  userId: string,
  filter: EventFilter,
  lastEventId: string | null,
  signal: AbortSignal | undefined,
  transport: Transport = 'trpc',
): AsyncGenerator<DomainEvent, void, unknown> {
  const { realtime } = deps;
  const release = realtime.connections.open({ transport, userId });
  const stop = AbortSignal.any([deps.shutdownSignal, ...(signal ? [signal] : [])]);
  const unread: DomainEvent[] = [];
  let overflowed = false;
  let wake: (() => void) | undefined;
  const feed = realtime.openFeed({
    filter,
    lastEventId,
    onEvent(event) {
      if (unread.length >= UNREAD_LIMIT) overflowed = true;
      else unread.push(event);
      wake?.();
    },
  });
  const onAbort = () => wake?.();
  stop.addEventListener('abort', onAbort);
  try {
    await feed.ready;
    while (!stop.aborted) {
      if (overflowed) {
        realtime.connections.slowConsumerDisconnected();
        throw new TRPCError({
          code: 'TOO_MANY_REQUESTS',
          message: `Slow consumer: more than ${UNREAD_LIMIT} events unread; resubscribe with lastEventId to resume`,
        });
      }
      const event = unread.shift();
      if (event === undefined) {
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
        wake = undefined;
        continue;
      }
      if (!(await drained(deps, stop))) {
        realtime.connections.slowConsumerDisconnected();
        throw new TRPCError({
          code: 'TOO_MANY_REQUESTS',
          message:
            'Slow consumer: the connection did not drain; resubscribe with lastEventId to resume',
        });
      }
      realtime.connections.sent();
      yield event;
    }
  } finally {
    stop.removeEventListener('abort', onAbort);
    feed.close();
    release();
  }
}

const DRAIN_POLL_MS = 50;

/**
 * Waits while the client's unsent bytes exceed the limit (tRPC writes without waiting for the
 * socket), so a slow reader holds at most that much plus the unread queue. False when it is
 * still behind after two heartbeat periods.
 */
async function drained(deps: StreamDeps, stop: AbortSignal): Promise<boolean> {
  const backlog = deps.outboundBacklog;
  if (!backlog) return true;
  const { maxBufferedBytes, heartbeatMs } = deps.realtime.config;
  const since = Date.now();
  while (backlog() > maxBufferedBytes && !stop.aborted) {
    if (Date.now() - since > heartbeatMs * 2) return false;
    await sleep(DRAIN_POLL_MS, undefined, { signal: stop }).catch(() => undefined);
  }
  return true;
}
