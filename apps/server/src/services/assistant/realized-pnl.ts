import { roundMoney } from '@tradewind/core';
import type { ServiceDeps } from '../../service-deps.ts';

/** Monday 00:00 UTC of the week `now` falls in (ISO weeks start on Monday). */
export function startOfUtcWeek(now: Date): Date {
  const midnight = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const daysSinceMonday = (now.getUTCDay() + 6) % 7;
  return new Date(midnight - daysSinceMonday * 24 * 60 * 60_000);
}

/**
 * Realized PnL of the user's fills executed since `since` (wall clock), as `system.tradingStatus`
 * sums its `dailyPnl` from midnight UTC.
 */
export async function realizedPnlSince(
  deps: Pick<ServiceDeps, 'db'>,
  userId: string,
  since: Date,
): Promise<number> {
  const sum = await deps.db.prisma.trade.aggregate({
    where: { bot: { userId }, executedAt: { gte: since } },
    _sum: { pnl: true },
  });
  return roundMoney(Number(sum._sum.pnl ?? 0));
}
