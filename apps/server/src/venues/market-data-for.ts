import { SIMULATOR_FEED } from '@tradewind/core';
import type { MarketDataPort } from '@tradewind/engine';
import { ccxtMarketData, simulatorMarketData } from '@tradewind/venues';
import { storedMarketData } from '../market/stored-market-data.ts';
import type { ServiceDeps } from '../service-deps.ts';

/**
 * The market data a bot's feed names: the simulator, or an exchange (any ccxt id the venues
 * list) through its shared client, behind the candles table.
 */
export function marketDataFor(
  deps: Pick<ServiceDeps, 'db' | 'market' | 'venues' | 'now'>,
  feed: string,
): MarketDataPort {
  if (feed === SIMULATOR_FEED) return simulatorMarketData(deps.market);
  const exchange = ccxtMarketData(deps.venues.client({ exchangeId: feed }), () =>
    deps.now().getTime(),
  );
  return storedMarketData(exchange, deps.db);
}
