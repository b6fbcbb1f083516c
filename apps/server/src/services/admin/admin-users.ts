import {
  type AdminUser,
  type AuthenticatedPrincipal,
  DomainError,
  type ZAdminUserListInput,
  type ZAdminUserUpdateInput,
} from '@tradewind/core';
import {
  type Plan as DatabasePlan,
  type Role as DatabaseRole,
  type Prisma,
  Role,
  type User,
} from '@tradewind/db';
import type { z } from 'zod';
import type { ServiceDeps } from '../../service-deps.ts';
import { recordAudit } from '../audit/audit.ts';
import type { RequestMeta } from '../audit/request-meta.ts';
import { credentialsChanged } from '../auth/credentials-changed.ts';
import { planOf, roleOf } from '../auth/user-profile.ts';
import { inBotTransaction } from '../bots/bot-transaction.ts';

type AdminDeps = Pick<ServiceDeps, 'db' | 'now' | 'events'>;
type Transaction = Prisma.TransactionClient;

/** What an admin sees of a user: picked field by field, so no password or 2FA material. */
export function toAdminUser(user: User): AdminUser {
  return {
    id: user.id,
    email: user.email,
    username: user.username,
    firstName: user.firstName,
    role: roleOf(user),
    plan: planOf(user),
    activeBotLimit: user.activeBotLimit,
    twoFactorEnabled: user.totpEnabledAt !== null,
    disabled: user.disabledAt !== null,
    lastLoginAt: user.lastLoginAt?.toISOString() ?? null,
    createdAt: user.createdAt.toISOString(),
  };
}

/** Users, newest first, optionally matching `search` in email, username or first name. */
export async function listUsers(
  deps: Pick<ServiceDeps, 'db'>,
  input: z.output<typeof ZAdminUserListInput>,
): Promise<AdminUser[]> {
  const contains = input.search ? { contains: input.search, mode: 'insensitive' as const } : null;
  const users = await deps.db.prisma.user.findMany({
    ...(contains && {
      where: { OR: [{ email: contains }, { username: contains }, { firstName: contains }] },
    }),
    orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
    take: input.limit,
  });
  return users.map(toAdminUser);
}

async function findUserOrThrow(tx: Transaction, userId: string): Promise<User> {
  const user = await tx.user.findUnique({ where: { id: userId } });
  if (!user) throw new DomainError('NOT_FOUND', 'User not found');
  return user;
}

/**
 * Refuses to take away the last enabled admin. The enabled admins' rows are locked first, so
 * two admins demoting or disabling each other at the same moment cannot both pass the check.
 */
async function assertAnotherAdminRemains(
  tx: Transaction,
  userId: string,
  action: string,
): Promise<void> {
  const admins = await tx.$queryRaw<{ id: string }[]>`
    SELECT id::text AS id FROM users
    WHERE role = 'ADMIN' AND disabled_at IS NULL
    FOR UPDATE`;
  if (!admins.some((admin) => admin.id !== userId)) {
    throw new DomainError('CONFLICT', `Cannot ${action} the last admin; make another admin first`);
  }
}

type Changeable = Pick<User, 'role' | 'plan' | 'activeBotLimit'>;

/** A user's role, plan and active-bot limit; the audit entry keeps before and after. */
export async function updateUser(
  deps: AdminDeps,
  meta: RequestMeta,
  principal: AuthenticatedPrincipal,
  input: z.output<typeof ZAdminUserUpdateInput>,
): Promise<AdminUser> {
  const wanted: Partial<Changeable> = {
    ...(input.role && { role: input.role.toUpperCase() as DatabaseRole }),
    ...(input.plan && { plan: input.plan.toUpperCase() as DatabasePlan }),
    ...(input.activeBotLimit !== undefined && { activeBotLimit: input.activeBotLimit }),
  };
  return inBotTransaction(deps, async (tx) => {
    const before = await findUserOrThrow(tx, input.userId);
    if (before.role === Role.ADMIN && wanted.role && wanted.role !== Role.ADMIN) {
      await assertAnotherAdminRemains(tx, before.id, 'demote');
    }
    const after = await tx.user.update({ where: { id: before.id }, data: wanted });
    const fields = Object.keys(wanted) as (keyof Changeable)[];
    await recordAudit(tx, meta, {
      action: 'admin.user_updated',
      actorUserId: principal.userId,
      targetType: 'user',
      targetId: before.id,
      metadata: {
        before: Object.fromEntries(fields.map((field) => [field, auditValue(before, field)])),
        after: Object.fromEntries(fields.map((field) => [field, auditValue(after, field)])),
      },
    });
    return { result: toAdminUser(after), events: [credentialsChanged(before.id, 'user.updated')] };
  });
}

// The audit trail speaks the contract's lower-case role and plan names.
function auditValue(user: User, field: keyof Changeable): string | number {
  if (field === 'role') return roleOf(user);
  if (field === 'plan') return planOf(user);
  return user[field];
}

/**
 * Disables an account: every session ends now, and its access tokens and API keys fail on
 * their next call, since authentication checks `disabledAt` every time (`credentials.changed`
 * drops cached keys). Keys are kept, so
 * enabling the account again restores them; sessions are not, so the user signs in again.
 * An admin cannot disable themselves (nor, through a race, the last admin).
 */
export async function disableUser(
  deps: AdminDeps,
  meta: RequestMeta,
  principal: AuthenticatedPrincipal,
  userId: string,
): Promise<AdminUser> {
  if (userId === principal.userId) {
    throw new DomainError('CONFLICT', 'You cannot disable your own account');
  }
  const now = deps.now();
  return inBotTransaction(deps, async (tx) => {
    const before = await findUserOrThrow(tx, userId);
    if (before.disabledAt) return { result: toAdminUser(before), events: [] };
    if (before.role === Role.ADMIN) await assertAnotherAdminRemains(tx, before.id, 'disable');
    const after = await tx.user.update({ where: { id: userId }, data: { disabledAt: now } });
    const ended = await tx.session.updateMany({
      where: { userId, revokedAt: null },
      data: { revokedAt: now, revokedReason: 'user_disabled' },
    });
    await recordAudit(tx, meta, {
      action: 'admin.user_disabled',
      actorUserId: principal.userId,
      targetType: 'user',
      targetId: userId,
      metadata: {
        before: { disabled: false },
        after: { disabled: true },
        sessionsEnded: ended.count,
      },
    });
    return { result: toAdminUser(after), events: [credentialsChanged(userId, 'user.disabled')] };
  });
}

/** Enables a disabled account again; its API keys work again, its old sessions do not. */
export async function enableUser(
  deps: AdminDeps,
  meta: RequestMeta,
  principal: AuthenticatedPrincipal,
  userId: string,
): Promise<AdminUser> {
  return inBotTransaction(deps, async (tx) => {
    const before = await findUserOrThrow(tx, userId);
    if (!before.disabledAt) return { result: toAdminUser(before), events: [] };
    const after = await tx.user.update({ where: { id: userId }, data: { disabledAt: null } });
    await recordAudit(tx, meta, {
      action: 'admin.user_enabled',
      actorUserId: principal.userId,
      targetType: 'user',
      targetId: userId,
      metadata: { before: { disabled: true }, after: { disabled: false } },
    });
    return { result: toAdminUser(after), events: [credentialsChanged(userId, 'user.enabled')] };
  });
}
