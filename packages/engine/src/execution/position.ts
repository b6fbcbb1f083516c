/** A position as the broker sees it, marked at the symbol's last close. */
export type Position = {
  readonly symbol: string;
  readonly quantity: number;
  /** Quantity-weighted average fill price of the open quantity, fees excluded. */
  readonly averagePrice: number;
  /** What the open quantity cost, entry fees included (the average-cost basis). */
  readonly costBasis: number;
  /** Last close seen for the symbol; NaN before its first bar. */
  readonly lastPrice: number;
  /** `quantity * lastPrice`. */
  readonly marketValue: number;
  /** `marketValue - costBasis`: what closing at the last close would realise before exit fees. */
  readonly unrealizedPnl: number;
};
