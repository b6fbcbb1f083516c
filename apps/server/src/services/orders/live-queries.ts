import {
  type AccountLimits,
  type AuthenticatedPrincipal,
  canAccessOwnedResource,
  DomainError,
  type LiveOrder,
  type ReconcileReport,
} from '@tradewind/core';
import type { ServiceDeps } from '../../service-deps.ts';
import { botNotFound } from '../bots/bot-transaction.ts';

type Deps = Pick<ServiceDeps, 'db'>;

async function assertOwnBot(deps: Deps, principal: AuthenticatedPrincipal, botId: number) {
  const bot = await deps.db.prisma.bot.findUnique({
    where: { id: botId },
    select: { userId: true },
  });
  if (bot === null || !canAccessOwnedResource(principal, bot.userId)) throw botNotFound(botId);
}

/** Sets a keyed account's LIVE limits (the caller's own account; someone else's is NOT_FOUND). */
export async function setAccountLimits(
  deps: Deps,
  principal: AuthenticatedPrincipal,
  input: { accountId: string; maxOrderNotional: number; maxOpenExposure: number },
): Promise<AccountLimits> {
  const updated = await deps.db.prisma.account.updateMany({
    where: { id: input.accountId, userId: principal.userId },
    data: { maxOrderNotional: input.maxOrderNotional, maxOpenExposure: input.maxOpenExposure },
  });
  if (updated.count !== 1) throw new DomainError('NOT_FOUND', 'Account not found');
  return { ...input };
}

/** A LIVE bot's orders, oldest first, each with the exchange's fills. */
export async function listLiveOrders(
  deps: Deps,
  principal: AuthenticatedPrincipal,
  botId: number,
): Promise<{ orders: LiveOrder[] }> {
  await assertOwnBot(deps, principal, botId);
  const rows = await deps.db.prisma.order.findMany({
    where: { botId },
    orderBy: { sequence: 'asc' },
    include: { fills: { orderBy: { time: 'asc' } } },
  });
  return {
    orders: rows.map((row) => ({
      sequence: row.sequence,
      clientOrderId: row.clientOrderId,
      exchangeOrderId: row.exchangeOrderId,
      symbol: row.symbol,
      side: row.side,
      type: row.type,
      quantity: Number(row.quantity),
      price: row.price === null ? null : Number(row.price),
      filled: Number(row.filled),
      status: row.status,
      reason: row.reason,
      error: row.error,
      createdAt: row.createdAt.toISOString(),
      fills: row.fills.map((fill) => ({
        exchangeFillId: fill.exchangeFillId,
        quantity: Number(fill.quantity),
        price: Number(fill.price),
        fee: Number(fill.fee),
        feeCurrency: fill.feeCurrency,
        time: fill.time.toISOString(),
      })),
    })),
  };
}

/** A LIVE bot's reconciliation reports, newest first. */
export async function reconcileReports(
  deps: Deps,
  principal: AuthenticatedPrincipal,
  botId: number,
): Promise<{ reports: ReconcileReport[] }> {
  await assertOwnBot(deps, principal, botId);
  const rows = await deps.db.prisma.reconcileReport.findMany({
    where: { botId },
    orderBy: { id: 'desc' },
    take: 50,
  });
  return {
    reports: rows.map((row) => ({
      ...(row.report as Omit<ReconcileReport, 'createdAt' | 'owner'>),
      owner: row.owner,
      createdAt: row.createdAt.toISOString(),
    })),
  };
}
