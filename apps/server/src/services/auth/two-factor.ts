import { type Acknowledgement, DomainError } from '@tradewind/core';
import type { User } from '@tradewind/db';
import { Secret, TOTP } from 'otpauth';
import QRCode from 'qrcode';
import { RATE_LIMIT_CLASSES } from '../../rate-limit/rate-limit-classes.ts';
import { type ResponseHeaders, rateLimitExceeded } from '../../rate-limit/rate-limit-error.ts';
import type { ServiceDeps } from '../../service-deps.ts';
import { recordAudit } from '../audit/audit.ts';
import type { RequestMeta } from '../audit/request-meta.ts';

const ISSUER = 'Tradewind';
const PERIOD_SECONDS = 30;

type TwoFactorDeps = Pick<ServiceDeps, 'db' | 'secretBox' | 'rateLimiter' | 'now' | 'config'> &
  ResponseHeaders;

function totpFor(user: Pick<User, 'email'>, secret: Secret): TOTP {
  return new TOTP({
    issuer: ISSUER,
    label: user.email,
    algorithm: 'SHA1',
    digits: 6,
    period: PERIOD_SECONDS,
    secret,
  });
}

/**
 * Checks a TOTP code against the user's enrolled secret: within one step of clock drift,
 * never a step already used (a code is accepted once), and a few attempts per five minutes.
 */
export async function checkTotpCode(
  deps: TwoFactorDeps,
  user: User,
  code: string,
): Promise<boolean> {
  if (!user.totpSecretEncrypted) return false;
  const budget = RATE_LIMIT_CLASSES.twoFactorAttempt;
  const decision = await deps.rateLimiter.consume(
    `2fa:${user.id}`,
    Math.ceil(budget.points * deps.config.rateLimitScale),
    budget.durationSeconds,
  );
  if (!decision.allowed) {
    throw rateLimitExceeded(
      deps,
      `Too many two-factor attempts; try again in ${decision.retryAfterSeconds}s`,
      decision.retryAfterSeconds,
    );
  }
  const secret = Secret.fromBase32(deps.secretBox.decrypt(user.totpSecretEncrypted));
  const timestamp = deps.now().getTime();
  const delta = totpFor(user, secret).validate({ token: code, timestamp, window: 1 });
  if (delta === null) return false;
  const step = Math.floor(timestamp / 1000 / PERIOD_SECONDS) + delta;
  // Record the step only if it is newer than the last accepted one: replay-safe under races.
  const claimed = await deps.db.prisma.user.updateMany({
    where: {
      id: user.id,
      OR: [{ totpLastStep: null }, { totpLastStep: { lt: step } }],
    },
    data: { totpLastStep: step },
  });
  return claimed.count === 1;
}

/** Starts enrolment: a new secret (stored encrypted, not yet enforced) and its QR code. */
export async function enrollTwoFactor(deps: TwoFactorDeps, userId: string) {
  const user = await deps.db.prisma.user.findUniqueOrThrow({ where: { id: userId } });
  if (user.totpEnabledAt) {
    throw new DomainError('CONFLICT', 'Two-factor authentication is already enabled');
  }
  const secret = new Secret({ size: 20 });
  await deps.db.prisma.user.update({
    where: { id: userId },
    data: { totpSecretEncrypted: deps.secretBox.encrypt(secret.base32), totpLastStep: null },
  });
  const provisioningUri = totpFor(user, secret).toString();
  return {
    secret: secret.base32,
    provisioningUri,
    qrCode: await QRCode.toDataURL(provisioningUri),
  };
}

/** Confirms enrolment with a first code; from then on login requires a code. */
export async function verifyTwoFactor(
  deps: TwoFactorDeps,
  meta: RequestMeta,
  userId: string,
  code: string,
): Promise<Acknowledgement> {
  const user = await deps.db.prisma.user.findUniqueOrThrow({ where: { id: userId } });
  if (user.totpEnabledAt) {
    throw new DomainError('CONFLICT', 'Two-factor authentication is already enabled');
  }
  if (!user.totpSecretEncrypted) {
    throw new DomainError('VALIDATION_ERROR', 'Enroll in two-factor authentication first');
  }
  if (!(await checkTotpCode(deps, user, code))) {
    throw new DomainError('VALIDATION_ERROR', 'totpCode: invalid or already used code', {
      field: 'totpCode',
    });
  }
  await deps.db.prisma.$transaction(async (tx) => {
    await tx.user.update({ where: { id: userId }, data: { totpEnabledAt: deps.now() } });
    await recordAudit(tx, meta, {
      action: 'auth.two_factor_enabled',
      actorUserId: userId,
      targetType: 'user',
      targetId: userId,
    });
  });
  return { success: true, message: '2FA enabled successfully' };
}

/** Turns two-factor off; needs the password and a current code, like any sensitive change. */
export async function disableTwoFactor(
  deps: TwoFactorDeps & Pick<ServiceDeps, 'passwords'>,
  meta: RequestMeta,
  userId: string,
  input: { password: string; totpCode: string },
): Promise<Acknowledgement> {
  const user = await deps.db.prisma.user.findUniqueOrThrow({ where: { id: userId } });
  if (!user.totpEnabledAt) {
    throw new DomainError('CONFLICT', 'Two-factor authentication is not enabled');
  }
  if (!(await deps.passwords.verify(user.passwordHash, input.password))) {
    throw new DomainError('AUTH_INVALID', 'password: incorrect', { field: 'password' });
  }
  if (!(await checkTotpCode(deps, user, input.totpCode))) {
    throw new DomainError('AUTH_INVALID', 'totpCode: invalid or already used code', {
      field: 'totpCode',
    });
  }
  await deps.db.prisma.$transaction(async (tx) => {
    await tx.user.update({
      where: { id: userId },
      data: { totpEnabledAt: null, totpSecretEncrypted: null, totpLastStep: null },
    });
    await recordAudit(tx, meta, {
      action: 'auth.two_factor_disabled',
      actorUserId: userId,
      targetType: 'user',
      targetId: userId,
    });
  });
  return { success: true, message: '2FA disabled' };
}
