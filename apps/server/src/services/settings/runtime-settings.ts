import type { Database } from '@tradewind/db';
import type { DomainEvent, EventBus } from '../../events/event-bus.ts';

/** Stored values of one level (the system's, or one user's), with when they last changed. */
export type StoredSettings = {
  values: ReadonlyMap<string, unknown>;
  lastUpdated: Date | null;
};

function toStored(rows: readonly { key: string; value: unknown; updatedAt: Date }[]) {
  let lastUpdated: Date | null = null;
  for (const row of rows) {
    if (lastUpdated === null || row.updatedAt > lastUpdated) lastUpdated = row.updatedAt;
  }
  return { values: new Map(rows.map((row) => [row.key, row.value])), lastUpdated };
}

/**
 * This process's view of the stored runtime settings. Reads come from memory; a
 * `config.changed` event (from this process or, over the PostgreSQL bus, from any other)
 * drops the cached level, so the next read sees the change without a restart.
 */
export class RuntimeSettings {
  readonly #db: Database;
  #system: Promise<StoredSettings> | undefined;
  readonly #users = new Map<string, Promise<StoredSettings>>();
  readonly #unsubscribe: () => void;

  constructor(deps: { db: Database; events: EventBus }) {
    this.#db = deps.db;
    this.#unsubscribe = deps.events.subscribe((event) => this.#changed(event));
  }

  /** The stored system values. */
  system(): Promise<StoredSettings> {
    this.#system ??= this.#db.prisma.systemConfig.findMany().then(toStored);
    this.#system.catch(() => {
      this.#system = undefined;
    });
    return this.#system;
  }

  /** The user's own stored trading defaults. */
  user(userId: string): Promise<StoredSettings> {
    let cached = this.#users.get(userId);
    if (cached === undefined) {
      cached = this.#db.prisma.userSetting.findMany({ where: { userId } }).then(toStored);
      cached.catch(() => this.#users.delete(userId));
      this.#users.set(userId, cached);
    }
    return cached;
  }

  close(): void {
    this.#unsubscribe();
  }

  #changed(event: DomainEvent): void {
    if (event.type !== 'config.changed') return;
    if (event.payload.level === 'user') this.#users.delete(event.userId);
    else this.#system = undefined;
  }
}
