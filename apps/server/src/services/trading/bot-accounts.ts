import type { ZBotAccountSummary, ZBotTermination } from '@tradewind/core';
import {
  type AuthenticatedPrincipal,
  type BotAccountPerformance,
  DomainError,
} from '@tradewind/core';
import type { z } from 'zod';
import { ownedAccount } from '../accounts/account-access.ts';
import { assertBotVisible } from '../bots/bot-transaction.ts';
import { periodStart } from '../groups/group-equity.ts';
import { terminateAccount } from './account-positions.ts';
import { TRADING_ACCOUNT_SELECT, type TradingDeps } from './account-venue.ts';

/** Seed 001 `POST /bots/{bot_id}/connect-account`: the bot's signals trade on the account too. */
export async function connectAccount(
  deps: Pick<TradingDeps, 'db'>,
  principal: AuthenticatedPrincipal,
  input: { botId: number; accountId: string },
) {
  await assertBotVisible(deps.db.prisma, principal, input.botId);
  await ownedAccount(deps, principal, input.accountId);
  await deps.db.prisma.botAccount.upsert({
    where: { botId_accountId: input },
    create: input,
    update: {},
  });
  return { success: true as const, message: 'Account connected' };
}

/** Seed 001 `POST /bots/{bot_id}/disconnect-account`; NOT_FOUND when it was not connected. */
export async function disconnectAccount(
  deps: Pick<TradingDeps, 'db'>,
  principal: AuthenticatedPrincipal,
  input: { botId: number; accountId: string },
) {
  await assertBotVisible(deps.db.prisma, principal, input.botId);
  const { count } = await deps.db.prisma.botAccount.deleteMany({ where: input });
  if (count === 0) {
    throw new DomainError(
      'NOT_FOUND',
      `accountId: account ${input.accountId} is not connected to bot ${input.botId}`,
      { field: 'accountId' },
    );
  }
  return { success: true as const, message: 'Account disconnected' };
}

function connections(deps: Pick<TradingDeps, 'db'>, botId: number) {
  return deps.db.prisma.botAccount.findMany({
    where: { botId },
    orderBy: { connectedAt: 'asc' },
    include: {
      account: {
        select: { ...TRADING_ACCOUNT_SELECT, balance: true, equity: true, keysValid: true },
      },
    },
  });
}

/** Seed 001 `GET /bots/{bot_id}/accounts`: balance and equity as of each account's last sync. */
export async function botAccounts(
  deps: Pick<TradingDeps, 'db'>,
  principal: AuthenticatedPrincipal,
  botId: number,
): Promise<Array<z.infer<typeof ZBotAccountSummary>>> {
  await assertBotVisible(deps.db.prisma, principal, botId);
  return (await connections(deps, botId)).map(({ account, connectedAt }) => ({
    id: account.id,
    name: account.name,
    exchange: account.exchange,
    balance: account.balance?.toNumber() ?? null,
    equity: account.equity?.toNumber() ?? null,
    isActive: account.keysValid !== false,
    connectedAt: connectedAt.toISOString(),
  }));
}

/**
 * Seed 001 `POST /bots/{bot_id}/terminate`: terminates every connected account (orders
 * cancelled, positions closed); an account with any error is not counted and its errors are
 * listed.
 */
export async function terminateBotAccounts(
  deps: TradingDeps,
  principal: AuthenticatedPrincipal,
  botId: number,
): Promise<z.infer<typeof ZBotTermination>> {
  await assertBotVisible(deps.db.prisma, principal, botId);
  const terminations = await Promise.all(
    (await connections(deps, botId)).map(({ account }) => terminateAccount(deps, account)),
  );
  const errors = terminations.flatMap((termination) => termination.errors);
  return {
    success: errors.length === 0,
    terminatedAccounts: terminations.filter((termination) => termination.success).length,
    terminatedPositions: terminations.reduce((sum, t) => sum + t.terminatedPositions, 0),
    cancelledOrders: terminations.reduce((sum, t) => sum + t.cancelledOrders, 0),
    errors,
  };
}

type Period = { period: string; trades: number; pnl: number; fee: number };

function buckets(
  positions: ReadonlyArray<{ closedAt: Date; pnl: number; fee: number }>,
  interval: 'day' | 'week' | 'month',
): Period[] {
  const byPeriod = new Map<string, Period>();
  for (const position of positions) {
    const period = periodStart(position.closedAt, interval);
    const entry = byPeriod.get(period) ?? { period, trades: 0, pnl: 0, fee: 0 };
    entry.trades++;
    entry.pnl += position.pnl;
    entry.fee += position.fee;
    byPeriod.set(period, entry);
  }
  return [...byPeriod.values()].sort((a, b) => a.period.localeCompare(b.period));
}

/**
 * Seed 001 `GET /bots/{bot_id}/performance`: the positions the bot's signals opened on its
 * accounts, closed ones by day, ISO week and month, overall and per account.
 */
export async function botAccountPerformance(
  deps: Pick<TradingDeps, 'db'>,
  principal: AuthenticatedPrincipal,
  botId: number,
): Promise<BotAccountPerformance> {
  await assertBotVisible(deps.db.prisma, principal, botId);
  const rows = await deps.db.prisma.tradingPosition.findMany({
    where: { botId },
    select: { accountId: true, closedAt: true, pnl: true, fee: true },
  });
  const closed = rows.flatMap((row) =>
    row.closedAt
      ? [
          {
            accountId: row.accountId,
            closedAt: row.closedAt,
            pnl: row.pnl.toNumber(),
            fee: row.fee.toNumber(),
          },
        ]
      : [],
  );
  const accounts: BotAccountPerformance['accounts'] = {};
  for (const accountId of new Set(rows.map((row) => row.accountId))) {
    const own = closed.filter((row) => row.accountId === accountId);
    accounts[accountId] = {
      closedPositions: own.length,
      openPositions: rows.filter((row) => row.accountId === accountId && !row.closedAt).length,
      pnl: own.reduce((sum, row) => sum + row.pnl, 0),
      fee: own.reduce((sum, row) => sum + row.fee, 0),
      daily: buckets(own, 'day'),
      weekly: buckets(own, 'week'),
      monthly: buckets(own, 'month'),
    };
  }
  return {
    botId,
    daily: buckets(closed, 'day'),
    weekly: buckets(closed, 'week'),
    monthly: buckets(closed, 'month'),
    accounts,
  };
}
