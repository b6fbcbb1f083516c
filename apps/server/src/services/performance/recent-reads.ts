import type { EventBus } from '../../events/event-bus.ts';

type Entry = { value: Promise<unknown>; userId: string; loadedAt: number };

/** A commit is visible within this long even when no event announces it (quiet bars). */
const DEFAULT_MAX_AGE_MS = 500;
const DEFAULT_MAX_ENTRIES = 10_000;

/**
 * Per-user answers to hot reads (seed 000's `/stats`), shared by concurrent callers and reused
 * for at most `maxAgeMs`. Any domain event of the user (a bot started or finished, a trade)
 * drops the user's answers at once, so a caller sees their own change on the next read; changes
 * no event announces (equity on a quiet bar) show within `maxAgeMs`.
 */
export class RecentReads {
  readonly #entries = new Map<string, Entry>();
  readonly #maxAgeMs: number;
  readonly #maxEntries: number;
  readonly #unsubscribe: () => void;

  constructor(
    deps: { events: EventBus },
    options: { maxAgeMs?: number; maxEntries?: number } = {},
  ) {
    this.#maxAgeMs = options.maxAgeMs ?? DEFAULT_MAX_AGE_MS;
    this.#maxEntries = options.maxEntries ?? DEFAULT_MAX_ENTRIES;
    this.#unsubscribe = deps.events.subscribe((event) => this.#forget(event.userId));
  }

  /** `load()`'s answer for `(name, userId)`, or one at most `maxAgeMs` old. */
  read<T>(name: string, userId: string, load: () => Promise<T>): Promise<T> {
    const id = `${userId}:${name}`;
    const now = Date.now();
    const cached = this.#entries.get(id);
    if (cached && now - cached.loadedAt < this.#maxAgeMs) return cached.value as Promise<T>;
    if (this.#entries.size >= this.#maxEntries) this.#prune(now);
    const entry: Entry = { value: load(), userId, loadedAt: now };
    this.#entries.set(id, entry);
    entry.value.catch(() => {
      if (this.#entries.get(id) === entry) this.#entries.delete(id);
    });
    return entry.value as Promise<T>;
  }

  close(): void {
    this.#unsubscribe();
  }

  #forget(userId: string): void {
    for (const [id, entry] of this.#entries) {
      if (entry.userId === userId) this.#entries.delete(id);
    }
  }

  #prune(now: number): void {
    for (const [id, entry] of this.#entries) {
      if (now - entry.loadedAt >= this.#maxAgeMs) this.#entries.delete(id);
    }
    if (this.#entries.size >= this.#maxEntries) this.#entries.clear();
  }
}
