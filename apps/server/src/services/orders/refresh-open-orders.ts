import type { Order } from '@tradewind/db';
import type { ServiceDeps } from '../../service-deps.ts';
import type { LiveTarget } from './live-target.ts';
import { orderStatusOf } from './order-status.ts';
import { syncOrderFills } from './sync-order-fills.ts';

/**
 * Asks the exchange about the bot's orders that are open or whose answer was lost (by client
 * order id), stores what it says (an order it never received is REJECTED, never re-sent), and
 * records their new fills. Returns the orders as refreshed.
 */
export async function refreshOpenOrders(
  deps: Pick<ServiceDeps, 'db'>,
  target: LiveTarget,
): Promise<Order[]> {
  const { prisma } = deps.db;
  const open = await prisma.order.findMany({
    where: {
      botId: target.botId,
      OR: [{ confirmed: false }, { status: { in: ['NEW', 'PARTIALLY_FILLED'] } }],
    },
  });
  const refreshed: Order[] = [];
  for (const order of open) {
    const answer = await target.port.findOrder(order.symbol, order.clientOrderId);
    refreshed.push(
      await prisma.order.update({
        where: { id: order.id },
        data:
          answer === undefined
            ? {
                status: 'REJECTED',
                error: 'not placed: the exchange has no such order',
                confirmed: true,
              }
            : {
                exchangeOrderId: answer.id,
                status: orderStatusOf(answer),
                filled: answer.filled,
                confirmed: true,
              },
      }),
    );
  }
  await syncOrderFills(deps, target, refreshed);
  return refreshed;
}
