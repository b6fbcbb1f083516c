import {
  type AuthenticatedPrincipal,
  type GroupDetail,
  type GroupHistory,
  type GroupMetrics,
  type GroupPerformance,
  roundMoney,
  type ZGroupHistoryInput,
  type ZGroupListInput,
  type ZGroupRangeInput,
} from '@tradewind/core';
import type { Database } from '@tradewind/db';
import type { z } from 'zod';
import { maxDrawdownPercent } from '../accounts/account-queries.ts';
import { GROUP_INCLUDE, type GroupDeps, ownedGroup, toGroupSummary } from './group-access.ts';
import { drawdownNow, groupEquitySeries, periodStart } from './group-equity.ts';

const DAY_MS = 86_400_000;

/** The caller's groups, oldest first, a page at a time. */
export async function listGroups(
  deps: Pick<GroupDeps, 'db'>,
  principal: AuthenticatedPrincipal,
  input: z.output<typeof ZGroupListInput>,
) {
  const where = { userId: principal.userId };
  const [total, rows] = await Promise.all([
    deps.db.prisma.accountGroup.count({ where }),
    deps.db.prisma.accountGroup.findMany({
      where,
      include: GROUP_INCLUDE,
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      skip: input.offset,
      take: input.limit,
    }),
  ]);
  return { groups: rows.map(toGroupSummary), total, offset: input.offset, limit: input.limit };
}

function groupAccounts(prisma: Database['prisma'], groupId: string) {
  return prisma.account.findMany({
    where: { groupId },
    orderBy: { createdAt: 'asc' },
    select: {
      id: true,
      exchange: true,
      credentialsEncrypted: true,
      keysValid: true,
      lastSyncAt: true,
      balance: true,
      equity: true,
      valuationCurrency: true,
    },
  });
}
type GroupAccount = Awaited<ReturnType<typeof groupAccounts>>[number];

function connection(account: GroupAccount) {
  const paper = account.credentialsEncrypted === null;
  return {
    accountId: account.id,
    exchange: account.exchange,
    status:
      paper || account.keysValid === true
        ? ('connected' as const)
        : account.keysValid === false
          ? ('invalid_keys' as const)
          : ('unchecked' as const),
    lastSyncAt: account.lastSyncAt?.toISOString() ?? null,
  };
}

/** Date-only range bounds: the start of `startDate` to the end of `endDate`, UTC. */
function dayRange(input: { startDate?: string; endDate?: string }, createdAt: Date, now: Date) {
  const start = input.startDate ? new Date(`${input.startDate}T00:00:00.000Z`) : createdAt;
  const end = input.endDate
    ? new Date(Date.parse(`${input.endDate}T00:00:00.000Z`) + DAY_MS - 1)
    : now;
  return { start, end };
}

async function performanceOf(
  deps: Pick<GroupDeps, 'db'>,
  accounts: readonly GroupAccount[],
  range: { start: Date; end: Date },
): Promise<GroupPerformance> {
  const ids = accounts.map((account) => account.id);
  const [points, closed] = await Promise.all([
    groupEquitySeries(deps.db.prisma, ids, range),
    deps.db.prisma.tradingPosition.aggregate({
      where: { accountId: { in: ids }, closedAt: { gte: range.start, lte: range.end } },
      _count: { _all: true },
      _sum: { pnl: true },
    }),
  ]);
  const startEquity = points[0]?.equity ?? null;
  const endEquity = points.at(-1)?.equity ?? null;
  const pnl =
    startEquity !== null && endEquity !== null ? roundMoney(endEquity - startEquity) : null;
  return {
    currency: accounts.find((account) => account.valuationCurrency)?.valuationCurrency ?? null,
    startEquity,
    endEquity,
    pnl,
    pnlPercent: pnl !== null && startEquity ? (pnl / startEquity) * 100 : null,
    maxDrawdownPercent: maxDrawdownPercent(points.map((point) => point.equity)),
    closedPositions: closed._count._all,
    realizedPnl: closed._sum.pnl?.toNumber() ?? 0,
    period: { start: range.start.toISOString(), end: range.end.toISOString() },
  };
}

