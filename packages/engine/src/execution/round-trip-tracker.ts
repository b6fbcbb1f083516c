import type { Fill } from './fill.ts';

/**
 * A closed round trip: a position opened from flat and closed back to flat, possibly over
 * several fills. `pnl` is net of every fee paid inside it.
 */
export type ClosedTrade = {
  readonly symbol: string;
  readonly entryTime: number;
  readonly exitTime: number;
  /** Total quantity bought during the trip. */
  readonly quantity: number;
  /** Quantity-weighted average buy price, fees excluded. */
  readonly entryPrice: number;
  /** Quantity-weighted average sell price, fees excluded. */
  readonly exitPrice: number;
  readonly fees: number;
  /** Sum of the trip's realised PnL: sell proceeds minus buy costs minus all fees. */
  readonly pnl: number;
  /** `pnl / total bought notional (fees included)`. */
  readonly returnPct: number;
  readonly fills: number;
};

type OpenTrip = {
  entryTime: number;
  bought: number;
  boughtNotional: number;
  sold: number;
  soldNotional: number;
  buyFees: number;
  fees: number;
  pnl: number;
  fills: number;
};

/**
 * Groups fills into round trips (flat → position → flat) per symbol. Win rate, profit factor
 * and Monte Carlo work on these, not on individual fills, so a position scaled out in two
 * sells counts as one trade.
 */
export class RoundTripTracker {
  /** Closed round trips in closing order. */
  readonly closedTrades: ClosedTrade[] = [];
  #open = new Map<string, OpenTrip>();

  /** Feeds one fill, in execution order. */
  record(fill: Fill): void {
    let trip = this.#open.get(fill.symbol);
    if (trip === undefined) {
      trip = {
        entryTime: fill.time,
        bought: 0,
        boughtNotional: 0,
        sold: 0,
        soldNotional: 0,
        buyFees: 0,
        fees: 0,
        pnl: 0,
        fills: 0,
      };
      this.#open.set(fill.symbol, trip);
    }
    const notional = fill.quantity * fill.price;
    if (fill.side === 'BUY') {
      trip.bought += fill.quantity;
      trip.boughtNotional += notional;
      trip.buyFees += fill.fee;
    } else {
      trip.sold += fill.quantity;
      trip.soldNotional += notional;
    }
    trip.fees += fill.fee;
    trip.pnl += fill.realizedPnl;
    trip.fills++;
    if (fill.positionAfter === 0) {
      this.#open.delete(fill.symbol);
      this.closedTrades.push(close(fill, trip));
    }
  }

  /** Symbols with a trip still open. */
  openSymbols(): string[] {
    return [...this.#open.keys()];
  }
}

function close(fill: Fill, trip: OpenTrip): ClosedTrade {
  return {
    symbol: fill.symbol,
    entryTime: trip.entryTime,
    exitTime: fill.time,
    quantity: trip.bought,
    entryPrice: trip.boughtNotional / trip.bought,
    exitPrice: trip.soldNotional / trip.sold,
    fees: trip.fees,
    pnl: trip.pnl,
    // Buy fees sit in the cost basis, so they are part of what the trip put at risk.
    returnPct: trip.pnl / (trip.boughtNotional + trip.buyFees),
    fills: trip.fills,
  };
}
