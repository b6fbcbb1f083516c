import type { OrderSide } from './order.ts';

/**
 * One execution (the domain's Trade). Money is float64, unrounded: the database layer rounds
 * to its Decimal scale when it stores a fill.
 */
export type Fill = {
  readonly orderId: number;
  readonly symbol: string;
  readonly side: OrderSide;
  readonly quantity: number;
  /** Execution price: the bar's open moved by slippage against the trade. */
  readonly price: number;
  /** Commission: `commissionRate * quantity * price`, paid from cash. */
  readonly fee: number;
  /**
   * Profit realised by a closing (sell) fill on an average-cost basis, net of this fill's fee and
   * of the entry fees carried in the cost basis; 0 for opening fills.
   */
  readonly realizedPnl: number;
  /** Time (epoch ms) of the bar at whose open the order filled. */
  readonly time: number;
  /** Position quantity after this fill. */
  readonly positionAfter: number;
  /** Cash after this fill. */
  readonly cashAfter: number;
};
