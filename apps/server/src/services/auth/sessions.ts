import { type Acknowledgement, DomainError, type SessionSummary } from '@tradewind/core';
import type { ServiceDeps } from '../../service-deps.ts';
import { recordAudit } from '../audit/audit.ts';
import type { RequestMeta } from '../audit/request-meta.ts';

type SessionDeps = Pick<ServiceDeps, 'db' | 'now'>;

/** The user's live sessions, newest first, marking the one this call came from. */
export async function listSessions(
  deps: SessionDeps,
  userId: string,
  currentSessionId: string | undefined,
): Promise<SessionSummary[]> {
  const sessions = await deps.db.prisma.session.findMany({
    where: { userId, revokedAt: null, expiresAt: { gt: deps.now() } },
    orderBy: { createdAt: 'desc' },
  });
  return sessions.map((session) => ({
    id: session.id,
    createdAt: session.createdAt.toISOString(),
    lastUsedAt: session.lastUsedAt.toISOString(),
    expiresAt: session.expiresAt.toISOString(),
    current: session.id === currentSessionId,
    deviceInfo: {
      ipAddress: session.ipAddress,
      userAgent: session.userAgent,
      deviceType: session.deviceType,
    },
  }));
}

/**
 * Ends one of the user's sessions: its refresh tokens stop working, and so do its access
 * tokens, since every call checks the session. Someone else's session id is "not found".
 */
export async function terminateSession(
  deps: SessionDeps,
  meta: RequestMeta,
  userId: string,
  sessionId: string,
  reason: 'logout' | 'terminated' = 'terminated',
): Promise<Acknowledgement> {
  await deps.db.prisma.$transaction(async (tx) => {
    const ended = await tx.session.updateMany({
      where: { id: sessionId, userId, revokedAt: null },
      data: { revokedAt: deps.now(), revokedReason: reason },
    });
    if (ended.count === 0) throw new DomainError('NOT_FOUND', 'Session not found');
    await recordAudit(tx, meta, {
      action: reason === 'logout' ? 'auth.logout' : 'session.terminated',
      actorUserId: userId,
      targetType: 'session',
      targetId: sessionId,
    });
  });
  return {
    success: true,
    message: reason === 'logout' ? 'Successfully logged out' : 'Session terminated successfully',
  };
}
