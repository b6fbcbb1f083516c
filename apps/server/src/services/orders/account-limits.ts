import type { OrderSide } from '@tradewind/engine';
import type { ServiceDeps } from '../../service-deps.ts';

/** A LIVE account's limits, in the quote currency. */
export type AccountLimits = { maxOrderNotional: number; maxOpenExposure: number };

/**
 * Why an order of `notional` would break the account's limits, or undefined when it may be
 * sent. A buy adds to the open exposure: every open position of the account's bots at cost,
 * plus their open buy orders' remaining notional (priced orders; market orders fill at once).
 */
export async function limitProblem(
  deps: Pick<ServiceDeps, 'db'>,
  accountId: string,
  limits: AccountLimits,
  side: OrderSide,
  notional: number,
): Promise<string | undefined> {
  if (notional > limits.maxOrderNotional) {
    return `notional ${notional} is above the account's maxOrderNotional ${limits.maxOrderNotional}`;
  }
  if (side === 'SELL') return undefined;
  const { prisma } = deps.db;
  const [positions, orders] = await Promise.all([
    prisma.position.findMany({
      where: { closedAt: null, bot: { accountId, mode: 'LIVE' } },
      select: { quantity: true, averagePrice: true },
    }),
    prisma.order.findMany({
      where: { accountId, side: 'BUY', status: { in: ['NEW', 'PARTIALLY_FILLED'] } },
      select: { quantity: true, filled: true, price: true },
    }),
  ]);
  let exposure = 0;
  for (const p of positions) exposure += Number(p.quantity) * Number(p.averagePrice);
  for (const o of orders)
    exposure += (Number(o.quantity) - Number(o.filled)) * Number(o.price ?? 0);
  if (exposure + notional > limits.maxOpenExposure) {
    return `open exposure ${Number((exposure + notional).toPrecision(10))} would pass the account's maxOpenExposure ${limits.maxOpenExposure}`;
  }
  return undefined;
}
