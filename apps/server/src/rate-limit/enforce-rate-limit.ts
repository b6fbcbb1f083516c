import { DomainError, type Principal } from '@tradewind/core';
import type { Context } from '../trpc/context.ts';
import { RATE_LIMIT_CLASSES, type RateLimitClass } from './rate-limit-classes.ts';
import { setRetryAfter } from './rate-limit-error.ts';
import type { RateLimitDecision } from './rate-limiter.ts';

type RateLimitContext = Pick<Context, 'rateLimiter' | 'config' | 'meta' | 'setHeader'>;

/** Whose budget a call spends: the API key, the user, or the caller's IP address. */
function budgetOwner(principal: Principal, ipAddress: string): string {
  if (principal.kind === 'apiKey') return `key:${principal.apiKeyId}`;
  if (principal.kind === 'user') return `user:${principal.userId}`;
  return `ip:${ipAddress}`;
}

/**
 * Spends one call of the principal's budget for `rateClass` (anonymous callers always spend
 * the anonymous budget), plus the credential budget of the caller's IP address for sign-in and
 * recovery calls, plus an API key's own hourly budget; reports the tightest in `X-RateLimit-*`
 * headers, and refuses with 429 and `Retry-After` once any is empty.
 */
export async function enforceRateLimit(
  ctx: RateLimitContext,
  principal: Principal,
  rateClass: RateLimitClass,
): Promise<void> {
  const effectiveClass = principal.kind === 'anonymous' ? 'anonymous' : rateClass;
  const spend = (rateLimitClass: RateLimitClass, owner: string) => {
    const budget = RATE_LIMIT_CLASSES[rateLimitClass];
    return ctx.rateLimiter.consume(
      `${rateLimitClass}:${owner}`,
      Math.ceil(budget.points * ctx.config.rateLimitScale),
      budget.durationSeconds,
    );
  };
  const decisions: RateLimitDecision[] = [
    await spend(effectiveClass, budgetOwner(principal, ctx.meta.ipAddress)),
  ];
  if (rateClass === 'credentialAttempt' && effectiveClass !== rateClass) {
    // Guessing passwords is limited per address whoever asks, on top of the caller's budget.
    decisions.push(await spend('credentialAttempt', `ip:${ctx.meta.ipAddress}`));
  }
  if (principal.kind === 'apiKey') {
    decisions.push(
      await ctx.rateLimiter.consume(
        `key-hourly:${principal.apiKeyId}`,
        principal.rateLimitPerHour,
        3_600,
      ),
    );
  }
  const refused = decisions.find((decision) => !decision.allowed);
  const shown =
    refused ??
    decisions.reduce((tightest, next) => (next.remaining < tightest.remaining ? next : tightest));
  ctx.setHeader('X-RateLimit-Limit', String(shown.limit));
  ctx.setHeader('X-RateLimit-Remaining', String(shown.remaining));
  ctx.setHeader('X-RateLimit-Reset', String(shown.resetAt));
  if (refused) {
    setRetryAfter(ctx, refused.retryAfterSeconds);
    throw new DomainError(
      'RATE_LIMIT',
      `Too many requests: limit ${refused.limit}; retry in ${refused.retryAfterSeconds}s`,
      { retryAfter: refused.retryAfterSeconds, limit: refused.limit, reset: refused.resetAt },
    );
  }
}
