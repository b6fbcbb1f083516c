export { createVenues } from './ccxt/create-venues.ts';
export { assertCcxtIds, DEFAULT_EXCHANGE_IDS } from './ccxt/exchange-catalog.ts';
export { parseUrlOverrides } from './ccxt/url-overrides.ts';
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
