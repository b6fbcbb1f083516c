import type { DomainEvent } from '../events/event-bus.ts';
import { readOutboxAfter } from '../events/read-outbox.ts';
import type { ServiceDeps } from '../service-deps.ts';
import type { EventFanout } from './event-fanout.ts';
import { type EventFilter, matchesFilter } from './event-filter.ts';

const REPLAY_PAGE = 500;

export type EventFeedOptions = {
  filter: EventFilter;
  /** Resume after this event: everything later that is still in the replay window comes first. */
  lastEventId?: string | null;
  /** Receives each event once, in id order. */
  onEvent(event: DomainEvent): void;
};

export type EventFeedDeps = {
  db: ServiceDeps['db'];
  fanout: EventFanout;
  now: () => Date;
  replayWindowMs: number;
  replayMaxEvents: number;
};

export type EventFeed = {
  /** Resolves once the replay is delivered and live events flow. */
  ready: Promise<void>;
  close(): void;
};

/**
 * One stream's events: the missed ones replayed from the outbox (after `lastEventId`, within the
 * replay window), then live ones from the bus. Live events are subscribed to before the replay
 * query runs and held until it is delivered, and anything at or below the last id delivered is
 * skipped; since outbox ids increase in commit order (events/outbox.ts), nothing falls between
 * the replay and the live stream and nothing comes twice.
 */
export function openEventFeed(deps: EventFeedDeps, options: EventFeedOptions): EventFeed {
  const { filter, onEvent } = options;
  let last = options.lastEventId ? BigInt(options.lastEventId) : undefined;
  let held: DomainEvent[] | undefined = last === undefined ? undefined : [];
  let closed = false;
  const deliver = (event: DomainEvent) => {
    const id = BigInt(event.id);
    if (last !== undefined && id <= last) return;
    last = id;
    onEvent(event);
  };
  const remove = deps.fanout.add({
    userId: filter.userId,
    deliver(event) {
      if (closed || !matchesFilter(filter, event)) return;
      if (held) held.push(event);
      else deliver(event);
    },
  });

  const replay = async () => {
    if (last === undefined) return;
    const since = new Date(deps.now().getTime() - deps.replayWindowMs);
    let remaining = deps.replayMaxEvents;
    while (remaining > 0 && !closed) {
      const limit = Math.min(REPLAY_PAGE, remaining);
      const page = await readOutboxAfter(deps.db, {
        afterId: last,
        userId: filter.userId,
        ...(filter.botId !== undefined && { botId: filter.botId }),
        ...(filter.types && { types: filter.types }),
        since,
        limit,
      });
      for (const event of page) {
        if (closed) return;
        deliver(event);
      }
      remaining -= page.length;
      if (page.length < limit) break;
    }
  };

  const ready = replay().finally(() => {
    const pending = held ?? [];
    held = undefined;
    if (!closed) for (const event of pending) deliver(event);
  });
  return {
    ready,
    close() {
      closed = true;
      remove();
    },
  };
}
