import {
  type AuthenticatedPrincipal,
  DomainError,
  STRATEGY_PERMISSIONS,
  type StrategyPermission,
  type StrategyShare,
  type ZStrategyShareInput,
  type ZStrategyUnshareInput,
} from '@tradewind/core';
import type { Prisma } from '@tradewind/db';
import type { z } from 'zod';
import type { ServiceDeps } from '../../service-deps.ts';
import { authorizeStrategy } from './strategy-access.ts';
import { recordStrategyEvent } from './strategy-history.ts';

type Deps = Pick<ServiceDeps, 'db'>;

const canonical = (permissions: Iterable<string>): StrategyPermission[] => {
  const held = new Set(permissions);
  return STRATEGY_PERMISSIONS.filter((permission) => held.has(permission));
};

async function readShares(
  client: Prisma.TransactionClient,
  strategyId: number,
): Promise<StrategyShare[]> {
  const rows = await client.strategyShare.findMany({
    where: { strategyId },
    include: { user: { select: { email: true } } },
    orderBy: { createdAt: 'asc' },
  });
  return rows.map((row) => ({
    strategyId: row.strategyId,
    userId: row.userId,
    email: row.user.email,
    permissions: canonical(row.permissions),
    grantedAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  }));
}

async function userByEmail(client: Prisma.TransactionClient, email: string) {
  const user = await client.user.findUnique({
    where: { email: email.toLowerCase() },
    select: { id: true },
  });
  if (user === null) {
    throw new DomainError('NOT_FOUND', `No user with email ${email}`, { field: 'email' });
  }
  return user;
}

/**
 * Shares a strategy (needs `share`): adds `permissions`, and `read` with them, to what the user
 * with `email` holds. Someone it was shared with can pass on only permissions they hold.
 */
export async function shareStrategy(
  deps: Deps,
  principal: AuthenticatedPrincipal,
  input: z.output<typeof ZStrategyShareInput>,
): Promise<StrategyShare[]> {
  return deps.db.prisma.$transaction(async (tx) => {
    const { strategy, permissions: held } = await authorizeStrategy(
      tx,
      principal,
      input.strategyId,
      'share',
      { lock: true },
    );
    const beyond = input.permissions.filter((permission) => !held.includes(permission));
    if (beyond.length > 0) {
      throw new DomainError(
        'PERMISSION_DENIED',
        `You cannot share ${beyond.join(', ')} of strategy ${strategy.id}: you do not hold it`,
        { strategyId: strategy.id, permissions: beyond },
      );
    }
    const user = await userByEmail(tx, input.email);
    if (user.id === strategy.userId) {
      throw new DomainError(
        'VALIDATION_ERROR',
        `email: ${input.email} owns strategy ${strategy.id} already`,
        { field: 'email' },
      );
    }
    const key = { strategyId_userId: { strategyId: strategy.id, userId: user.id } };
    const existing = await tx.strategyShare.findUnique({ where: key });
    const permissions = canonical(['read', ...(existing?.permissions ?? []), ...input.permissions]);
    await tx.strategyShare.upsert({
      where: key,
      create: {
        strategyId: strategy.id,
        userId: user.id,
        permissions,
        grantedBy: principal.userId,
      },
      update: { permissions, grantedBy: principal.userId },
    });
    await recordStrategyEvent(tx, principal, strategy.id, 'shared', {
      userId: user.id,
      granted: canonical(input.permissions),
      permissions,
    });
    return readShares(tx, strategy.id);
  });
}

/**
 * Revokes permissions (needs `share`): the named ones, or the whole share when none are named or
 * `read` is among them (every share includes `read`).
 */
export async function unshareStrategy(
  deps: Deps,
  principal: AuthenticatedPrincipal,
  input: z.output<typeof ZStrategyUnshareInput>,
): Promise<StrategyShare[]> {
  return deps.db.prisma.$transaction(async (tx) => {
    const { strategy } = await authorizeStrategy(tx, principal, input.strategyId, 'share', {
      lock: true,
    });
    const user = await userByEmail(tx, input.email);
    const key = { strategyId_userId: { strategyId: strategy.id, userId: user.id } };
    const existing = await tx.strategyShare.findUnique({ where: key });
    if (existing === null) {
      throw new DomainError(
        'NOT_FOUND',
        `Strategy ${strategy.id} is not shared with ${input.email}`,
        { field: 'email' },
      );
    }
    const revoked = input.permissions ?? [...STRATEGY_PERMISSIONS];
    const remaining = revoked.includes('read')
      ? []
      : canonical(
          existing.permissions.filter(
            (permission) => !revoked.includes(permission as StrategyPermission),
          ),
        );
    if (remaining.length === 0) await tx.strategyShare.delete({ where: key });
    else await tx.strategyShare.update({ where: key, data: { permissions: remaining } });
    await recordStrategyEvent(tx, principal, strategy.id, 'unshared', {
      userId: user.id,
      revoked: canonical(revoked),
      permissions: remaining,
    });
    return readShares(tx, strategy.id);
  });
}

/** Who a strategy is shared with, and what each may do (needs `share`). */
export async function strategyShares(
  deps: Deps,
  principal: AuthenticatedPrincipal,
  strategyId: number,
): Promise<StrategyShare[]> {
  const { prisma } = deps.db;
  await authorizeStrategy(prisma, principal, strategyId, 'share');
  return readShares(prisma, strategyId);
}
