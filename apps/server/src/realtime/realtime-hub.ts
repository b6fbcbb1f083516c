import type { EventBus } from '../events/event-bus.ts';
import type { ServiceDeps } from '../service-deps.ts';
import { ConnectionRegistry } from './connection-registry.ts';
import { CredentialCheck } from './credential-check.ts';
import { EventFanout } from './event-fanout.ts';
import { type EventFeed, type EventFeedOptions, openEventFeed } from './event-feed.ts';
import type { RealtimeConfig } from './realtime-config.ts';

/**
 * The realtime side of one server process: the fan-out of bus events to streams, the registry
 * of open streams (caps and stats) and the settings every transport (tRPC subscriptions, the
 * JSON WebSocket gateway, SSE) shares.
 */
export class RealtimeHub {
  readonly config: RealtimeConfig;
  readonly fanout: EventFanout;
  readonly connections: ConnectionRegistry;
  /** Open streams re-check their credentials on every heartbeat through this. */
  readonly credentials = new CredentialCheck();
  readonly #db: ServiceDeps['db'];
  readonly #now: () => Date;

  constructor(deps: {
    config: RealtimeConfig;
    events: EventBus;
    db: ServiceDeps['db'];
    now: () => Date;
  }) {
    this.config = deps.config;
    this.#db = deps.db;
    this.#now = deps.now;
    this.fanout = new EventFanout(deps.events);
    this.connections = new ConnectionRegistry({
      maxConnectionsPerUser: deps.config.maxConnectionsPerUser,
      startedAt: deps.now().getTime(),
    });
  }

  /** Replay after `lastEventId`, then live events, for one stream (see event-feed.ts). */
  openFeed(options: EventFeedOptions): EventFeed {
    return openEventFeed(
      {
        db: this.#db,
        fanout: this.fanout,
        now: this.#now,
        replayWindowMs: this.config.replayWindowMs,
        replayMaxEvents: this.config.replayMaxEvents,
      },
      options,
    );
  }

  close(): void {
    this.fanout.close();
  }
}
