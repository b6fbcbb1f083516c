/** How failed deliveries are retried: exponential backoff, then given up. */
export type RetryPolicy = {
  /** Attempts in total, the first included; 1 means never retried (seed 000's original rule). */
  maxAttempts: number;
  /** Wait after the first failure; doubles after each further one. */
  baseDelayMs: number;
  /** No wait grows beyond this. */
  maxDelayMs: number;
};

/**
 * When to try again after `attempts` failed attempts, or null when that was the last one.
 * Up to a fifth of the delay is random jitter, so receivers coming back from an outage are not
 * hit by every retry at the same instant.
 */
export function nextAttemptDelay(
  policy: RetryPolicy,
  attempts: number,
  random: () => number = Math.random,
): number | null {
  if (attempts >= policy.maxAttempts) return null;
  const exponential = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempts - 1));
  return Math.round(exponential * (0.8 + 0.2 * random()));
}
