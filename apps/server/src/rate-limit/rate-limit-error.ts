import { DomainError, isDomainError } from '@tradewind/core';

/** Where a call's response headers go; absent (or a no-op) over WebSocket. */
export type ResponseHeaders = { setHeader?: (name: string, value: string) => void };

/** Seed 004's `X-RateLimit-Retry-After` beside the standard `Retry-After`, on every 429. */
export function setRetryAfter(response: ResponseHeaders, retryAfterSeconds: number): void {
  response.setHeader?.('Retry-After', String(retryAfterSeconds));
  response.setHeader?.('X-RateLimit-Retry-After', String(retryAfterSeconds));
}

/** Seed 004's 429 body, for its own routes (`/websocket/stats`); `undefined` for other errors. */
export function seed004RateLimitBody(error: unknown) {
  if (!isDomainError(error) || error.code !== 'RATE_LIMIT') return undefined;
  const details = (error.details ?? {}) as { retryAfter?: number; limit?: number; reset?: number };
  return {
    error: 'rate_limit_exceeded',
    message: 'Too many requests',
    retry_after: details.retryAfter,
    limit: details.limit,
    reset: details.reset,
  };
}

/**
 * The 429 for a budget a service keeps itself (account lockout, two-factor attempts, reset
 * requests): a `RATE_LIMIT` error with `retryAfter` in its details, and the `Retry-After`
 * header set on the response, as the per-principal limits do.
 */
export function rateLimitExceeded(
  response: ResponseHeaders,
  message: string,
  retryAfterSeconds: number,
): DomainError {
  setRetryAfter(response, retryAfterSeconds);
  return new DomainError('RATE_LIMIT', message, { retryAfter: retryAfterSeconds });
}
