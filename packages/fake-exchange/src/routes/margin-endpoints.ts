import type { Endpoint } from '../binance/endpoint.ts';

// The fake trades spot only: no pair is marginable. ccxt's binance asks for these lists in
// loadMarkets whenever keys are set (its `fetchMargins` option, on by default).

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
