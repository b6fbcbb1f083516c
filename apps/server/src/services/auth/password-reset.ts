import {
  type Acknowledgement,
  DomainError,
  passwordProblems,
  passwordRefusal,
} from '@tradewind/core';
import { generateToken, hashToken } from '../../security/opaque-token.ts';
import type { ServiceDeps } from '../../service-deps.ts';
import { revokeAllApiKeys } from '../api-keys/api-keys.ts';
import { recordAudit } from '../audit/audit.ts';
import type { RequestMeta } from '../audit/request-meta.ts';
import { inBotTransaction } from '../bots/bot-transaction.ts';
import { credentialsChanged } from './credentials-changed.ts';

const RESET_TOKEN_PREFIX = 'twp_';
const RESET_TOKEN_TTL_MS = 30 * 60_000;

type ResetDeps = Pick<ServiceDeps, 'db' | 'mailer' | 'now' | 'passwords' | 'events'>;

/**
 * Mails a single-use reset token if the address belongs to an active account. Answers the same
 * either way, so the endpoint never reveals which emails are registered.
 */
export async function requestPasswordReset(
  deps: ResetDeps,
  meta: RequestMeta,
  email: string,
): Promise<Acknowledgement> {
  // Rate limited by the procedure: it spends the credential budget of the caller's address.
  const user = await deps.db.prisma.user.findUnique({ where: { email } });
  if (user && !user.disabledAt) {
    const token = generateToken(RESET_TOKEN_PREFIX);
    const expiresAt = new Date(deps.now().getTime() + RESET_TOKEN_TTL_MS);
    await deps.db.prisma.$transaction(async (tx) => {
      await tx.passwordResetToken.create({
        data: { userId: user.id, tokenHash: hashToken(token), expiresAt },
      });
      await recordAudit(tx, meta, {
        action: 'auth.password_reset_requested',
        actorUserId: user.id,
        targetType: 'user',
        targetId: user.id,
      });
    });
    await deps.mailer.send({
      to: user.email,
      subject: 'Reset your Tradewind password',
      text: [
        `Hello ${user.firstName},`,
        '',
        'Someone asked to reset the password of your Tradewind account. If it was you, use',
        `this token within 30 minutes (until ${expiresAt.toISOString()}):`,
        '',
        `    ${token}`,
        '',
        `    tradewind password reset --token ${token}`,
        '',
        'If it was not you, ignore this message; your password stays as it is.',
      ].join('\n'),
    });
  }
  return {
    success: true,
    message: 'If an account exists with this email, reset instructions will be sent',
  };
}

/**
 * Sets a new password with a reset token; ends every session of the account. API keys are not
 * tied to the password and keep working, unless `revokeApiKeys` asks to revoke them all.
 */
export async function completePasswordReset(
  deps: ResetDeps,
  meta: RequestMeta,
  input: { token: string; newPassword: string; revokeApiKeys?: boolean },
): Promise<Acknowledgement> {
  const now = deps.now();
  const record = await deps.db.prisma.passwordResetToken.findUnique({
    where: { tokenHash: hashToken(input.token) },
    include: { user: true },
  });
  if (!record || record.usedAt || record.expiresAt <= now || record.user.disabledAt) {
    throw new DomainError('VALIDATION_ERROR', 'token: invalid or expired reset token', {
      field: 'token',
    });
  }
  const problems = passwordProblems(input.newPassword, { email: record.user.email });
  if (problems.length > 0) {
    throw new DomainError('VALIDATION_ERROR', passwordRefusal('newPassword', problems), {
      field: 'newPassword',
      problems,
    });
  }
  const passwordHash = await deps.passwords.hash(input.newPassword);
  const revokedKeys = await inBotTransaction(deps, async (tx) => {
    const claimed = await tx.passwordResetToken.updateMany({
      where: { id: record.id, usedAt: null },
      data: { usedAt: now },
    });
    if (claimed.count === 0) {
      throw new DomainError('VALIDATION_ERROR', 'token: invalid or expired reset token', {
        field: 'token',
      });
    }
    // Any other reset link in the mailbox dies with this one.
    await tx.passwordResetToken.updateMany({
      where: { userId: record.userId, usedAt: null },
      data: { usedAt: now },
    });
    await tx.user.update({
      where: { id: record.userId },
      data: { passwordHash, failedLoginCount: 0, lockedUntil: null },
    });
    // Whoever knew the old password may hold a session; end them all.
    await tx.session.updateMany({
      where: { userId: record.userId, revokedAt: null },
      data: { revokedAt: now, revokedReason: 'password reset' },
    });
    const keys = input.revokeApiKeys ? await revokeAllApiKeys(tx, record.userId, now) : 0;
    await recordAudit(tx, meta, {
      action: 'auth.password_reset',
      actorUserId: record.userId,
      targetType: 'user',
      targetId: record.userId,
      ...(input.revokeApiKeys && { metadata: { revokedApiKeys: keys } }),
    });
    return {
      result: keys,
      events: keys > 0 ? [credentialsChanged(record.userId, 'api_keys.revoked')] : [],
    };
  });
  return {
    success: true,
    message: input.revokeApiKeys
      ? `Password reset successful; ${revokedKeys} API key(s) revoked`
      : 'Password reset successful',
  };
}
