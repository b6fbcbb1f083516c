import type { Permission, Role } from './permissions.ts';

/** Who is calling: a signed-in user, a user's API key, or nobody. */
export type Principal =
  | {
      kind: 'user';
      userId: string;
      sessionId: string;
      role: Role;
      permissions: readonly Permission[];
      /** Set on the enterprise surface: the owner's resources only, even for an admin. */
      ownResourcesOnly?: boolean;
    }
  | {
      kind: 'apiKey';
      userId: string;
      apiKeyId: string;
      role: Role;
      /** The key's scopes intersected with what its owner may do today. */
      permissions: readonly Permission[];
      rateLimitPerHour: number;
      /** Set on the enterprise surface: the owner's resources only, even for an admin. */
      ownResourcesOnly?: boolean;
    }
  | { kind: 'anonymous' };

export type AuthenticatedPrincipal = Exclude<Principal, { kind: 'anonymous' }>;

/**
 * A principal acting on the enterprise surface (seed 000: "your trading bots"): it reaches its
 * owner's resources only, whatever the owner's role; admin powers stay on the admin doors.
 */
export function ownResourcesOnly(principal: Principal): Principal {
  return principal.kind === 'anonymous' ? principal : { ...principal, ownResourcesOnly: true };
}

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
  if (principal.userId === ownerUserId) return true;
  return principal.role === 'admin' && !principal.ownResourcesOnly;
}
