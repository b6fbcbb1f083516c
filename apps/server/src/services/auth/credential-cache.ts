import type { Database, Plan, Role } from '@tradewind/db';
import type { DomainEvent, EventBus } from '../../events/event-bus.ts';

/** What authentication needs of an API key and its owner. */
export type ApiKeyRecord = {
  id: string;
  userId: string;
  scopes: string[];
  rateLimitPerHour: number;
  expiresAt: Date | null;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
  user: { role: Role; plan: Plan; disabledAt: Date | null };
};

type Entry<T> = { value: Promise<T>; userId: string | undefined; loadedAt: number };

/** A safety net only: `credentials.changed` events drop entries at once. */
const DEFAULT_TTL_MS = 60_000;
const DEFAULT_MAX_ENTRIES = 10_000;

/**
 * This process's memory of API keys (by hash) and users' plans, so a hot key does not cost a
 * database round trip per call. A `credentials.changed` event (revocation, a password reset
 * revoking keys, a disabled account, a role or plan change; from this process or, over the
 * PostgreSQL bus, from any other) drops the user's entries before the next call is checked, so
 * revocation is honoured at once. Expiry is checked by the caller on every call. Unknown keys
 * are never remembered, so guessing cannot fill memory.
 */
export class CredentialCache {
  readonly #db: Database;
  readonly #ttlMs: number;
  readonly #maxEntries: number;
  readonly #keys = new Map<string, Entry<ApiKeyRecord | null>>();
  readonly #plans = new Map<string, Entry<Plan | null>>();
  readonly #unsubscribe: () => void;

  constructor(
    deps: { db: Database; events: EventBus },
    options: { ttlMs?: number; maxEntries?: number } = {},
  ) {
    this.#db = deps.db;
    this.#ttlMs = options.ttlMs ?? DEFAULT_TTL_MS;
    this.#maxEntries = options.maxEntries ?? DEFAULT_MAX_ENTRIES;
    this.#unsubscribe = deps.events.subscribe((event) => this.#changed(event));
  }

  /** The key with this hash and its owner, or null when there is none. */
  apiKey(keyHash: string): Promise<ApiKeyRecord | null> {
    return this.#read(
      this.#keys,
      keyHash,
      (key) => key.userId,
      () =>
        this.#db.prisma.apiKey.findUnique({
          where: { keyHash },
          select: {
            id: true,
            userId: true,
            scopes: true,
            rateLimitPerHour: true,
            expiresAt: true,
            revokedAt: true,
            lastUsedAt: true,
            user: { select: { role: true, plan: true, disabledAt: true } },
          },
        }),
    );
  }

  /** The user's plan, or null when the user does not exist. */
  plan(userId: string): Promise<Plan | null> {
    return this.#read(
      this.#plans,
      userId,
      () => userId,
      async () => {
        const user = await this.#db.prisma.user.findUnique({
          where: { id: userId },
          select: { plan: true },
        });
        return user?.plan ?? null;
      },
    );
  }

  close(): void {
    this.#unsubscribe();
  }

  /** `ownerOf` names whose entry it is, so a change to that user drops it. */
  #read<T>(
    entries: Map<string, Entry<T | null>>,
    id: string,
    ownerOf: (value: T) => string,
    load: () => Promise<T | null>,
  ): Promise<T | null> {
    const now = Date.now();
    const cached = entries.get(id);
    if (cached && now - cached.loadedAt < this.#ttlMs) return cached.value;
    if (entries.size >= this.#maxEntries) {
      const oldest = entries.keys().next();
      if (!oldest.done) entries.delete(oldest.value);
    }
    const entry: Entry<T | null> = { value: load(), userId: undefined, loadedAt: now };
    entries.set(id, entry);
    const forget = () => {
      if (entries.get(id) === entry) entries.delete(id);
    };
    entry.value.then((value) => {
      if (value === null) forget();
      else entry.userId = ownerOf(value);
    }, forget);
    return entry.value;
  }

  /** Drops what is cached of the user; `credentials.changed` events call it in every process. */
  forget(userId: string): void {
    for (const entries of [this.#keys, this.#plans] as Map<string, Entry<unknown>>[]) {
      for (const [id, entry] of entries) {
        // A load still in flight may have read the row before the change: drop it too.
        if (entry.userId === undefined || entry.userId === userId) entries.delete(id);
      }
    }
  }

  #changed(event: DomainEvent): void {
    if (event.type === 'credentials.changed') this.forget(event.userId);
  }
}
