import { type AuthenticatedPrincipal, DomainError, type UserProfile } from '@tradewind/core';
import type { ServiceDeps } from '../../service-deps.ts';
import { toUserProfile } from './user-profile.ts';

/**
 * The signed-in session behind a call. Account-changing actions (logout, 2FA) need a person's
 * session; an API key, which a script holds, cannot do them.
 */
export function requireSession(principal: AuthenticatedPrincipal): {
  userId: string;
  sessionId: string;
} {
  if (principal.kind !== 'user') {
    throw new DomainError(
      'PERMISSION_DENIED',
      'This action needs a signed-in session, not an API key',
    );
  }
  return { userId: principal.userId, sessionId: principal.sessionId };
}

/** The caller's own profile, with the permissions they hold on this call. */
export async function getProfile(
  deps: Pick<ServiceDeps, 'db'>,
  principal: AuthenticatedPrincipal,
): Promise<UserProfile> {
  const user = await deps.db.prisma.user.findUniqueOrThrow({ where: { id: principal.userId } });
  return { ...toUserProfile(user), permissions: [...principal.permissions] };
}
