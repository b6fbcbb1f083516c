import {
  type AuthenticatedPrincipal,
  canAccessOwnedResource,
  DomainError,
  STRATEGY_PERMISSIONS,
  type StrategyPermission,
} from '@tradewind/core';
import type { Prisma } from '@tradewind/db';
import type { ServiceDeps } from '../../service-deps.ts';

/** The rows a strategy is shown from: its current bot's status and the caller's share. */
export function strategyInclude(principal: AuthenticatedPrincipal) {
  return {
    bot: { select: { status: true } },
    shares: { where: { userId: principal.userId } },
  } as const satisfies Prisma.StrategyInclude;
}

export type StrategyWithAccess = Prisma.StrategyGetPayload<{
  include: ReturnType<typeof strategyInclude>;
}>;

/** A strategy the caller cannot see answers exactly like a missing one. */
export function strategyNotFound(strategyId: number): DomainError {
  return new DomainError('NOT_FOUND', `Strategy ${strategyId} not found`, { strategyId });
}

/**
 * What the principal may do with a strategy: everything as its owner or an admin, else what its
 * share grants (in the canonical order), else nothing.
 */
export function strategyPermissions(
  principal: AuthenticatedPrincipal,
  strategy: Pick<StrategyWithAccess, 'userId' | 'shares'>,
): StrategyPermission[] {
  if (canAccessOwnedResource(principal, strategy.userId)) return [...STRATEGY_PERMISSIONS];
  const granted = new Set(
    strategy.shares.find((share) => share.userId === principal.userId)?.permissions,
  );
  return STRATEGY_PERMISSIONS.filter((permission) => granted.has(permission));
}

/**
 * The one authorization check of the strategy lab: loads a strategy (row-locked with `lock`,
 * inside a transaction) and makes sure the principal holds `needed` on it. A strategy that is
 * not shared with the caller at all is NOT_FOUND, so its existence does not leak; one shared
 * without the needed permission is PERMISSION_DENIED.
 */
export async function authorizeStrategy(
  client: Prisma.TransactionClient,
  principal: AuthenticatedPrincipal,
  strategyId: number,
  needed: StrategyPermission,
  options: { lock?: boolean } = {},
): Promise<{ strategy: StrategyWithAccess; permissions: StrategyPermission[] }> {
  if (options.lock) {
    await client.$queryRaw`SELECT id FROM strategies WHERE id = ${strategyId} FOR UPDATE`;
  }
  const strategy = await client.strategy.findUnique({
    where: { id: strategyId },
    include: strategyInclude(principal),
  });
  if (strategy === null) throw strategyNotFound(strategyId);
  const permissions = strategyPermissions(principal, strategy);
  if (permissions.length === 0) throw strategyNotFound(strategyId);
  if (!permissions.includes(needed)) {
    throw new DomainError(
      'PERMISSION_DENIED',
      `Strategy ${strategyId} is shared with you without the ${needed} permission`,
      { strategyId, permission: needed },
    );
  }
  return { strategy, permissions };
}

/** Prisma filter for the strategies the principal may read, narrowed by `scope`. */
export function readableStrategies(
  principal: AuthenticatedPrincipal,
  scope: 'all' | 'owned' | 'shared',
): Prisma.StrategyWhereInput {
  const owned = { userId: principal.userId };
  const shared = { shares: { some: { userId: principal.userId } } };
  if (scope === 'owned') return owned;
  if (scope === 'shared') return shared;
  return principal.role === 'admin' ? {} : { OR: [owned, shared] };
}

/**
 * Who a strategy's bots belong to: its owner, whoever starts or stops it. The bot services check
 * ownership by user id, and the caller's strategy permission has been checked already.
 */
export function actingAsOwner(
  principal: AuthenticatedPrincipal,
  strategy: Pick<StrategyWithAccess, 'userId'>,
): AuthenticatedPrincipal {
  return { ...principal, userId: strategy.userId };
}

/** Refuses (404/403 as `authorizeStrategy`) unless the principal may read the strategy. */
export async function assertStrategyReadable(
  deps: Pick<ServiceDeps, 'db'>,
  principal: AuthenticatedPrincipal,
  strategyId: number,
): Promise<void> {
  await authorizeStrategy(deps.db.prisma, principal, strategyId, 'read');
}
