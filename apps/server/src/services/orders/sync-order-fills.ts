import type { Order } from '@tradewind/db';
import type { ServiceDeps } from '../../service-deps.ts';
import type { LiveTarget } from './live-target.ts';

/**
 * Records the exchange's fills of `orders` (all of one bot, any symbols) that are not stored
 * yet: each exchange fill once (unique per account and exchange fill id), with its price,
 * quantity, fee and fee currency as the exchange reported them. `since`: the earliest fill time
 * to ask for (epoch ms, the exchange's clock), or all the exchange returns. Returns how many
 * fills were new.
 */
export async function syncOrderFills(
  deps: Pick<ServiceDeps, 'db'>,
  target: LiveTarget,
  orders: readonly Order[],
  since?: number,
): Promise<number> {
  const byExchangeId = new Map(
    orders.filter((order) => order.exchangeOrderId !== null).map((o) => [o.exchangeOrderId, o]),
  );
  if (byExchangeId.size === 0) return 0;
  const symbols = [...new Set(orders.map((order) => order.symbol))];
  const rows = [];
  for (const symbol of symbols) {
    for (const fill of await target.port.fills(symbol, since)) {
      const order = byExchangeId.get(fill.orderId);
      if (order === undefined) continue;
      rows.push({
        orderId: order.id,
        botId: target.botId,
        accountId: target.accountId,
        exchangeFillId: fill.id,
        quantity: fill.quantity,
        price: fill.price,
        fee: fill.fee,
        feeCurrency: fill.feeCurrency,
        time: new Date(fill.time),
      });
    }
  }
  if (rows.length === 0) return 0;
  const { count } = await deps.db.prisma.orderFill.createMany({ data: rows, skipDuplicates: true });
  return count;
}
