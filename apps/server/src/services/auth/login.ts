import { type AuthTokens, DomainError, type ZLoginInput } from '@tradewind/core';
import type { User } from '@tradewind/db';
import type { z } from 'zod';
import type { ServerDeps } from '../../server-deps.ts';
import { recordAudit } from '../audit.ts';
import type { RequestMeta } from '../request-meta.ts';
import { issueSession } from './issue-session.ts';
import { checkTotpCode } from './two-factor.ts';

type LoginDeps = Pick<
  ServerDeps,
  'db' | 'passwords' | 'accessTokens' | 'now' | 'secretBox' | 'rateLimiter' | 'config'
>;

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

  if (user?.lockedUntil && user.lockedUntil > now) {
    const seconds = Math.ceil((user.lockedUntil.getTime() - now.getTime()) / 1000);
    throw new DomainError(
      'RATE_LIMIT',
      `Too many failed logins for this account; try again in ${seconds}s`,
      { retryAfter: seconds },
    );
  }

  const passwordOk = await deps.passwords.verify(user?.passwordHash, input.password);
  if (!user || !passwordOk) {
    await recordFailure(deps, meta, user, now, 'bad credentials');
    throw new DomainError('AUTH_INVALID', INVALID_CREDENTIALS);
  }
  if (user.disabledAt) {
    throw new DomainError('PERMISSION_DENIED', 'This account is disabled');
  }
  if (user.totpEnabledAt) {
    if (!input.totpCode) {
      throw new DomainError('AUTH_INVALID', 'Two-factor code required', {
        twoFactorRequired: true,
      });
    }
    const accepted = await checkTotpCode(deps, user, input.totpCode);
    if (!accepted) {
      await recordFailure(deps, meta, user, now, 'bad two-factor code');
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

async function recordFailure(
  deps: LoginDeps,
  meta: RequestMeta,
  user: User | null,
  now: Date,
  reason: string,
): Promise<void> {
  if (user) {
    const failures = user.failedLoginCount + 1;
    const lockMs =
      failures >= LOCK_AFTER_FAILURES
        ? Math.min(MAX_LOCK_MS, FIRST_LOCK_MS * 2 ** (failures - LOCK_AFTER_FAILURES))
        : 0;
    await deps.db.prisma.user.update({
      where: { id: user.id },
      data: {
        failedLoginCount: failures,
        lockedUntil: lockMs > 0 ? new Date(now.getTime() + lockMs) : null,
      },
    });
  }
  await recordAudit(deps.db.prisma, meta, {
    action: 'auth.login_failed',
    actorUserId: user?.id ?? null,
    metadata: { reason },
  });
}
