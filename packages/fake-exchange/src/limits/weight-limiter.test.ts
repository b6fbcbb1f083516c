import { describe, expect, it } from 'vitest';
import { BinanceError } from '../binance/binance-error.ts';
import { WeightLimiter } from './weight-limiter.ts';

const MINUTE = Date.UTC(2025, 0, 1, 12, 0);

function refusal(charge: () => unknown): BinanceError {
  try {
    charge();
  } catch (error) {
    if (error instanceof BinanceError) return error;
  }
  throw new Error('the request was not refused');
}

describe('WeightLimiter', () => {
  const limits = { weightPerMinute: 10, windowMs: 60_000, banAfter: 1, banSeconds: 300 };

  it('counts per IP and starts afresh with each window of the clock', () => {
    const limiter = new WeightLimiter(limits);
    expect(limiter.charge('a', 6, MINUTE + 59_000)).toBe(6);
    expect(limiter.charge('b', 6, MINUTE + 59_000)).toBe(6);
    const refused = refusal(() => limiter.charge('a', 6, MINUTE + 59_500));
    expect(refused).toMatchObject({ status: 429, code: -1003, headers: { 'Retry-After': '1' } });
    expect(limiter.charge('a', 6, MINUTE + 60_000)).toBe(6);
  });

  it('bans past banAfter refusals, across windows, until the ban ends', () => {
    const limiter = new WeightLimiter(limits);
    limiter.charge('a', 10, MINUTE);
    expect(refusal(() => limiter.charge('a', 1, MINUTE + 1)).status).toBe(429);
    const ban = refusal(() => limiter.charge('a', 1, MINUTE + 2));
    expect(ban).toMatchObject({ status: 418, headers: { 'Retry-After': '300' } });
    expect(ban.message).toContain(`IP banned until ${MINUTE + 2 + 300_000}`);
    expect(refusal(() => limiter.charge('a', 1, MINUTE + 120_000))).toMatchObject({
      status: 418,
      headers: { 'Retry-After': '181' },
    });
    expect(limiter.charge('a', 1, MINUTE + 2 + 300_000)).toBe(1);
  });
});
