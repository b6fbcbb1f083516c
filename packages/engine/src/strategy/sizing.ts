import type { Sizing } from '@tradewind/core';
import type { CostModel } from '../execution/broker.ts';

// How big an entry is: the contract's `ZSizing` (fixed quantity, or percent of equity in lots).
export { type Sizing, ZSizing } from '@tradewind/core';

/**
 * Quantity for a new entry.
 *
 * Percent of equity: `floor(equity * percent / 100 / unitCost / lot) * lot` with
 * `unitCost = price * (1 + slippage) * (1 + commission)`, so the fill's fee and slippage fit in
 * the budget at the reference price. The fill happens at the next open, so a gap up can still
 * make a 100 % order exceed cash; the broker then rejects it as `INSUFFICIENT_FUNDS`.
 */
export function entryQuantity(
  sizing: Sizing,
  equity: number,
  referencePrice: number,
  costs: CostModel,
): number {
  if (sizing.type === 'fixed') return sizing.quantity;
  const lot = sizing.lotSize ?? 1;
  const unitCost = referencePrice * (1 + costs.slippageRate) * (1 + costs.commissionRate);
  if (!(unitCost > 0) || !(equity > 0)) return 0;
  const lots = Math.floor((equity * sizing.percent) / 100 / unitCost / lot);
  // Fractional lots (0.001 BTC) multiply with float noise; 12 significant digits removes it.
  return lot === 1 ? lots : Number((lots * lot).toPrecision(12));
}
