import { type AuthenticatedPrincipal, DomainError, type GroupSummary } from '@tradewind/core';
import type { Database, Prisma } from '@tradewind/db';
import type { ServiceDeps } from '../../service-deps.ts';

export type GroupDeps = Pick<ServiceDeps, 'db' | 'now'>;

export const GROUP_INCLUDE = {
  accounts: { select: { id: true }, orderBy: { createdAt: 'asc' } },
} as const satisfies Prisma.AccountGroupInclude;
export type GroupRow = Prisma.AccountGroupGetPayload<{ include: typeof GROUP_INCLUDE }>;

type Reader = Pick<Database['prisma'], 'accountGroup'>;

/** Someone else's group answers exactly like a missing one. */
export async function ownedGroup(
  prisma: Reader,
  principal: AuthenticatedPrincipal,
  id: string,
): Promise<GroupRow> {
  const row = await prisma.accountGroup.findFirst({
    where: { id, userId: principal.userId },
    include: GROUP_INCLUDE,
  });
  if (row === null) throw new DomainError('NOT_FOUND', `Group ${id} not found`, { id });
  return row;
}

const percent = (value: Prisma.Decimal | null): number | null =>
  value === null ? null : value.toNumber();

export function toGroupSummary(row: GroupRow): GroupSummary {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    accounts: row.accounts.map((account) => account.id),
    maxDrawdown: percent(row.maxDrawdown),
    targetMonthlyRoi: percent(row.targetMonthlyRoi),
    riskLimit: percent(row.riskLimit),
    haltedAt: row.haltedAt?.toISOString() ?? null,
    haltReason: row.haltReason,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/**
 * The ids among `accountIds` that are not the caller's accounts (missing and someone else's
 * alike), so a request naming one is refused before anything changes.
 */
export async function foreignAccounts(
  prisma: Pick<Database['prisma'], 'account'>,
  principal: AuthenticatedPrincipal,
  accountIds: readonly string[],
): Promise<string[]> {
  if (accountIds.length === 0) return [];
  const owned = await prisma.account.findMany({
    where: { id: { in: [...accountIds] }, userId: principal.userId },
    select: { id: true },
  });
  const ids = new Set(owned.map((account) => account.id));
  return accountIds.filter((id) => !ids.has(id));
}

/** NOT_FOUND naming the first account that is not the caller's. */
export async function requireOwnAccounts(
  prisma: Pick<Database['prisma'], 'account'>,
  principal: AuthenticatedPrincipal,
  accountIds: readonly string[],
): Promise<void> {
  const [missing] = await foreignAccounts(prisma, principal, accountIds);
  if (missing !== undefined) {
    throw new DomainError('NOT_FOUND', `accounts: account ${missing} not found`, {
      field: 'accounts',
      id: missing,
    });
  }
}
