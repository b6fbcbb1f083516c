import type { AuthenticatedPrincipal } from '@tradewind/core';

/**
 * Whose streams a caller of the realtime stats sees: admins every stream of the process, anyone
 * else (a user, a READ_ONLY key) only their own.
 */
export function statsViewer(principal: AuthenticatedPrincipal): { userId: string } | undefined {
  return principal.role === 'admin' ? undefined : { userId: principal.userId };
}
