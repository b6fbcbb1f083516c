import { type AuthenticatedPrincipal, DomainError } from '@tradewind/core';
import type { AccountDeps } from './account-deps.ts';
import { ACCOUNT_INCLUDE, type AccountRow } from './account-mapping.ts';

/** Someone else's account answers exactly like a missing one. */
export async function ownedAccount(
  deps: Pick<AccountDeps, 'db'>,
  principal: AuthenticatedPrincipal,
  id: string,
): Promise<AccountRow> {
  const row = await deps.db.prisma.account.findFirst({
    where: { id, userId: principal.userId },
    include: ACCOUNT_INCLUDE,
  });
  if (row === null) throw new DomainError('NOT_FOUND', `Account ${id} not found`, { id });
  return row;
}

/** The currency a user's balances are valued in (their profile's, USD by default). */
export async function userCurrency(
  deps: Pick<AccountDeps, 'db'>,
  principal: AuthenticatedPrincipal,
): Promise<string> {
  const user = await deps.db.prisma.user.findUnique({
    where: { id: principal.userId },
    select: { currency: true },
  });
  return (user?.currency ?? 'USD').toUpperCase();
}
