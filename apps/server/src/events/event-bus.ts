import { EventEmitter } from 'node:events';

/** The domain events bots emit; each is also written to the outbox in the same transaction. */
export const DOMAIN_EVENT_TYPES = [
  'bot.started',
  'bot.paused',
  'bot.resumed',
  'bot.finished',
  'bot.error',
  'trade.executed',
  /** A risk guard fired: payload `{ botId, kind, message, values }`. */
  'alert',
] as const;
export type DomainEventType = (typeof DOMAIN_EVENT_TYPES)[number];

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
 * In-process today; a LISTEN/NOTIFY or Redis implementation takes its place across processes.
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
