import type { StrategyContext } from './strategy.ts';

/**
 * Buys the sized entry quantity when flat with nothing pending. Returns whether it ordered.
 * The long-only built-ins express their rules through this and {@link exitLong}.
 */
export function enterLong(context: StrategyContext, referencePrice: number): boolean {
  const { broker, symbol } = context;
  if (broker.positionQuantity(symbol) !== 0 || broker.hasPendingOrder(symbol)) return false;
  const quantity = context.entryQuantity(referencePrice);
  if (!(quantity > 0)) return false;
  broker.submitMarketOrder(symbol, 'BUY', quantity);
  return true;
}

/** Sells the whole position when long with nothing pending. Returns whether it ordered. */
export function exitLong(context: StrategyContext): boolean {
  const { broker, symbol } = context;
  const quantity = broker.positionQuantity(symbol);
  if (quantity <= 0 || broker.hasPendingOrder(symbol)) return false;
  broker.submitMarketOrder(symbol, 'SELL', quantity);
  return true;
}
