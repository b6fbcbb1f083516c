import type { Endpoint } from '../binance/endpoint.ts';
import { decimal } from '../binance/format.ts';
import type { ListedSymbol } from '../listed-symbol.ts';
import { roundTo } from '../market/round-to.ts';
import { selectedSymbols } from './selected-symbols.ts';

function filters({ config }: ListedSymbol) {
  return [
    {
      filterType: 'PRICE_FILTER',
      minPrice: decimal(config.tickSize),
      maxPrice: decimal(roundTo(config.price * 1000, config.tickSize)),
      tickSize: decimal(config.tickSize),
    },
    {
      filterType: 'LOT_SIZE',
      minQty: decimal(config.minQty ?? config.stepSize),
      maxQty: decimal(config.maxQty),
      stepSize: decimal(config.stepSize),
    },
    {
      filterType: 'NOTIONAL',
      minNotional: decimal(config.minNotional),
      applyMinToMarket: true,
      maxNotional: decimal(9_000_000),
      applyMaxToMarket: false,
      avgPriceMins: 5,
    },
  ];
}

function symbolInfo(listed: ListedSymbol) {
  const { config } = listed;
  return {
    symbol: config.symbol,
    status: 'TRADING',
    baseAsset: config.baseAsset,
    baseAssetPrecision: 8,
    quoteAsset: config.quoteAsset,
    quotePrecision: 8,
    quoteAssetPrecision: 8,
    baseCommissionPrecision: 8,
    quoteCommissionPrecision: 8,
    orderTypes: ['LIMIT', 'MARKET'],
    icebergAllowed: false,
    ocoAllowed: false,
    otoAllowed: false,
    quoteOrderQtyMarketAllowed: true,
    allowTrailingStop: false,
    cancelReplaceAllowed: false,
    isSpotTradingAllowed: true,
    isMarginTradingAllowed: false,
    filters: filters(listed),
    permissions: [],
    permissionSets: [['SPOT']],
    defaultSelfTradePreventionMode: 'NONE',
    allowedSelfTradePreventionModes: ['NONE'],
  };
}

export const ping: Endpoint = {
  method: 'GET',
  path: '/api/v3/ping',
  weight: 1,
  security: 'none',
  handle: () => ({}),
};

export const time: Endpoint = {
  method: 'GET',
  path: '/api/v3/time',
  weight: 1,
  security: 'none',
  handle: ({ now }) => ({ serverTime: now }),
};

export const exchangeInfo: Endpoint = {
  method: 'GET',
  path: '/api/v3/exchangeInfo',
  weight: 20,
  security: 'none',
  handle: ({ params, now }, exchange) => ({
    timezone: 'UTC',
    serverTime: now,
    rateLimits: [
      {
        rateLimitType: 'REQUEST_WEIGHT',
        interval: 'MINUTE',
        intervalNum: 1,
        limit: exchange.limiter === undefined ? 6000 : exchange.limiter.weightPerMinute,
      },
    ],
    exchangeFilters: [],
    symbols: selectedSymbols(exchange, params).map(symbolInfo),
  }),
};
