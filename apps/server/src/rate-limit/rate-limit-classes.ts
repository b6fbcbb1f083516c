/**
 * Request budgets by class (seed 004's "rate limits by permission"), per principal: each
 * procedure names its class; anonymous callers share the `anonymous` budget per IP address.
 */
export const RATE_LIMIT_CLASSES = {
  anonymous: { points: 20, durationSeconds: 60 },
  read: { points: 100, durationSeconds: 60 },
  control: { points: 60, durationSeconds: 60 },
  /** `system.*` and `/websocket/stats` (seed 004: 60/minute). */
  system: { points: 60, durationSeconds: 60 },
  admin: { points: 30, durationSeconds: 60 },
  apiKeyCreation: { points: 10, durationSeconds: 3_600 },
  /** Login and password-reset attempts per IP address, on top of the anonymous budget. */
  credentialAttempt: { points: 10, durationSeconds: 60 },
  /** Two-factor code attempts per user. */
  twoFactorAttempt: { points: 5, durationSeconds: 300 },
} as const;

export type RateLimitClass = keyof typeof RATE_LIMIT_CLASSES;
