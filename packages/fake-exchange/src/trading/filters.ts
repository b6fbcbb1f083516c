import { BinanceError } from '../binance/binance-error.ts';
import type { SymbolConfig } from '../options.ts';

function filterFailure(filter: string): BinanceError {
  return new BinanceError(400, -1013, `Filter failure: ${filter}`);
}

/** Whether `value` is a whole number of `increment`s (within float noise). */
function onGrid(value: number, increment: number): boolean {
  const steps = value / increment;
  return Math.abs(steps - Math.round(steps)) < 1e-8;
}

/**
 * Binance's symbol filters on a new order: PRICE_FILTER (tick and range), LOT_SIZE (step and
 * range) and NOTIONAL (price times quantity at least `minNotional`, market orders at the
 * current price). Each failure is -1013 "Filter failure: <FILTER>".
 */
export function checkFilters(
  config: SymbolConfig,
  quantity: number,
  price: number,
  limit: boolean,
) {
  if (limit && (price < config.tickSize || !onGrid(price, config.tickSize))) {
    throw filterFailure('PRICE_FILTER');
  }
  const minQty = config.minQty ?? config.stepSize;
  if (quantity < minQty || quantity > config.maxQty || !onGrid(quantity, config.stepSize)) {
    throw filterFailure('LOT_SIZE');
  }
  if (quantity * price < config.minNotional) throw filterFailure('NOTIONAL');
}
