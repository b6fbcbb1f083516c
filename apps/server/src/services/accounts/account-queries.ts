import type {
  Account,
  AccountList,
  AccountPerformance,
  AuthenticatedPrincipal,
  ZAccountListInput,
  ZAccountPerformanceInput,
} from '@tradewind/core';
import type { z } from 'zod';
import { ownedAccount } from './account-access.ts';
import type { AccountDeps } from './account-deps.ts';
import { ACCOUNT_INCLUDE, toAccount } from './account-mapping.ts';

/** The caller's accounts, oldest first, a page at a time. */
export async function listAccounts(
  deps: Pick<AccountDeps, 'db'>,
  principal: AuthenticatedPrincipal,
  input: z.output<typeof ZAccountListInput>,
): Promise<AccountList> {
  const where = { userId: principal.userId };
  const [total, rows] = await Promise.all([
    deps.db.prisma.account.count({ where }),
    deps.db.prisma.account.findMany({
      where,
      include: ACCOUNT_INCLUDE,
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      skip: input.skip,
      take: input.limit,
    }),
  ]);
  return {
    accounts: rows.map(toAccount),
    pagination: { total, skip: input.skip, limit: input.limit },
  };
}

export async function getAccount(
  deps: Pick<AccountDeps, 'db'>,
  principal: AuthenticatedPrincipal,
  id: string,
): Promise<Account> {
  return toAccount(await ownedAccount(deps, principal, id));
}

/** Largest fall from a running peak, as a percent of that peak (0 when equity never fell). */
export function maxDrawdownPercent(equities: readonly number[]): number | null {
  if (equities.length === 0) return null;
  let peak = equities[0] ?? 0;
  let worst = 0;
  for (const equity of equities) {
    peak = Math.max(peak, equity);
    if (peak > 0) worst = Math.max(worst, ((peak - equity) / peak) * 100);
  }
  return worst;
}

/**
 * Seed 001 account performance over [startDate, endDate] (default: since the account was created):
 * equity change and drawdown from the balance syncs in the range, and the fills of bots on the
 * account with their realized PnL.
 */
export async function accountPerformance(
  deps: Pick<AccountDeps, 'db' | 'now'>,
  principal: AuthenticatedPrincipal,
  input: z.output<typeof ZAccountPerformanceInput>,
): Promise<AccountPerformance> {
  const account = await ownedAccount(deps, principal, input.id);
  const start = input.startDate ? new Date(input.startDate) : account.createdAt;
  const end = input.endDate ? new Date(input.endDate) : deps.now();
  const [snapshots, trades] = await Promise.all([
    deps.db.prisma.accountEquitySnapshot.findMany({
      where: { accountId: account.id, time: { gte: start, lte: end } },
      orderBy: { time: 'asc' },
    }),
    deps.db.prisma.trade.aggregate({
      where: { bot: { accountId: account.id }, executedAt: { gte: start, lte: end } },
      _count: { _all: true },
      _sum: { pnl: true },
    }),
  ]);
  const equities = snapshots.map((snapshot) => snapshot.equity.toNumber());
  const startEquity = equities[0] ?? null;
  const endEquity = equities.at(-1) ?? null;
  const pnl = startEquity !== null && endEquity !== null ? endEquity - startEquity : null;
  return {
    accountId: account.id,
    timeRange: { startDate: start.toISOString(), endDate: end.toISOString() },
    metrics: {
      currency: account.valuationCurrency,
      startEquity,
      endEquity,
      pnl,
      pnlPercent: pnl !== null && startEquity ? (pnl / startEquity) * 100 : null,
      maxDrawdownPercent: maxDrawdownPercent(equities),
      snapshots: snapshots.length,
      trades: trades._count._all,
      realizedPnl: trades._sum.pnl?.toNumber() ?? 0,
    },
  };
}
