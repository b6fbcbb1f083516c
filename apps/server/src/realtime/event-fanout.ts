import type { DomainEvent, EventBus } from '../events/event-bus.ts';

/** Someone who receives events: one user's, or, for an admin's wide stream, everyone's. */
export type EventConsumer = {
  /** The user whose events this consumer gets; null: every user's (admins only). */
  userId: string | null;
  deliver(event: DomainEvent): void;
};

/**
 * One bus subscription for all realtime streams of the process, indexed by user: an event
 * reaches only its owner's consumers (and admins' wide ones), so the cost of an event does not
 * grow with other users' connections, and no code path can hand it to another user's stream.
 */
export class EventFanout {
  readonly #byUser = new Map<string, Set<EventConsumer>>();
  readonly #wide = new Set<EventConsumer>();
  readonly #unsubscribe: () => void;

  constructor(bus: EventBus) {
    this.#unsubscribe = bus.subscribe((event) => this.#dispatch(event));
  }

  /** Starts delivering to `consumer`; returns the function that stops it. */
  add(consumer: EventConsumer): () => void {
    if (consumer.userId === null) {
      this.#wide.add(consumer);
      return () => this.#wide.delete(consumer);
    }
    const userId = consumer.userId;
    let consumers = this.#byUser.get(userId);
    if (!consumers) {
      consumers = new Set();
      this.#byUser.set(userId, consumers);
    }
    consumers.add(consumer);
    return () => {
      const current = this.#byUser.get(userId);
      current?.delete(consumer);
      if (current?.size === 0) this.#byUser.delete(userId);
    };
  }

  close(): void {
    this.#unsubscribe();
  }

  #dispatch(event: DomainEvent): void {
    for (const consumer of this.#byUser.get(event.userId) ?? []) this.#deliver(consumer, event);
    for (const consumer of this.#wide) this.#deliver(consumer, event);
  }

  #deliver(consumer: EventConsumer, event: DomainEvent): void {
    try {
      consumer.deliver(event);
    } catch {
      // One broken stream must not starve the others of the event.
    }
  }
}
