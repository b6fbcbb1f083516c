import type { AuthenticatedPrincipal } from '@tradewind/core';

type Listener<T> = (value: T) => void;

type UserEntry<T> = {
  /** Any of the user's principals: the figures depend on the user only. */
  principal: AuthenticatedPrincipal;
  listeners: Set<Listener<T>>;
  /** The figures as of the last change, computed once (or being computed). */
  latest: Promise<T> | undefined;
  timer: NodeJS.Timeout | undefined;
};

/**
 * Per-user figures (the SSE overview) shared by every stream of that user: computed once per
 * change, at most once per `debounceMs`, and handed to all of the user's streams, instead of one
 * database query per stream per event (2,000 streams would otherwise query 2,000 times a trade).
 */
export class SharedOverviews<T> {
  readonly #users = new Map<string, UserEntry<T>>();
  readonly #compute: (principal: AuthenticatedPrincipal) => Promise<T>;
  readonly #debounceMs: number;

  constructor(options: {
    compute: (principal: AuthenticatedPrincipal) => Promise<T>;
    debounceMs: number;
  }) {
    this.#compute = options.compute;
    this.#debounceMs = options.debounceMs;
  }

  /**
   * Sends `listener` the user's current figures now and after each change; returns the function
   * that stops it.
   */
  subscribe(principal: AuthenticatedPrincipal, listener: Listener<T>): () => void {
    let entry = this.#users.get(principal.userId);
    if (entry === undefined) {
      entry = { principal, listeners: new Set(), latest: undefined, timer: undefined };
      this.#users.set(principal.userId, entry);
    }
    const user = entry;
    user.listeners.add(listener);
    this.#current(user).then(
      (value) => {
        if (user.listeners.has(listener)) listener(value);
      },
      () => undefined,
    );
    return () => {
      user.listeners.delete(listener);
      if (user.listeners.size > 0) return;
      clearTimeout(user.timer);
      if (this.#users.get(principal.userId) === user) this.#users.delete(principal.userId);
    };
  }

  /** Something of the user's changed: new figures for all their streams, soon. */
  changed(userId: string): void {
    const user = this.#users.get(userId);
    if (user === undefined || user.timer !== undefined) return;
    user.timer = setTimeout(() => {
      user.timer = undefined;
      user.latest = undefined;
      this.#current(user).then(
        (value) => {
          for (const listener of user.listeners) listener(value);
        },
        () => undefined,
      );
    }, this.#debounceMs);
  }

  #current(user: UserEntry<T>): Promise<T> {
    if (user.latest === undefined) {
      const computing = this.#compute(user.principal);
      user.latest = computing;
      // The database is unavailable or closing: the next change or stream tries again.
      computing.catch(() => {
        if (user.latest === computing) user.latest = undefined;
      });
    }
    return user.latest;
  }
}
