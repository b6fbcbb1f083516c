import { errors } from '../binance/errors.ts';
import type { Limits } from '../options.ts';

type Usage = { window: number; used: number; refused: number; bannedUntil: number };

/**
 * Binance's request-weight limit per IP. Weight is counted in windows aligned to the clock
 * (Binance's X-MBX-USED-WEIGHT-1M resets each minute). A request that would pass the budget is
 * refused with 429 and Retry-After (seconds to the next window); a client that keeps sending
 * after `banAfter` refusals in one window is banned: 418 with Retry-After for `banSeconds`.
 */
export class WeightLimiter {
  readonly #limits: Limits;
  readonly #usage = new Map<string, Usage>();

  constructor(limits: Limits) {
    this.#limits = limits;
  }

  get weightPerMinute(): number {
    return this.#limits.weightPerMinute;
  }

  /** Charges a request's weight to the IP and returns the weight used in this window. */
  charge(ip: string, weight: number, now: number): number {
    const { weightPerMinute, windowMs, banAfter, banSeconds } = this.#limits;
    const window = Math.floor(now / windowMs) * windowMs;
    const usage = this.#usageOf(ip, window);
    if (usage.bannedUntil > now) {
      throw errors.banned(usage.bannedUntil, Math.ceil((usage.bannedUntil - now) / 1000));
    }
    if (usage.used + weight > weightPerMinute) {
      usage.refused += 1;
      if (usage.refused > banAfter) {
        usage.bannedUntil = now + banSeconds * 1000;
        throw errors.banned(usage.bannedUntil, banSeconds);
      }
      throw errors.tooMuchWeight(weightPerMinute, Math.ceil((window + windowMs - now) / 1000));
    }
    usage.used += weight;
    return usage.used;
  }

  /** Forgets all usage and bans. */
  reset(): void {
    this.#usage.clear();
  }

  #usageOf(ip: string, window: number): Usage {
    const usage = this.#usage.get(ip);
    if (usage === undefined) {
      const fresh = { window, used: 0, refused: 0, bannedUntil: 0 };
      this.#usage.set(ip, fresh);
      return fresh;
    }
    if (usage.window !== window) {
      usage.window = window;
      usage.used = 0;
      usage.refused = 0;
    }
    return usage;
  }
}
