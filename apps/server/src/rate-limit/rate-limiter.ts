import type { Redis } from 'ioredis';
import {
  type IRateLimiterOptions,
  type RateLimiterAbstract,
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
} from 'rate-limiter-flexible';

export type RateLimitDecision = {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Unix time (seconds) when the window resets. */
  resetAt: number;
  /** Seconds to wait before retrying, when not allowed. */
  retryAfterSeconds: number;
};

export type RateLimitStore = { kind: 'memory' } | { kind: 'redis'; client: Redis };

/**
 * Fixed-window budgets from rate-limiter-flexible, in memory by default or in Redis so that
 * several server processes enforce one shared limit. Limiters are created per (points,
 * duration) pair on first use, since API keys carry their own hourly budget.
 *
 * When Redis is unreachable, each process falls back to an in-memory budget of the same size
 * (the library's insurance limiter) at once, rather than failing every call with a 500 or
 * waiting for reconnection: limits get per-process while Redis is down, never absent.
 */
export class RateLimiter {
  readonly #store: RateLimitStore;
  readonly #limiters = new Map<string, RateLimiterAbstract>();
  readonly #now: () => Date;

  constructor(store: RateLimitStore, now: () => Date) {
    this.#store = store;
    this.#now = now;
  }

  /** Spends one point of `key`'s budget of `points` per `durationSeconds`. */
  async consume(key: string, points: number, durationSeconds: number): Promise<RateLimitDecision> {
    const limiter = this.#limiter(points, durationSeconds);
    const decide = (result: RateLimiterRes, allowed: boolean): RateLimitDecision => ({
      allowed,
      limit: points,
      remaining: Math.max(0, result.remainingPoints),
      resetAt: Math.ceil((this.#now().getTime() + result.msBeforeNext) / 1000),
      retryAfterSeconds: allowed ? 0 : Math.max(1, Math.ceil(result.msBeforeNext / 1000)),
    });
    try {
      return decide(await limiter.consume(key), true);
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes) return decide(rejection, false);
      throw rejection;
    }
  }

  #limiter(points: number, duration: number): RateLimiterAbstract {
    const id = `${points}/${duration}`;
    let limiter = this.#limiters.get(id);
    if (!limiter) {
      const options: IRateLimiterOptions = { points, duration, keyPrefix: `tradewind:rl:${id}` };
      limiter =
        this.#store.kind === 'redis'
          ? new RateLimiterRedis({
              ...options,
              storeClient: this.#store.client,
              rejectIfRedisNotReady: true,
              insuranceLimiter: new RateLimiterMemory(options),
            })
          : new RateLimiterMemory(options);
      this.#limiters.set(id, limiter);
    }
    return limiter;
  }
}
