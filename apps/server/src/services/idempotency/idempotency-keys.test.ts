import { createTestDatabase, type TestDatabase } from '@tradewind/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { idempotencyKeyStore } from './idempotency-keys.ts';

let db: TestDatabase;
let now: Date;
beforeEach(async () => {
  db = await createTestDatabase();
  now = new Date('2026-01-01T00:00:00Z');
});
afterEach(async () => {
  await db?.close();
});

const later = (ms: number) => new Date(now.getTime() + ms);
const entry = (key: string, fingerprint = 'f1') => ({
  scope: 'user-1',
  key,
  fingerprint,
  expiresAt: later(24 * 3_600_000),
});

describe('idempotencyKeyStore', () => {
  it('claims a key once; then shows it in progress, then its stored outcome', async () => {
    const store = idempotencyKeyStore({ db, now: () => now });
    expect(await store.claim(entry('k'))).toBeNull();
    expect(await store.claim(entry('k'))).toEqual({ fingerprint: 'f1', outcome: null });
    await store.complete('user-1', 'k', { statusCode: 201, body: '{"b":1,"a":2}' });
    expect(await store.claim(entry('k', 'f2'))).toEqual({
      fingerprint: 'f1',
      outcome: { statusCode: 201, body: '{"b":1,"a":2}' },
    });
    // Another scope's key of the same name is its own.
    expect(await store.claim({ ...entry('k'), scope: 'user-2' })).toBeNull();
  });

  it('lets exactly one of many concurrent claims win', async () => {
    const store = idempotencyKeyStore({ db, now: () => now });
    const results = await Promise.all(Array.from({ length: 8 }, () => store.claim(entry('race'))));
    expect(results.filter((result) => result === null)).toHaveLength(1);
  });

  it('forgets released keys, expired keys and claims abandoned for five minutes', async () => {
    const store = idempotencyKeyStore({ db, now: () => now });
    await store.claim(entry('released'));
    await store.release('user-1', 'released');
    expect(await store.claim(entry('released'))).toBeNull();

    await store.claim({ ...entry('short'), expiresAt: later(1_000) });
    await store.complete('user-1', 'short', { statusCode: 200, body: '{}' });
    await store.claim(entry('abandoned'));

    now = later(4 * 60_000);
    expect(await store.claim(entry('abandoned'))).toEqual({ fingerprint: 'f1', outcome: null });
    expect(await store.claim(entry('short'))).toBeNull();
    now = later(2 * 60_000);
    expect(await store.claim(entry('abandoned'))).toBeNull();
  });
});
