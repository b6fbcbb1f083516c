import type { Permission, Role } from './permissions.ts';

/** Who is calling: a signed-in user, a user's API key, or nobody. */
export type Principal =
  | {
      kind: 'user';
      userId: string;
      sessionId: string;
      role: Role;
      permissions: readonly Permission[];
    }
  | {
      kind: 'apiKey';
      userId: string;
      apiKeyId: string;
      role: Role;
      /** The key's scopes intersected with what its owner may do today. */
      permissions: readonly Permission[];
      rateLimitPerHour: number;
    }
  | { kind: 'anonymous' };

export type AuthenticatedPrincipal = Exclude<Principal, { kind: 'anonymous' }>;

/** True when the principal may do `permission`. */
export function hasPermission(principal: Principal, permission: Permission): boolean {
  return principal.kind !== 'anonymous' && principal.permissions.includes(permission);
}

/**
 * The one ownership rule: a user-owned resource is reachable by its owner and by admins.
 * Everything that reads or writes a resource by id goes through this.
 */
export function canAccessOwnedResource(principal: Principal, ownerUserId: string): boolean {
  if (principal.kind === 'anonymous') return false;
  return principal.userId === ownerUserId || principal.role === 'admin';
}
