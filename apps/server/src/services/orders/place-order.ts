import { isDomainError } from '@tradewind/core';
import type { Order } from '@tradewind/db';
import type { OrderRequest, VenueOrder } from '@tradewind/engine';
import type { ServiceDeps } from '../../service-deps.ts';
import { clientOrderIdOf } from './client-order-id.ts';
import type { LiveTarget } from './live-target.ts';
import { orderStatusOf } from './order-status.ts';
import { syncOrderFills } from './sync-order-fills.ts';

type OrderDeps = Pick<ServiceDeps, 'db'>;

/**
 * Places one order of a LIVE bot. The order is written first (NEW, unconfirmed) under the
 * bot's next sequence and its deterministic client order id, then sent. When the answer is lost
 * (a timeout, a dropped connection) the exchange is asked for that client id before anything
 * else: an order it accepted is recorded, never placed again. An order the exchange refuses is
 * REJECTED with its reason. Its fills are recorded (once each). Returns the stored order;
 * rejects with PROVIDER_ERROR only when the exchange cannot say whether it has the order (the
 * row stays unconfirmed for reconciliation).
 */
export async function placeOrder(
  deps: OrderDeps,
  target: LiveTarget,
  request: Omit<OrderRequest, 'clientOrderId'>,
  reason: string,
): Promise<Order> {
  const row = await deps.db.prisma.$transaction(async (tx) => {
    const { orderSequence } = await tx.bot.update({
      where: { id: target.botId },
      data: { orderSequence: { increment: 1 } },
      select: { orderSequence: true },
    });
    return tx.order.create({
      data: {
        botId: target.botId,
        accountId: target.accountId,
        sequence: orderSequence,
        clientOrderId: clientOrderIdOf(target.botId, orderSequence),
        symbol: request.symbol,
        side: request.side,
        type: request.type,
        quantity: request.quantity,
        price: request.price ?? null,
        reason,
      },
    });
  });
  let answer: VenueOrder | undefined;
  try {
    answer = await target.port.submitOrder({ ...request, clientOrderId: row.clientOrderId });
  } catch (error) {
    if (!isDomainError(error) || error.code === 'PROVIDER_ERROR') {
      // The answer is unknown: the exchange may have the order. Ask by client id (this may
      // reject too: the row stays unconfirmed and reconciliation settles it).
      answer = await target.port.findOrder(row.symbol, row.clientOrderId);
      if (answer === undefined)
        return refuse(deps, row, 'not placed: the exchange has no such order');
    } else {
      return refuse(deps, row, error.message);
    }
  }
  return recordAnswer(deps, target, row, answer);
}

/** Stores the exchange's view of an order and the fills it reports for it. */
export async function recordAnswer(
  deps: OrderDeps,
  target: LiveTarget,
  row: Order,
  answer: VenueOrder,
): Promise<Order> {
  const updated = await deps.db.prisma.order.update({
    where: { id: row.id },
    data: {
      exchangeOrderId: answer.id,
      status: orderStatusOf(answer),
      filled: answer.filled,
      confirmed: true,
    },
  });
  if (answer.filled > 0) await syncOrderFills(deps, target, [updated], answer.time - 1);
  return updated;
}

function refuse(deps: OrderDeps, row: Order, message: string): Promise<Order> {
  return deps.db.prisma.order.update({
    where: { id: row.id },
    data: { status: 'REJECTED', error: message.slice(0, 500), confirmed: true },
  });
}
