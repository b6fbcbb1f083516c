import { type AuthTokens, DomainError } from '@tradewind/core';
import type { Prisma, Session, User } from '@tradewind/db';
import { hashToken } from '../../security/opaque-token.ts';
import type { ServiceDeps } from '../../service-deps.ts';
import { recordAudit } from '../audit/audit.ts';
import type { RequestMeta } from '../audit/request-meta.ts';
import { rotateTokens, tokensFor } from './issue-session.ts';

type RefreshDeps = Pick<ServiceDeps, 'db' | 'accessTokens' | 'now' | 'secretBox'>;

/**
 * A client that sent a refresh but lost the answer may retry with the same token for this
 * long and gets the same successor again; after that, or once the successor was itself used,
 * a used token means it was stolen and the whole session is revoked. A session never forks.
 */
export const REFRESH_RETRY_GRACE_MS = 30_000;

type Tx = Prisma.TransactionClient;
type RefreshSession = Session & { user: User };

/**
 * The answer to a used token: within the grace period and while its successor is still
 * unused, the same successor (a retry); otherwise null, and the session is revoked as reuse.
 */
async function replayOrRevoke(
  deps: RefreshDeps,
  tx: Tx,
  meta: RequestMeta,
  tokenId: string,
  session: RefreshSession,
): Promise<AuthTokens | null> {
  const now = deps.now();
  const used = await tx.refreshToken.findUniqueOrThrow({ where: { id: tokenId } });
  const usedAgo = now.getTime() - (used.usedAt ?? now).getTime();
  if (usedAgo <= REFRESH_RETRY_GRACE_MS && used.successorEncrypted) {
    const successor = deps.secretBox.decrypt(used.successorEncrypted);
    const next = await tx.refreshToken.findUnique({ where: { tokenHash: hashToken(successor) } });
    if (next && next.usedAt === null) return tokensFor(deps, session.user, session, successor);
  }
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
      // Claim the token atomically, so two concurrent uses cannot both pass as first: the
      // second waits for the first to commit, then finds its successor.
      const claimed = await tx.refreshToken.updateMany({
        where: { id: token.id, usedAt: null },
        data: { usedAt: now },
      });
      if (claimed.count === 0) return replayOrRevoke(deps, tx, meta, token.id, session);
      await tx.session.update({ where: { id: session.id }, data: { lastUsedAt: now } });
      const tokens = await rotateTokens(deps, tx, session.user, session);
      await tx.refreshToken.update({
        where: { id: token.id },
        data: { successorEncrypted: deps.secretBox.encrypt(tokens.refreshToken) },
      });
      return tokens;
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
