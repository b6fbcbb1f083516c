import { EventEmitter } from 'node:events';

import { DOMAIN_EVENT_TYPES, type DomainEventType } from '@tradewind/core';

// The event types are a contract (core); re-exported for the modules that import them from here.
export { DOMAIN_EVENT_TYPES, type DomainEventType };

/** What goes over the bus: small, with ids, the same shape the outbox row holds. */
export type DomainEvent = {
  /** The outbox row's id, so consumers can resume from it. */
  readonly id: string;
  readonly type: DomainEventType;
  readonly userId: string;
  readonly botId: number | null;
  readonly payload: Readonly<Record<string, unknown>>;
  readonly createdAt: Date;
};

/**
 * The event bus port: published after the transaction that wrote the outbox rows commits.
 * In-process by default; {@link PostgresEventBus} (postgres-event-bus.ts) carries events to
 * every process sharing a PostgreSQL database.
 */
export type EventBus = {
  publish(events: readonly DomainEvent[]): void;
  /** Returns a function that unsubscribes. */
  subscribe(listener: (event: DomainEvent) => void): () => void;
};

/** The in-process bus: a typed wrapper over one EventEmitter; a throwing listener is isolated. */
export class InProcessEventBus implements EventBus {
  #emitter = new EventEmitter();

  constructor() {
    // Many realtime subscribers are normal, not a leak.
    this.#emitter.setMaxListeners(0);
  }

  publish(events: readonly DomainEvent[]): void {
    for (const event of events) {
      for (const listener of this.#emitter.listeners('event')) {
        try {
          (listener as (event: DomainEvent) => void)(event);
        } catch {
          // A consumer's bug must not break the publisher (the bot runner).
        }
      }
    }
  }

  subscribe(listener: (event: DomainEvent) => void): () => void {
    this.#emitter.on('event', listener);
    return () => this.#emitter.off('event', listener);
  }
}
