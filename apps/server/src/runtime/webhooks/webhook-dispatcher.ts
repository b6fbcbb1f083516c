import type { Database } from '@tradewind/db';
import type { EventBus } from '../../events/event-bus.ts';
import type { SecretBox } from '../../security/secret-box.ts';
import {
  claimDelivery,
  claimDueDeliveries,
  fanOutOutbox,
  loadClaimedDeliveries,
  recordAttempt,
  releaseDeliveries,
  renewLease,
} from '../../services/webhooks/deliveries.ts';
import { isWebhookEventType } from '../../services/webhooks/payloads.ts';
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
  /** Sending work under way (a subscription's run of deliveries, or one sent now). */
  readonly #inFlight = new Set<Promise<void>>();
  /** Deliveries this process holds a claim on and has not yet recorded an attempt for. */
  readonly #held = new Set<string>();
  readonly #abort = new AbortController();
  #timer: NodeJS.Timeout | undefined;
  #retryTimer: NodeJS.Timeout | undefined;
  #unsubscribe: (() => void) | undefined;
  #pass: Promise<void> | undefined;
  #again = false;
  /** New outbox events may be waiting (a bus event or a sweep); a finished send needs none. */
  #fanOutDue = true;
  #stopped = false;

  constructor(deps: WebhookDispatcherDeps, options: WebhookDispatcherOptions) {
    this.#deps = deps;
    this.#options = options;
  }

  start(): void {
    this.#unsubscribe = this.#deps.events.subscribe((event) => {
      if (isWebhookEventType(event.type)) this.wake(true);
    });
    // Other processes' events reach this one only through the database: sweep for them too.
    this.#timer = setInterval(() => this.wake(true), this.#options.sweepMs);
    this.#timer.unref();
    this.wake(true);
  }

  /** Runs a pass soon; a wake during a pass runs one more after it. Never throws. */
  wake(fanOut = false): void {
    if (this.#stopped) return;
    if (fanOut) this.#fanOutDue = true;
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
      if (this.#fanOutDue) {
        this.#fanOutDue = false;
        while (await fanOutOutbox(db, now())) {
          // Keep going while batches come back full.
        }
      }
      const free = this.#options.concurrency - this.#inFlight.size;
      if (free <= 0) return;
      const { groups, nextDueAt } = await claimDueDeliveries(
        db,
        this.#options.owner,
        now(),
        this.#leaseEnd(),
        free,
      );
      for (const group of groups) this.#track(this.#deliverGroup(group));
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

  #track(work: Promise<unknown>): void {
    const settled = work.then(
      () => undefined,
      (error: unknown) => this.#deps.logger?.warn({ err: error }, 'webhook delivery failed'),
    );
    this.#inFlight.add(settled);
    void settled.finally(() => {
      this.#inFlight.delete(settled);
      // A slot is free, and this subscription's next event may now be due.
      this.wake();
    });
  }

  /**
   * Sends one subscription's claimed run in order. A failure ends the run: the failed delivery
   * waits for its retry and holds the rest back, so they are handed back unsent.
   */
  async #deliverGroup(deliveryIds: readonly string[]): Promise<void> {
    const { db } = this.#deps;
    const owner = this.#options.owner;
    for (const id of deliveryIds) this.#held.add(id);
    try {
      const deliveries = await loadClaimedDeliveries(db, deliveryIds);
      for (const [index, delivery] of deliveries.entries()) {
        if (this.#abort.signal.aborted) return;
        // The first claim is fresh; later ones are renewed, and a lost one ends the run.
        if (index > 0 && !(await renewLease(db, delivery.id, owner, this.#leaseEnd()))) return;
        const result = await this.#attempt(delivery, this.#options.retry);
        if (!result.ok) return;
      }
    } finally {
      const unsent = deliveryIds.filter((id) => this.#held.delete(id));
      if (!this.#stopped) await releaseDeliveries(db, owner, unsent);
    }
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
    this.#held.add(deliveryId);
    const work = (async () => {
      try {
        const [delivery] = await loadClaimedDeliveries(db, [deliveryId]);
        return delivery ? await this.#attempt(delivery, retry ? this.#options.retry : null) : null;
      } finally {
        if (this.#held.delete(deliveryId) && !this.#stopped) {
          await releaseDeliveries(db, this.#options.owner, [deliveryId]);
        }
      }
    })();
    this.#track(work);
    return work;
  }

  /** One POST, logged; a POST cut short by shutdown is not an attempt and stays held. */
  async #attempt(
    delivery: Awaited<ReturnType<typeof loadClaimedDeliveries>>[number],
    retry: RetryPolicy | null,
  ): Promise<AttemptResult> {
    const { db, sender, now } = this.#deps;
    const result = await sender.send(
      delivery.subscription.url,
      delivery,
      this.#secrets(delivery.subscription),
      this.#abort.signal,
    );
    if (this.#abort.signal.aborted) return result;
    await recordAttempt(db, delivery, this.#options.owner, result, now(), retry);
    this.#held.delete(delivery.id);
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

  /** Stops claiming, cuts in-flight attempts short and hands every unsent claim back. */
  async stop(): Promise<void> {
    this.#stopped = true;
    clearInterval(this.#timer);
    clearTimeout(this.#retryTimer);
    this.#unsubscribe?.();
    this.#abort.abort();
    await this.#pass;
    await Promise.all(this.#inFlight);
    await releaseDeliveries(this.#deps.db, this.#options.owner, [...this.#held]).catch(() => {});
    this.#held.clear();
    await this.#deps.sender.close();
  }
}
