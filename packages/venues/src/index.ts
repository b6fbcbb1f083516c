export { ccxtMarketData } from './ccxt/ccxt-market-data.ts';
export { createVenues } from './ccxt/create-venues.ts';
export { assertCcxtIds, DEFAULT_EXCHANGE_IDS } from './ccxt/exchange-catalog.ts';
export { parseUrlOverrides } from './ccxt/url-overrides.ts';
export { instrumentsOf, type PaperExecution, paperExecution } from './paper/paper-execution.ts';
export { SIMULATION_ANCHOR_MS, SimulatedMarket } from './simulator/simulated-market.ts';
export { type SimulatedBars, simulatorMarketData } from './simulator/simulator-market-data.ts';
export type {
  BackoffSettings,
  Candle,
  ExchangeBalance,
  ExchangeClient,
  ExchangeConnection,
  ExchangeCredentials,
  ExchangeDescriptor,
  KeyPermissions,
  Ticker,
  VenueSettings,
  Venues,
} from './venue-types.ts';
