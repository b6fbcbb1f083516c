import { type AuthTokens, DomainError } from '@tradewind/core';
import { hashToken } from '../../security/opaque-token.ts';
import type { ServerDeps } from '../../server-deps.ts';
import { recordAudit } from '../audit.ts';
import type { RequestMeta } from '../request-meta.ts';
import { rotateTokens } from './issue-session.ts';

type RefreshDeps = Pick<ServerDeps, 'db' | 'accessTokens' | 'now'>;

/**
 * A client that sent a refresh but lost the answer may retry with the same token for this
 * long; after that, a used token means it was stolen and the whole session is revoked.
 */
export const REFRESH_RETRY_GRACE_MS = 30_000;

/** Exchanges a refresh token for a new pair, rotating it (OAuth 2.0 BCP refresh rotation). */
export async function refresh(
  deps: RefreshDeps,
  meta: RequestMeta,
  refreshToken: string,
): Promise<AuthTokens> {
  const now = deps.now();
  const token = await deps.db.prisma.refreshToken.findUnique({
    where: { tokenHash: hashToken(refreshToken) },
    include: { session: { include: { user: true } } },
  });
  const session = token?.session;
  if (!token || !session || session.revokedAt || session.expiresAt <= now) {
    throw new DomainError('AUTH_INVALID', 'Invalid or expired refresh token');
  }
  if (session.user.disabledAt) {
    throw new DomainError('AUTH_INVALID', 'This account is disabled');
  }
  if (token.expiresAt <= now) {
    throw new DomainError('AUTH_INVALID', 'Invalid or expired refresh token');
  }

  return deps.db.prisma
    .$transaction(async (tx) => {
      // Claim the token atomically, so two concurrent uses cannot both pass as first.
      const claimed = await tx.refreshToken.updateMany({
        where: { id: token.id, usedAt: null },
        data: { usedAt: now },
      });
      if (claimed.count === 0) {
        const current = await tx.refreshToken.findUniqueOrThrow({ where: { id: token.id } });
        const usedAgo = now.getTime() - (current.usedAt ?? now).getTime();
        if (usedAgo > REFRESH_RETRY_GRACE_MS) {
          await tx.session.update({
            where: { id: session.id },
            data: { revokedAt: now, revokedReason: 'refresh token reuse' },
          });
          await recordAudit(tx, meta, {
            action: 'auth.refresh_reuse',
            actorUserId: session.userId,
            targetType: 'session',
            targetId: session.id,
          });
          return null;
        }
      }
      await tx.session.update({ where: { id: session.id }, data: { lastUsedAt: now } });
      return rotateTokens(deps, tx, session.user, session);
    })
    .then((tokens) => {
      // Thrown outside the transaction so the revocation above commits.
      if (!tokens) {
        throw new DomainError(
          'AUTH_INVALID',
          'Refresh token was already used; the session has been revoked',
        );
      }
      return tokens;
    });
}
