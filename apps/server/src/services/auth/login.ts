import { type AuthTokens, DomainError, type ZLoginInput } from '@tradewind/core';
import type { User } from '@tradewind/db';
import type { z } from 'zod';
import { type ResponseHeaders, rateLimitExceeded } from '../../rate-limit/rate-limit-error.ts';
import type { ServiceDeps } from '../../service-deps.ts';
import { recordAudit } from '../audit/audit.ts';
import type { RequestMeta } from '../audit/request-meta.ts';
import { issueSession } from './issue-session.ts';
import { checkTotpCode } from './two-factor.ts';

type LoginDeps = Pick<
  ServiceDeps,
  'db' | 'passwords' | 'accessTokens' | 'now' | 'secretBox' | 'rateLimiter' | 'config'
> &
  ResponseHeaders;

/** Failed attempts before an account locks, and how long the first lock lasts. */
const LOCK_AFTER_FAILURES = 5;
const FIRST_LOCK_MS = 60_000;
const MAX_LOCK_MS = 24 * 3_600_000;

const INVALID_CREDENTIALS = 'Invalid login or password';

/**
 * Signs a user in by email or username. An unknown login and a wrong password answer the same
 * way, in the same time; repeated failures lock the account for a growing while.
 */
export async function login(
  deps: LoginDeps,
  meta: RequestMeta,
  input: z.output<typeof ZLoginInput>,
): Promise<AuthTokens> {
  const now = deps.now();
  const lookup = input.login.toLowerCase();
  const user = await deps.db.prisma.user.findFirst({
    where: input.login.includes('@') ? { email: lookup } : { username: input.login },
  });

  // The attempt is counted before the password is checked, so parallel guesses cannot all
  // pass the lock check before any of them is recorded.
  const attempt = user ? await claimAttempt(deps, user, now) : undefined;
  if (attempt?.kind === 'locked') {
    throw rateLimitExceeded(
      deps,
      `Too many failed logins for this account; try again in ${attempt.retryAfterSeconds}s`,
      attempt.retryAfterSeconds,
    );
  }

  const passwordOk = await deps.passwords.verify(user?.passwordHash, input.password);
  if (!user || !passwordOk) {
    await recordFailure(deps, meta, user, 'bad credentials');
    throw new DomainError('AUTH_INVALID', INVALID_CREDENTIALS);
  }
  if (user.disabledAt) {
    throw new DomainError('PERMISSION_DENIED', 'This account is disabled');
  }
  if (user.totpEnabledAt) {
    if (!input.totpCode) {
      // The first step of a two-step sign-in, not a failure: give the attempt back.
      if (attempt) await refundAttempt(deps, user.id, attempt);
      throw new DomainError('AUTH_INVALID', 'Two-factor code required', {
        twoFactorRequired: true,
      });
    }
    const accepted = await checkTotpCode(deps, user, input.totpCode);
    if (!accepted) {
      await recordFailure(deps, meta, user, 'bad two-factor code');
      throw new DomainError('AUTH_INVALID', 'Invalid two-factor code', {
        twoFactorRequired: true,
      });
    }
  }

  return deps.db.prisma.$transaction(async (tx) => {
    const current = await tx.user.update({
      where: { id: user.id },
      data: { failedLoginCount: 0, lockedUntil: null, lastLoginAt: now },
    });
    await recordAudit(tx, meta, {
      action: 'auth.login',
      actorUserId: user.id,
      targetType: 'user',
      targetId: user.id,
    });
    return issueSession(deps, tx, current, meta, input.deviceInfo);
  });
}

type Attempt =
  | { kind: 'locked'; retryAfterSeconds: number }
  | { kind: 'counted'; previousLockedUntil: Date | null; lockedUntil: Date | null };

/**
 * Counts one attempt against the account, unless it is locked. The attempt that reaches the
 * threshold locks the account at once (a successful sign-in lifts it again), so of several
 * parallel attempts only those before the lock get their password checked. The conditional
 * update holds the row lock until commit, which serialises concurrent claims.
 */
async function claimAttempt(deps: LoginDeps, user: User, now: Date): Promise<Attempt> {
  return deps.db.prisma.$transaction(async (tx) => {
    const claimed = await tx.user.updateMany({
      where: { id: user.id, OR: [{ lockedUntil: null }, { lockedUntil: { lte: now } }] },
      data: { failedLoginCount: { increment: 1 } },
    });
    const current = await tx.user.findUniqueOrThrow({
      where: { id: user.id },
      select: { failedLoginCount: true, lockedUntil: true },
    });
    if (claimed.count === 0) {
      const lockedMs = (current.lockedUntil?.getTime() ?? now.getTime()) - now.getTime();
      return { kind: 'locked', retryAfterSeconds: Math.max(1, Math.ceil(lockedMs / 1000)) };
    }
    const failures = current.failedLoginCount;
    if (failures < LOCK_AFTER_FAILURES) {
      return { kind: 'counted', previousLockedUntil: current.lockedUntil, lockedUntil: null };
    }
    const lockMs = Math.min(MAX_LOCK_MS, FIRST_LOCK_MS * 2 ** (failures - LOCK_AFTER_FAILURES));
    const lockedUntil = new Date(now.getTime() + lockMs);
    await tx.user.update({ where: { id: user.id }, data: { lockedUntil } });
    return { kind: 'counted', previousLockedUntil: current.lockedUntil, lockedUntil };
  });
}

/** Takes back an attempt that turned out not to be a failure (and the lock it set, if any). */
async function refundAttempt(
  deps: LoginDeps,
  userId: string,
  attempt: Extract<Attempt, { kind: 'counted' }>,
): Promise<void> {
  await deps.db.prisma.user.updateMany({
    where: { id: userId, failedLoginCount: { gt: 0 } },
    data: { failedLoginCount: { decrement: 1 } },
  });
  if (attempt.lockedUntil) {
    // Only if no later attempt has moved the lock since.
    await deps.db.prisma.user.updateMany({
      where: { id: userId, lockedUntil: attempt.lockedUntil },
      data: { lockedUntil: attempt.previousLockedUntil },
    });
  }
}

async function recordFailure(
  deps: LoginDeps,
  meta: RequestMeta,
  user: User | null,
  reason: string,
): Promise<void> {
  await recordAudit(deps.db.prisma, meta, {
    action: 'auth.login_failed',
    actorUserId: user?.id ?? null,
    metadata: { reason },
  });
}