/** Seed 001's group detail: members, performance since creation, each account's connection. */
export async function getGroup(
  deps: Pick<GroupDeps, 'db' | 'now'>,
  principal: AuthenticatedPrincipal,
  id: string,
): Promise<GroupDetail> {
  const row = await ownedGroup(deps.db.prisma, principal, id);
  const accounts = await groupAccounts(deps.db.prisma, id);
  return {
    ...toGroupSummary(row),
    performance: await performanceOf(deps, accounts, { start: row.createdAt, end: deps.now() }),
    websocketStatus: { accounts: accounts.map(connection) },
  };
}

export async function groupPerformance(
  deps: Pick<GroupDeps, 'db' | 'now'>,
  principal: AuthenticatedPrincipal,
  input: z.output<typeof ZGroupRangeInput>,
): Promise<GroupPerformance> {
  const row = await ownedGroup(deps.db.prisma, principal, input.id);
  const accounts = await groupAccounts(deps.db.prisma, input.id);
  return performanceOf(deps, accounts, dayRange(input, row.createdAt, deps.now()));
}

/** Current figures: drawdown against the limits, connections, balances. */
export async function groupMetrics(
  deps: Pick<GroupDeps, 'db'>,
  principal: AuthenticatedPrincipal,
  id: string,
): Promise<GroupMetrics> {
  const row = await ownedGroup(deps.db.prisma, principal, id);
  const accounts = await groupAccounts(deps.db.prisma, id);
  const ids = accounts.map((account) => account.id);
  const [points, openPositions] = await Promise.all([
    groupEquitySeries(deps.db.prisma, ids),
    deps.db.prisma.tradingPosition.count({ where: { accountId: { in: ids }, closedAt: null } }),
  ]);
  const connections = accounts.map(connection);
  const summary = toGroupSummary(row);
  return {
    riskMetrics: {
      ...drawdownNow(points),
      maxDrawdown: summary.maxDrawdown,
      riskLimit: summary.riskLimit,
      halted: row.haltedAt !== null,
      openPositions,
    },
    websocketHealth: {
      connected: connections.filter((entry) => entry.status === 'connected').length,
      total: connections.length,
      accounts: connections,
    },
    balanceStatus: {
      currency: accounts.find((account) => account.valuationCurrency)?.valuationCurrency ?? null,
      totalBalance: roundMoney(accounts.reduce((sum, a) => sum + (a.balance?.toNumber() ?? 0), 0)),
      totalEquity: roundMoney(accounts.reduce((sum, a) => sum + (a.equity?.toNumber() ?? 0), 0)),
      accounts: accounts.map((account) => ({
        accountId: account.id,
        balance: account.balance?.toNumber() ?? null,
        equity: account.equity?.toNumber() ?? null,
        lastSyncAt: account.lastSyncAt?.toISOString() ?? null,
      })),
    },
  };
}

/** Equity per day, week or month: each period's last value against the one before it. */
export async function groupHistory(
  deps: Pick<GroupDeps, 'db' | 'now'>,
  principal: AuthenticatedPrincipal,
  input: z.output<typeof ZGroupHistoryInput>,
): Promise<GroupHistory> {
  const row = await ownedGroup(deps.db.prisma, principal, input.id);
  const range = dayRange(input, row.createdAt, deps.now());
  const accounts = await groupAccounts(deps.db.prisma, input.id);
  const points = await groupEquitySeries(
    deps.db.prisma,
    accounts.map((account) => account.id),
    range,
  );
  const periods = new Map<string, { first: number; last: number }>();
  for (const point of points) {
    const key = periodStart(point.time, input.interval);
    const entry = periods.get(key);
    if (entry) entry.last = point.equity;
    else periods.set(key, { first: point.equity, last: point.equity });
  }
  let previous: number | undefined;
  const history = [...periods].map(([period, { first, last }]) => {
    const startEquity = previous ?? first;
    previous = last;
    const pnl = roundMoney(last - startEquity);
    return {
      period,
      startEquity,
      endEquity: last,
      pnl,
      pnlPercent: startEquity ? (pnl / startEquity) * 100 : null,
    };
  });
  return {
    history,
    interval: input.interval,
    period: { start: range.start.toISOString(), end: range.end.toISOString() },
  };
}
