import { DomainError } from '@tradewind/core';

/** Where a call's response headers go; absent (or a no-op) over WebSocket. */
export type ResponseHeaders = { setHeader?: (name: string, value: string) => void };

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
  response.setHeader?.('Retry-After', String(retryAfterSeconds));
  return new DomainError('RATE_LIMIT', message, { retryAfter: retryAfterSeconds });
}
