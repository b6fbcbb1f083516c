import { DomainError } from '@tradewind/core';
import type { BackoffSettings } from '../venue-types.ts';
import { isRateLimited } from './ccxt-errors.ts';

export const DEFAULT_BACKOFF: BackoffSettings = { initialMs: 1000, maxMs: 60_000, attempts: 4 };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Answers HTTP 429/418 for every caller of one ccxt instance at once: the first rate-limited
 * answer pauses the whole instance (Retry-After when the exchange sends one, else exponential
 * from `initialMs`), and every call waits the pause out before sending. So N callers hitting
 * a limit send nothing until it lifts, instead of N retries (no retry storm). A pause longer
 * than `maxMs` (Binance's 418 IP ban can last days) fails calls at once with PROVIDER_ERROR.
 */
export class RequestGate {
  private pausedUntil = 0;
  private consecutive = 0;
  private retryAfterMs: number | undefined;

  constructor(
    private readonly exchangeId: string,
    private readonly settings: BackoffSettings,
  ) {}

  /** Called with each response's status and headers (ccxt's `onRestResponse` hook). */
  noteResponse(status: number, headers: Record<string, string> | undefined): void {
    if (status !== 429 && status !== 418) return;
    const header = headers?.['Retry-After'] ?? headers?.['retry-after'];
    const seconds = Number(header);
    if (header !== undefined && Number.isFinite(seconds) && seconds >= 0) {
      this.retryAfterMs = seconds * 1000;
    }
  }

  /** True while a 429/418 pause is on. */
  get paused(): boolean {
    return this.pausedUntil > Date.now();
  }

  async run<T>(call: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt += 1) {
      await this.waitForPause();
      try {
        const result = await call();
        this.consecutive = 0;
        return result;
      } catch (error) {
        if (!isRateLimited(error)) throw error;
        this.pause();
        if (attempt >= this.settings.attempts) throw error;
      }
    }
  }

  private pause(): void {
    // Callers failing together inside one pause count as one answer: no escalation from a burst.
    if (Date.now() < this.pausedUntil && this.retryAfterMs === undefined) return;
    this.consecutive += 1;
    const exponential = this.settings.initialMs * 2 ** (this.consecutive - 1);
    const delay = this.retryAfterMs ?? Math.min(exponential, this.settings.maxMs);
    this.retryAfterMs = undefined;
    this.pausedUntil = Math.max(this.pausedUntil, Date.now() + delay);
  }

  /** Resolves when no pause is on; PROVIDER_ERROR at once when the pause is longer than `maxMs`. */
  async waitForPause(): Promise<void> {
    const remaining = this.pausedUntil - Date.now();
    if (remaining <= 0) return;
    if (remaining > this.settings.maxMs) {
      throw new DomainError(
        'PROVIDER_ERROR',
        `${this.exchangeId} is rate limiting requests until ${new Date(this.pausedUntil).toISOString()}`,
        { exchange: this.exchangeId, retryAt: new Date(this.pausedUntil).toISOString() },
      );
    }
    await sleep(remaining);
    // Another caller may have extended the pause meanwhile.
    await this.waitForPause();
  }
}
