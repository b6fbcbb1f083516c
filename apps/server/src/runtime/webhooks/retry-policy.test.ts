import { describe, expect, it } from 'vitest';
import { nextAttemptDelay } from './retry-policy.ts';

const policy = { maxAttempts: 5, baseDelayMs: 1_000, maxDelayMs: 5_000 };

describe('nextAttemptDelay', () => {
  it('doubles the wait after each failure, capped', () => {
    const noJitter = () => 1;
    expect([1, 2, 3, 4].map((attempts) => nextAttemptDelay(policy, attempts, noJitter))).toEqual([
      1_000, 2_000, 4_000, 5_000,
    ]);
  });

  it('takes up to a fifth off as jitter', () => {
    expect(nextAttemptDelay(policy, 2, () => 0)).toBe(1_600);
  });

  it('gives up after the last attempt; one attempt means never retried', () => {
    expect(nextAttemptDelay(policy, 5)).toBeNull();
    expect(nextAttemptDelay({ ...policy, maxAttempts: 1 }, 1)).toBeNull();
  });
});
