import { describe, expect, it } from 'vitest';
import {
  canonicalJson,
  idempotencyKeyOf,
  isReplayable,
  requestFingerprint,
} from './idempotency.ts';

describe('request fingerprints', () => {
  it('treat the same JSON in another key order as the same request', () => {
    expect(canonicalJson({ b: [2, { y: 1, x: null }], a: 'é' })).toBe(
      '{"a":"é","b":[2,{"x":null,"y":1}]}',
    );
    expect(requestFingerprint('POST', '/api/enterprise/bots', { a: 1, b: 2 })).toBe(
      requestFingerprint('post', '/api/enterprise/bots', { b: 2, a: 1 }),
    );
  });

  it('tell another body, path or method apart', () => {
    const base = requestFingerprint('POST', '/api/enterprise/bots', { a: 1 });
    expect(requestFingerprint('POST', '/api/enterprise/bots', { a: 2 })).not.toBe(base);
    expect(requestFingerprint('POST', '/api/enterprise/bots/1/stop', { a: 1 })).not.toBe(base);
    expect(requestFingerprint('PUT', '/api/enterprise/bots', { a: 1 })).not.toBe(base);
    expect(requestFingerprint('POST', '/x', undefined)).toBe(
      requestFingerprint('POST', '/x', null),
    );
  });
});

describe('Idempotency-Key header', () => {
  it('accepts 1 to 255 visible ASCII characters and refuses anything else', () => {
    expect(idempotencyKeyOf(undefined)).toBeUndefined();
    expect(idempotencyKeyOf('4f6c1f0e-3f1b-4c55-9a34-0d7f7c4b2a10')).toBe(
      '4f6c1f0e-3f1b-4c55-9a34-0d7f7c4b2a10',
    );
    expect(idempotencyKeyOf(['first', 'second'])).toBe('first');
    for (const bad of ['', 'has space', 'x'.repeat(256), 'ключ']) {
      expect(() => idempotencyKeyOf(bad), bad).toThrow(/Invalid Idempotency-Key header/);
    }
  });
});

describe('isReplayable', () => {
  it('stores successes and client errors, not server errors or rate limits', () => {
    expect([200, 201, 400, 404, 409].every(isReplayable)).toBe(true);
    expect([429, 500, 502, 503].some(isReplayable)).toBe(false);
  });
});
