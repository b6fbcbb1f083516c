import { randomUUID } from 'node:crypto';
import type { Database } from '@tradewind/db';
import pg from 'pg';
import { type DomainEvent, type EventBus, InProcessEventBus } from './event-bus.ts';
import { readOutboxEvents } from './read-outbox.ts';

/** The PostgreSQL channel every Tradewind process listens on. */
const CHANNEL = 'tradewind_events';
/** NOTIFY payloads must stay under 8000 bytes; ids are short, so a chunk this size is safe. */
const IDS_PER_NOTIFICATION = 400;
const RECONNECT_DELAY_MS = 1_000;

type Logger = { warn(obj: object, msg: string): void };

/**
 * The event bus across processes sharing one PostgreSQL database. Local subscribers get an
 * event at once, as on the in-process bus; other processes get `NOTIFY tradewind_events` with
 * the outbox ids only (payloads are capped at 8 kB) and read the rows by id. One dedicated
 * connection listens and notifies; when it drops it reconnects, and events published meanwhile
 * reach other processes' clients through replay (they resume with their last event id).
 */
export class PostgresEventBus implements EventBus {
  readonly #local = new InProcessEventBus();
  /** Tags this process's notifications so it does not deliver its own events twice. */
  readonly #origin = randomUUID();
  readonly #databaseUrl: string;
  readonly #db: Database;
  readonly #logger: Logger | undefined;
  #client: pg.Client | undefined;
  #closed = false;
  #reconnect: NodeJS.Timeout | undefined;
  /** Notifications go out one after another on the shared connection. */
  #notifying: Promise<void> = Promise.resolve();
  /** Remote deliveries run one after another, so their events keep their notification order. */
  #remote: Promise<void> = Promise.resolve();

  constructor(options: { databaseUrl: string; db: Database; logger?: Logger }) {
    this.#databaseUrl = options.databaseUrl;
    this.#db = options.db;
    this.#logger = options.logger;
  }

  /** Connects and listens; resolves once `LISTEN` is in place. */
  async start(): Promise<void> {
    const client = new pg.Client({ connectionString: this.#databaseUrl });
    client.on('error', (error) => this.#lost(client, error));
    client.on('end', () => this.#lost(client, new Error('connection ended')));
    client.on('notification', (message) => {
      if (message.channel === CHANNEL && message.payload) this.#received(message.payload);
    });
    await client.connect();
    await client.query(`LISTEN ${CHANNEL}`);
    if (this.#closed) {
      await client.end();
      return;
    }
    this.#client = client;
  }

  publish(events: readonly DomainEvent[]): void {
    if (events.length === 0) return;
    this.#local.publish(events);
    const client = this.#client;
    if (client === undefined) return;
    for (let start = 0; start < events.length; start += IDS_PER_NOTIFICATION) {
      const ids = events.slice(start, start + IDS_PER_NOTIFICATION).map((event) => event.id);
      const payload = `${this.#origin}|${ids.join(',')}`;
      // One query at a time on the connection, in publish order.
      this.#notifying = this.#notifying.then(() =>
        client
          .query('SELECT pg_notify($1, $2)', [CHANNEL, payload])
          .then(() => undefined)
          .catch((error: unknown) => this.#logger?.warn({ err: error }, 'event NOTIFY failed')),
      );
    }
  }

  subscribe(listener: (event: DomainEvent) => void): () => void {
    return this.#local.subscribe(listener);
  }

  async close(): Promise<void> {
    this.#closed = true;
    clearTimeout(this.#reconnect);
    const client = this.#client;
    this.#client = undefined;
    await this.#notifying;
    await client?.end().catch(() => undefined);
    await this.#remote;
  }

  #received(payload: string): void {
    const [origin, list] = payload.split('|');
    if (origin === this.#origin || !list) return;
    const ids = list
      .split(',')
      .filter((id) => /^\d{1,19}$/.test(id))
      .map(BigInt);
    this.#remote = this.#remote.then(async () => {
      try {
        this.#local.publish(await readOutboxEvents(this.#db, ids));
      } catch (error) {
        if (!this.#closed) this.#logger?.warn({ err: error }, 'reading notified events failed');
      }
    });
  }

  #lost(client: pg.Client, error: Error): void {
    if (this.#client !== client) return;
    this.#client = undefined;
    client.end().catch(() => undefined);
    if (this.#closed) return;
    this.#logger?.warn({ err: error }, 'event bus connection lost; reconnecting');
    const retry = () => {
      this.#reconnect = undefined;
      if (this.#closed) return;
      this.start().catch((failure: unknown) => {
        this.#logger?.warn({ err: failure }, 'event bus reconnect failed');
        this.#reconnect = setTimeout(retry, RECONNECT_DELAY_MS);
      });
    };
    this.#reconnect = setTimeout(retry, RECONNECT_DELAY_MS);
  }
}
