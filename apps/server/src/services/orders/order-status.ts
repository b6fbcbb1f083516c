import type { VenueOrder } from '@tradewind/engine';

/** The stored lifecycle of an order (orders.status). */
export type OrderStatus =
  | 'NEW'
  | 'PARTIALLY_FILLED'
  | 'FILLED'
  | 'CANCELED'
  | 'REJECTED'
  | 'EXPIRED';

/** An exchange's view of an order as our lifecycle status. */
export function orderStatusOf(order: Pick<VenueOrder, 'status' | 'filled'>): OrderStatus {
  switch (order.status) {
    case 'open':
      return order.filled > 0 ? 'PARTIALLY_FILLED' : 'NEW';
    case 'closed':
      return 'FILLED';
    case 'canceled':
      return 'CANCELED';
    case 'expired':
      return 'EXPIRED';
    default:
      return 'REJECTED';
  }
}

/** Statuses after which an order changes no more. */
export const FINAL_STATUSES: readonly OrderStatus[] = ['FILLED', 'CANCELED', 'REJECTED', 'EXPIRED'];
