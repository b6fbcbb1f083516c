/** What the closed round trips say, independent of the equity curve. */
export type TradeStatistics = {
  /** Closed round trips. */
  readonly totalTrades: number;
  /** Trips with `pnl > 0`; `losingTrades` have `pnl < 0`; break-even trips are in neither. */
  readonly winningTrades: number;
  readonly losingTrades: number;
  /** `winningTrades / totalTrades`, a fraction; `null` with no trades. */
  readonly winRate: number | null;
  /** Gross profit / gross loss (`Σ pnl>0 / |Σ pnl<0|`); `null` when nothing was lost. */
  readonly profitFactor: number | null;
  readonly grossProfit: number;
  /** Positive magnitude of the summed losses. */
  readonly grossLoss: number;
  /** Mean pnl of winning trips; `null` without any. */
  readonly averageWin: number | null;
  /** Mean pnl of losing trips, negative; `null` without any. */
  readonly averageLoss: number | null;
  readonly largestWin: number | null;
  /** Most negative pnl of a trip; `null` without losing trips. */
  readonly largestLoss: number | null;
};

/** Win/loss statistics over the pnl of closed round trips (net of fees). */
export function tradeStatistics(pnls: ArrayLike<number>): TradeStatistics {
  let winning = 0;
  let losing = 0;
  let grossProfit = 0;
  let grossLoss = 0;
  let largestWin = Number.NEGATIVE_INFINITY;
  let largestLoss = Number.POSITIVE_INFINITY;
  for (let i = 0; i < pnls.length; i++) {
    const pnl = pnls[i] as number;
    if (pnl > 0) {
      winning++;
      grossProfit += pnl;
      largestWin = Math.max(largestWin, pnl);
    } else if (pnl < 0) {
      losing++;
      grossLoss -= pnl;
      largestLoss = Math.min(largestLoss, pnl);
    }
  }
  const total = pnls.length;
  return {
    totalTrades: total,
    winningTrades: winning,
    losingTrades: losing,
    winRate: total === 0 ? null : winning / total,
    profitFactor: grossLoss > 0 ? grossProfit / grossLoss : null,
    grossProfit,
    grossLoss,
    averageWin: winning === 0 ? null : grossProfit / winning,
    averageLoss: losing === 0 ? null : -grossLoss / losing,
    largestWin: winning === 0 ? null : largestWin,
    largestLoss: losing === 0 ? null : largestLoss,
  };
}
