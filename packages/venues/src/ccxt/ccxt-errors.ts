import { DomainError, isDomainError } from '@tradewind/core';
import ccxt from 'ccxt';
import type { ExchangeCredentials } from '../venue-types.ts';

const REASON_FIELDS = ['msg', 'message', 'retMsg', 'error', 'errorMessage', 'error_code'];

/**
 * The exchange's own words from a ccxt error message (`binance {"code":-2015,"msg":"..."}`):
 * the JSON body's message field when there is one, else the text without URLs (a signed URL
 * carries the signature) and without any credential.
 */
export function exchangeReason(message: string, credentials?: ExchangeCredentials): string {
  let reason = '';
  const json = message.slice(message.indexOf('{'));
  if (message.includes('{')) {
    try {
      const body = JSON.parse(json) as Record<string, unknown>;
      const field = REASON_FIELDS.find((name) => typeof body[name] === 'string' && body[name]);
      if (field) reason = String(body[field]);
      else if (Array.isArray(body.error) && body.error.length > 0) reason = body.error.join('; ');
    } catch {
      // Not JSON: fall back to the cleaned text.
    }
  }
  if (reason === '') {
    reason = message
      .replace(/\b[a-z]+:\/\/\S+/gi, '')
      .replace(/^\S+\s+(GET|POST|PUT|DELETE)?\s*/, '')
      .trim();
  }
  for (const value of [credentials?.apiKey, credentials?.secret, credentials?.passphrase]) {
    if (value) reason = reason.split(value).join('[redacted]');
  }
  return reason.slice(0, 300) || 'no reason given';
}

/** True when the exchange refused the API keys: their ccxt instance should not be kept. */
export function isRejectedKey(error: unknown): boolean {
  return error instanceof ccxt.AuthenticationError;
}

/** True for ccxt's answers to HTTP 429 and 418 (rate limited; IP banned for a while). */
export function isRateLimited(error: unknown): boolean {
  return error instanceof ccxt.RateLimitExceeded || error instanceof ccxt.DDoSProtection;
}

/**
 * Translates a ccxt error into a DomainError with a message safe for clients and logs:
 * rejected keys -> VALIDATION_ERROR "Invalid API credentials: <exchange's reason>"; unreachable,
 * 5xx, timeouts and rate limits -> PROVIDER_ERROR; bad symbols and unsupported calls ->
 * VALIDATION_ERROR. ccxt's raw message (which may hold a signed URL) never leaves.
 */
export function toDomainError(
  error: unknown,
  exchangeId: string,
  credentials?: ExchangeCredentials,
): DomainError {
  if (isDomainError(error)) return error;
  const message = error instanceof Error ? error.message : String(error);
  const details = { exchange: exchangeId };
  if (error instanceof ccxt.AuthenticationError) {
    return new DomainError(
      'VALIDATION_ERROR',
      `Invalid API credentials: ${exchangeReason(message, credentials)}`,
      { ...details, field: 'credentials' },
    );
  }
  if (isRateLimited(error)) {
    return new DomainError(
      'PROVIDER_ERROR',
      `${exchangeId} is rate limiting requests; try again later`,
      details,
    );
  }
  if (error instanceof ccxt.NetworkError) {
    return new DomainError(
      'PROVIDER_ERROR',
      `${exchangeId} is unreachable or failing (${error.constructor.name}); try again later`,
      details,
    );
  }
  if (error instanceof ccxt.InsufficientFunds) {
    return new DomainError(
      'INSUFFICIENT_FUNDS',
      `${exchangeId}: ${exchangeReason(message, credentials)}`,
      details,
    );
  }
  if (error instanceof ccxt.InvalidOrder) {
    return new DomainError('VALIDATION_ERROR', `order: ${exchangeReason(message, credentials)}`, {
      ...details,
      field: 'order',
    });
  }
  if (error instanceof ccxt.BadSymbol) {
    return new DomainError('VALIDATION_ERROR', `symbol: ${exchangeReason(message, credentials)}`, {
      ...details,
      field: 'symbol',
    });
  }
  if (error instanceof ccxt.NotSupported) {
    return new DomainError(
      'VALIDATION_ERROR',
      `${exchangeId} does not support this request`,
      details,
    );
  }
  if (error instanceof ccxt.BaseError) {
    return new DomainError(
      'PROVIDER_ERROR',
      `${exchangeId} refused the request: ${exchangeReason(message, credentials)}`,
      details,
    );
  }
  // Not from ccxt (a bug, or fetch failing below it): say nothing the caller should not see.
  return new DomainError('PROVIDER_ERROR', `${exchangeId} request failed`, details);
}
