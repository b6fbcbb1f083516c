import { z } from 'zod';
import type { CostModel } from '../execution/broker.ts';

/**
 * How big an entry is. `fixed`: always `quantity` units. `percent_of_equity`: `percent` % of
 * current equity, rounded down to a multiple of `lotSize` (default 1, whole shares).
 * Move to `@tradewind/core` contracts when bots and backtests expose it.
 */
export const ZSizing = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('fixed'), quantity: z.number().positive().finite() }),
  z.strictObject({
    type: z.literal('percent_of_equity'),
    percent: z.number().positive().max(100),
    lotSize: z.number().positive().finite().default(1),
  }),
]);

export type Sizing = z.input<typeof ZSizing>;

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
