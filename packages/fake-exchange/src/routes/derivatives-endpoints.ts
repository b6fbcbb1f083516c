import type { Endpoint } from '../binance/endpoint.ts';

// The fake trades spot only: no pair is marginable and no futures contract is listed. ccxt's
// binance asks for these in loadMarkets: the margin lists whenever keys are set (its
// `fetchMargins` option), the futures exchange info always (its default `fetchMarkets` types).

export const marginPairs: Endpoint = {
  method: 'GET',
  path: '/sapi/v1/margin/allPairs',
  weight: 1,
  security: 'signed',
  handle: () => [],
};

export const isolatedMarginPairs: Endpoint = {
  method: 'GET',
  path: '/sapi/v1/margin/isolated/allPairs',
  weight: 10,
  security: 'signed',
  handle: () => [],
};

/** Futures exchange info with no contracts, so ccxt's default `fetchMarkets` types all load. */
function emptyExchangeInfo(path: string): Endpoint {
  return {
    method: 'GET',
    path,
    weight: 1,
    security: 'none',
    handle: ({ now }) => ({
      timezone: 'UTC',
      serverTime: now,
      rateLimits: [],
      exchangeFilters: [],
      assets: [],
      symbols: [],
    }),
  };
}

export const usdMarginedFuturesInfo = emptyExchangeInfo('/fapi/v1/exchangeInfo');
export const coinMarginedFuturesInfo = emptyExchangeInfo('/dapi/v1/exchangeInfo');
