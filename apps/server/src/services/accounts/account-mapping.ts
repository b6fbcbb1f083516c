import { type Account, type AssetBalance, PAPER_EXCHANGE, type Valuation } from '@tradewind/core';
import type { Prisma } from '@tradewind/db';

/** What one account is read with: its bots, their open positions, its first equity record. */
export const ACCOUNT_INCLUDE = {
  bots: {
    select: {
      id: true,
      name: true,
      status: true,
      totalPnl: true,
      positions: { where: { closedAt: null }, orderBy: { id: 'asc' } },
    },
    orderBy: { id: 'asc' },
  },
  snapshots: { orderBy: { time: 'asc' }, take: 1 },
} satisfies Prisma.AccountInclude;

export type AccountRow = Prisma.AccountGetPayload<{ include: typeof ACCOUNT_INCLUDE }>;

function numberOrNull(value: Prisma.Decimal | null): number | null {
  return value === null ? null : value.toNumber();
}

function iso(date: Date | null): string | null {
  return date?.toISOString() ?? null;
}

/** Seed 001's account view; the credentials column is read for `hasCredentials` only. */
export function toAccount(row: AccountRow): Account {
  const startEquity =
    numberOrNull(row.initialBalance) ?? numberOrNull(row.snapshots[0]?.equity ?? null);
  const equity = numberOrNull(row.equity);
  const pnl = startEquity !== null && equity !== null ? equity - startEquity : null;
  return {
    accountInfo: {
      id: row.id,
      name: row.name,
      exchange: row.exchange,
      isPaper: row.exchange === PAPER_EXCHANGE,
      isTestnet: row.isTestnet,
      hasCredentials: row.credentialsEncrypted !== null,
      keysValid: row.keysValid,
      keysCheckedAt: iso(row.keysCheckedAt),
      groupId: row.groupId,
      createdAt: row.createdAt.toISOString(),
      updatedAt: row.updatedAt.toISOString(),
    },
    balances: {
      currency: row.valuationCurrency,
      balance: numberOrNull(row.balance),
      equity,
      assets: row.balances as AssetBalance[],
      valuation: (row.valuation as Valuation | null) ?? null,
      lastSyncAt: iso(row.lastSyncAt),
    },
    positions: row.bots.flatMap((bot) =>
      bot.positions.map((position) => {
        const quantity = position.quantity.toNumber();
        const averagePrice = position.averagePrice.toNumber();
        const lastPrice = position.lastPrice.toNumber();
        return {
          botId: bot.id,
          symbol: position.symbol,
          quantity,
          averagePrice,
          lastPrice,
          unrealizedPnl: (lastPrice - averagePrice) * quantity,
          openedAt: position.openedAt.toISOString(),
        };
      }),
    ),
    performance: {
      startEquity,
      equity,
      pnl,
      pnlPercent: pnl !== null && startEquity ? (pnl / startEquity) * 100 : null,
    },
    references: row.bots.map((bot) => ({
      type: 'bot' as const,
      id: bot.id,
      name: bot.name,
      status: bot.status,
    })),
  };
}
