import { createHash } from 'node:crypto';
import { DomainError } from '@tradewind/core';

/** How long a stored outcome is replayed (Stripe keeps 24 h too). */
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;

const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

/** What the first request under a key answered: its status and the exact JSON text sent. */
export type IdempotentOutcome = { statusCode: number; body: string };

/** A key already in the store: its request fingerprint and, once finished, its outcome. */
export type StoredIdempotencyKey = { fingerprint: string; outcome: IdempotentOutcome | null };

/**
 * Where keys live (the server backs it with the `idempotency_keys` table). `claim` is atomic:
 * of two concurrent requests with one key, exactly one gets `null` (go ahead).
 */
export type IdempotencyStore = {
  /** Claims the key for a new request (`null`), or returns the unexpired entry holding it. */
  claim(entry: {
    scope: string;
    key: string;
    fingerprint: string;
    expiresAt: Date;
  }): Promise<StoredIdempotencyKey | null>;
  /** Stores the outcome to replay. */
  complete(scope: string, key: string, outcome: IdempotentOutcome): Promise<void>;
  /** Forgets a claim whose outcome must not be replayed (a 5xx or 429), so a retry runs. */
  release(scope: string, key: string): Promise<void>;
};

/** The `Idempotency-Key` header, if sent; a malformed one is a 400, not silently ignored. */
export function idempotencyKeyOf(header: string | string[] | undefined): string | undefined {
  if (header === undefined) return undefined;
  const key = Array.isArray(header) ? header[0] : header;
  if (key === undefined || !KEY_PATTERN.test(key)) {
    throw new DomainError(
      'VALIDATION_ERROR',
      'Invalid Idempotency-Key header: use 1 to 255 visible ASCII characters, e.g. a UUID',
    );
  }
  return key;
}

/** JSON with object keys sorted, so `{"a":1,"b":2}` and `{"b":2,"a":1}` are the same request. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** What "the same request" means: method, URL and body (canonical JSON). */
export function requestFingerprint(method: string, url: string, body: unknown): string {
  return createHash('sha256')
    .update(`${method.toUpperCase()} ${url}\n${canonicalJson(body)}`)
    .digest('hex');
}

/** Outcomes worth replaying: not server failures, not rate limits (a retry may succeed). */
export function isReplayable(statusCode: number): boolean {
  return statusCode < 500 && statusCode !== 429;
}
