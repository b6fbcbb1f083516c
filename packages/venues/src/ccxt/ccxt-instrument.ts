import type { Instrument } from '@tradewind/engine';
import ccxt, { type Exchange, type Market } from 'ccxt';

/**
 * A ccxt market's trading rules: the amount precision as a step (ccxt gives a tick size, or a
 * number of decimals on exchanges in DECIMAL_PLACES mode), the minimum amount and the minimum
 * cost (notional). Unknown limits count as none; a market without a precision has no step rule.
 */
export function instrumentOf(
  exchange: Exchange,
  market: Market | undefined,
): Instrument | undefined {
  if (market === undefined) return undefined;
  const precision = market.precision?.amount;
  if (precision === undefined || precision === null || !(Number(precision) > 0)) return undefined;
  const quantityStep =
    exchange.precisionMode === ccxt.DECIMAL_PLACES ? 10 ** -Number(precision) : Number(precision);
  return {
    quantityStep,
    minQuantity: Number(market.limits?.amount?.min ?? quantityStep),
    minNotional: Number(market.limits?.cost?.min ?? 0),
  };
}
