import { type Plan, permissionsForRole, type Role, type UserProfile } from '@tradewind/core';
import type { User } from '@tradewind/db';

/** The database's upper-case role as the contract's lower-case one. */
export function roleOf(user: Pick<User, 'role'>): Role {
  return user.role.toLowerCase() as Role;
}

export function planOf(user: Pick<User, 'plan'>): Plan {
  return user.plan.toLowerCase() as Plan;
}

/** What a user sees of themselves; no password or 2FA material can reach it. */
export function toUserProfile(user: User): UserProfile {
  const role = roleOf(user);
  return {
    id: user.id,
    email: user.email,
    username: user.username,
    firstName: user.firstName,
    role,
    plan: planOf(user),
    currency: user.currency,
    systemMode: user.systemMode.toLowerCase() as UserProfile['systemMode'],
    twoFactorEnabled: user.totpEnabledAt !== null,
    activeBotLimit: user.activeBotLimit,
    permissions: permissionsForRole(role),
    createdAt: user.createdAt.toISOString(),
  };
}
