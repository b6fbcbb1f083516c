import { describe, expect, it } from 'vitest';
import {
  isWithinReplayWindow,
  verifyWebhook,
  verifyWebhookSignature,
  WebhookVerificationError,
} from './verify-webhook.ts';

// Vectors computed independently with `openssl dgst -sha256 -hmac`.
const BODY =
  '{"event_type":"trade.executed","timestamp":"2026-01-15T10:05:00.000Z","bot_id":1,"data":{"trade_id":123,"symbol":"AAPL","action":"BUY","quantity":10,"price":150.25,"timestamp":"2026-01-15T10:05:00.000Z","pnl":null}}';
const SECRET = 'seed-secret-0123456789';
const SEED_SIGNATURE = 'sha256=f8685655e8fbbfcf2a9b2ba5bb38ff547e97f82d474a373af9cf44eb986d269b';
const V1_CURRENT = 'v1,SqZfHSeLpx78IXLqfJEqtGQo0h44Qe6cMxNqNhD+Ek4=';
const V1_OLDER = 'v1,Rst8QlVMGh1gG0FMo8oMyRVenqA1U2snetX9gqMU8OU=';
const SENT_AT = new Date('2026-01-15T10:05:00Z');
const headers = (signature: string, timestamp = '1768471500') => ({
  'webhook-id': 'msg_1',
  'webhook-timestamp': timestamp,
  'webhook-signature': signature,
});

describe('verifyWebhookSignature (seed 000 header)', () => {
  it('accepts the HMAC of the raw body, as string or bytes', () => {
    expect(verifyWebhookSignature(BODY, SEED_SIGNATURE, SECRET)).toBe(true);
    expect(verifyWebhookSignature(Buffer.from(BODY), [SEED_SIGNATURE], SECRET)).toBe(true);
  });

  it('refuses a tampered body, another secret, a missing or malformed header', () => {
    expect(verifyWebhookSignature(BODY.replace('150.25', '1.25'), SEED_SIGNATURE, SECRET)).toBe(
      false,
    );
    expect(verifyWebhookSignature(BODY, SEED_SIGNATURE, 'another-secret-0123456')).toBe(false);
    expect(verifyWebhookSignature(BODY, undefined, SECRET)).toBe(false);
    expect(verifyWebhookSignature(BODY, 'sha256=abc', SECRET)).toBe(false);
    expect(verifyWebhookSignature(BODY, SEED_SIGNATURE, '')).toBe(false);
  });
});

describe('isWithinReplayWindow', () => {
  it('accepts timestamps within the tolerance and refuses older, future and malformed ones', () => {
    expect(isWithinReplayWindow('1768471500', { now: SENT_AT })).toBe(true);
    expect(isWithinReplayWindow('1768471500', { now: new Date(SENT_AT.getTime() + 300_000) })).toBe(
      true,
    );
    expect(isWithinReplayWindow('1768471500', { now: new Date(SENT_AT.getTime() + 301_000) })).toBe(
      false,
    );
    expect(isWithinReplayWindow('1768471500', { now: new Date(SENT_AT.getTime() - 301_000) })).toBe(
      false,
    );
    expect(
      isWithinReplayWindow('1768471500', {
        now: new Date(SENT_AT.getTime() + 20_000),
        toleranceSeconds: 10,
      }),
    ).toBe(false);
    expect(isWithinReplayWindow('17684715e2', { now: SENT_AT })).toBe(false);
    expect(isWithinReplayWindow(undefined, { now: SENT_AT })).toBe(false);
  });
});

describe('verifyWebhook (Standard Webhooks headers)', () => {
  it('returns the id, time and typed payload of a valid delivery', () => {
    const verified = verifyWebhook(BODY, headers(V1_CURRENT), SECRET, { now: SENT_AT });
    expect(verified.id).toBe('msg_1');
    expect(verified.timestamp).toEqual(SENT_AT);
    expect(verified.payload).toMatchObject({
      event_type: 'trade.executed',
      data: { trade_id: 123 },
    });
  });

  it('accepts any of several signatures, so either secret verifies during a rotation', () => {
    const both = headers(`${V1_CURRENT} ${V1_OLDER}`);
    expect(verifyWebhook(BODY, both, SECRET, { now: SENT_AT }).id).toBe('msg_1');
    expect(verifyWebhook(BODY, both, 'older-secret-0123456789', { now: SENT_AT }).id).toBe('msg_1');
    expect(
      verifyWebhook(
        BODY,
        headers(V1_OLDER),
        ['wrong-secret-0000000000', 'older-secret-0123456789'],
        { now: SENT_AT },
      ).id,
    ).toBe('msg_1');
  });

  it('reads Fetch Headers too', () => {
    expect(verifyWebhook(BODY, new Headers(headers(V1_CURRENT)), SECRET, { now: SENT_AT }).id).toBe(
      'msg_1',
    );
  });

  it.each([
    [
      'a replayed delivery',
      BODY,
      headers(V1_CURRENT),
      'outside the replay window',
      new Date(SENT_AT.getTime() + 3_600_000),
    ],
    [
      'a tampered body',
      BODY.replace('AAPL', 'MSFT'),
      headers(V1_CURRENT),
      'no webhook-signature matches',
      SENT_AT,
    ],
    [
      'a changed id',
      BODY,
      { ...headers(V1_CURRENT), 'webhook-id': 'msg_2' },
      'no webhook-signature matches',
      SENT_AT,
    ],
    ['missing headers', BODY, { 'webhook-id': 'msg_1' }, 'missing webhook-id', SENT_AT],
  ])('refuses %s', (_, body, given, message, now) => {
    expect(() => verifyWebhook(body, given, SECRET, { now })).toThrow(WebhookVerificationError);
    expect(() => verifyWebhook(body, given, SECRET, { now })).toThrow(message);
  });
});
