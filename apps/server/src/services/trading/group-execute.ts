import {
  type AuthenticatedPrincipal,
  DomainError,
  type Execution,
  type ZGroupExecuteInput,
} from '@tradewind/core';
import type { z } from 'zod';
import { ownedGroup } from '../groups/group-access.ts';
import { assertGroupMayOpen } from '../groups/group-risk.ts';
import { TRADING_ACCOUNT_SELECT, type TradingAccount, type TradingDeps } from './account-venue.ts';
import { executeOnAccounts } from './execute-on-accounts.ts';

/**
 * Leverage needs a derivatives market; Tradewind's exchange accounts trade spot (the venues
 * load spot markets only) and paper accounts are spot too, so leverage above 1 is refused
 * naming the first account, before anything is sent.
 */
export function refuseLeverage(leverage: number | undefined, accounts: readonly TradingAccount[]) {
  const [first] = accounts;
  if (leverage === undefined || leverage === 1 || first === undefined) return;
  throw new DomainError(
    'VALIDATION_ERROR',
    `leverage: account ${first.name} (${first.exchange}) trades spot, where there is no leverage; leave leverage out or set it to 1`,
    { field: 'leverage' },
  );
}

/** Seed 001 `POST /trading/group/{group_id}/execute`: the order on every account of the group. */
export async function executeForGroup(
  deps: TradingDeps,
  principal: AuthenticatedPrincipal,
  input: z.output<typeof ZGroupExecuteInput>,
): Promise<Execution> {
  const { groupId, idempotencyKey, ...order } = input;
  const group = await ownedGroup(deps.db.prisma, principal, groupId);
  const accounts = await deps.db.prisma.account.findMany({
    where: { groupId, userId: principal.userId },
    orderBy: { createdAt: 'asc' },
    select: TRADING_ACCOUNT_SELECT,
  });
  if (accounts.length === 0) {
    throw new DomainError('VALIDATION_ERROR', `groupId: group ${group.name} has no accounts`, {
      field: 'groupId',
    });
  }
  refuseLeverage(order.leverage, accounts);
  await assertGroupMayOpen(deps, group, order);
  return executeOnAccounts(deps, {
    userId: principal.userId,
    source: 'group',
    groupId,
    idempotencyKey,
    order,
    accounts,
  });
}
