import type { Database } from '@tradewind/db';
import type { EventBus } from '../events/event-bus.ts';
import type { SecretBox } from '../security/secret-box.ts';
import {
  claimDelivery,
  claimDueDeliveries,
  fanOutOutbox,
  loadClaimedDelivery,
  recordAttempt,
  releaseDeliveries,
} from '../services/webhooks-deliveries.ts';
import { isWebhookEventType } from '../services/webhooks-payloads.ts';
import type { RetryPolicy } from './retry-policy.ts';
import type { AttemptResult, WebhookSender } from './webhook-sender.ts';
import type { SigningSecrets } from './webhook-signature.ts';

export type WebhookDispatcherDeps = {
  db: Database;
  events: EventBus;
  secretBox: SecretBox;
  sender: WebhookSender;
  now: () => Date;
  logger?: { warn(obj: object, msg: string): void };
};

export type WebhookDispatcherOptions = {
  /** This process's name on the leases it takes. */
  owner: string;
  retry: RetryPolicy;
  /** Deliveries in flight at once; a slow receiver holds one slot, never a bot. */
  concurrency: number;
  /** How long a claim holds: longer than one attempt can take. */
  leaseMs: number;
  /** The periodic sweep: retries falling due, claims other processes let lapse, missed wakes. */
  sweepMs: number;
};

type Subscription = {
  url: string;
  secretEncrypted: string | null;
  previousSecretEncrypted: string | null;
  previousSecretExpiresAt: Date | null;
};

/**
 * Drains the outbox into webhook deliveries and sends them, at least once. Woken by the event
 * bus after a commit and by a periodic sweep; everything it does runs on its own promise chain,
 * so publishers (the bot runner) never wait for a receiver. State lives in the database (cursor,
 * delivery rows, leases), so a restart or a second process picks up where this one stopped.
 */
export class WebhookDispatcher {
  readonly #deps: WebhookDispatcherDeps;
  readonly #options: WebhookDispatcherOptions;
  readonly #inFlight = new Map<string, Promise<void>>();
  readonly #abort = new AbortController();
  #timer: NodeJS.Timeout | undefined;
  #retryTimer: NodeJS.Timeout | undefined;
  #unsubscribe: (() => void) | undefined;
  #pass: Promise<void> | undefined;
  #again = false;
  #stopped = false;

  constructor(deps: WebhookDispatcherDeps, options: WebhookDispatcherOptions) {
    this.#deps = deps;
    this.#options = options;
  }

  start(): void {
    this.#unsubscribe = this.#deps.events.subscribe((event) => {
      if (isWebhookEventType(event.type)) this.wake();
    });
    this.#timer = setInterval(() => this.wake(), this.#options.sweepMs);
    this.#timer.unref();
    this.wake();
  }

  /** Runs a pass soon; a wake during a pass runs one more after it. Never throws. */
  wake(): void {
    if (this.#stopped) return;
    if (this.#pass) {
      this.#again = true;
      return;
    }
    this.#pass = this.#run().finally(() => {
      this.#pass = undefined;
      if (this.#again) {
        this.#again = false;
        this.wake();
      }
    });
  }

  async #run(): Promise<void> {
    const { db, now } = this.#deps;
    try {
      while (await fanOutOutbox(db, now())) {
        // Keep going while batches come back full.
      }
      const free = this.#options.concurrency - this.#inFlight.size;
      if (free <= 0) return;
      const { claimed, nextDueAt } = await claimDueDeliveries(
        db,
        this.#options.owner,
        now(),
        this.#leaseEnd(),
        free,
      );
      for (const id of claimed) this.#track(id, this.#deliver(id, this.#options.retry));
      if (nextDueAt !== null) this.#wakeAt(nextDueAt);
    } catch (error) {
      if (!this.#stopped) this.#deps.logger?.warn({ err: error }, 'webhook dispatch pass failed');
    }
  }

  /** A retry falls due before the next sweep: wake for it then. */
  #wakeAt(dueAt: Date): void {
    const delay = dueAt.getTime() - this.#deps.now().getTime();
    if (delay >= this.#options.sweepMs || this.#stopped) return;
    clearTimeout(this.#retryTimer);
    this.#retryTimer = setTimeout(() => this.wake(), Math.max(0, delay));
    this.#retryTimer.unref();
  }

  #track(id: string, work: Promise<unknown>): void {
    const settled = work.then(
      () => undefined,
      (error: unknown) =>
        this.#deps.logger?.warn({ err: error, deliveryId: id }, 'webhook delivery failed'),
    );
    this.#inFlight.set(id, settled);
    void settled.finally(() => {
      this.#inFlight.delete(id);
      // A slot is free, and this subscription's next event may now be due.
      this.wake();
    });
  }

  /**
   * Sends one delivery now, outside the queue (test events, manual redelivery), and returns
   * the attempt; null when another process holds it at the moment.
   */
  async deliverNow(deliveryId: string, retry: boolean): Promise<AttemptResult | null> {
    const { db, now } = this.#deps;
    if (!(await claimDelivery(db, deliveryId, this.#options.owner, now(), this.#leaseEnd()))) {
      return null;
    }
    const work = this.#deliver(deliveryId, retry ? this.#options.retry : null);
    this.#track(deliveryId, work);
    return work;
  }

  async #deliver(deliveryId: string, retry: RetryPolicy | null): Promise<AttemptResult | null> {
    const { db, sender, now } = this.#deps;
    const delivery = await loadClaimedDelivery(db, deliveryId);
    if (delivery === null) return null;
    const result = await sender.send(
      delivery.subscription.url,
      delivery,
      this.#secrets(delivery.subscription),
      this.#abort.signal,
    );
    // Cut short by shutdown: not an attempt the receiver should be blamed for; released below.
    if (this.#abort.signal.aborted) return result;
    await recordAttempt(db, delivery, this.#options.owner, result, now(), retry);
    return result;
  }

  #secrets(subscription: Subscription): SigningSecrets | null {
    const { secretBox, now } = this.#deps;
    if (subscription.secretEncrypted === null) return null;
    const rotating =
      subscription.previousSecretEncrypted !== null &&
      subscription.previousSecretExpiresAt !== null &&
      subscription.previousSecretExpiresAt > now();
    return {
      current: secretBox.decrypt(subscription.secretEncrypted),
      previous: rotating
        ? secretBox.decrypt(subscription.previousSecretEncrypted as string)
        : undefined,
    };
  }

  #leaseEnd(): Date {
    return new Date(this.#deps.now().getTime() + this.#options.leaseMs);
  }

  /** Stops claiming, cuts in-flight attempts short and hands their claims back. */
  async stop(): Promise<void> {
    this.#stopped = true;
    clearInterval(this.#timer);
    clearTimeout(this.#retryTimer);
    this.#unsubscribe?.();
    const unsent = [...this.#inFlight.keys()];
    this.#abort.abort();
    await this.#pass;
    await Promise.all(this.#inFlight.values());
    await releaseDeliveries(this.#deps.db, this.#options.owner, unsent).catch(() => {});
    await this.#deps.sender.close();
  }
}
