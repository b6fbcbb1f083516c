import type { Endpoint } from '../binance/endpoint.ts';
import { errors } from '../binance/errors.ts';
import { decimal } from '../binance/format.ts';
import type { ListedSymbol } from '../listed-symbol.ts';
import { findInterval } from '../market/intervals.ts';
import type { Kline } from '../market/market.ts';
import { namesSymbols, requiredSymbol, selectedSymbols } from './selected-symbols.ts';

const DAY = 86_400_000;
const MAX_KLINES = 1000;

function klineRow(kline: Kline): unknown[] {
  const quoteVolume = (kline.volume * (kline.open + kline.close)) / 2;
  return [
    kline.openTime,
    decimal(kline.open),
    decimal(kline.high),
    decimal(kline.low),
    decimal(kline.close),
    decimal(kline.volume),
    kline.closeTime,
    decimal(quoteVolume),
    kline.trades,
    decimal(kline.volume / 2),
    decimal(quoteVolume / 2),
    '0',
  ];
}

export const klines: Endpoint = {
  method: 'GET',
  path: '/api/v3/klines',
  weight: 2,
  security: 'none',
  handle: ({ params, now }, exchange) => {
    const listed = requiredSymbol(exchange, params);
    const interval = findInterval(params.requiredString('interval'));
    if (interval === undefined) throw errors.invalidInterval();
    const limit = params.integer('limit') ?? 500;
    if (limit < 1 || limit > MAX_KLINES) throw errors.invalidValue('limit');
    const startTime = params.integer('startTime');
    const endTime = Math.min(params.integer('endTime') ?? now, now);
    if (startTime !== undefined && startTime > endTime) return [];
    return listed.market.klines(interval, { startTime, endTime, limit, now }).map(klineRow);
  },
};

export const tickerPrice: Endpoint = {
  method: 'GET',
  path: '/api/v3/ticker/price',
  weight: (params) => (namesSymbols(params) ? 2 : 4),
  security: 'none',
  handle: ({ params, now }, exchange) => {
    const rows = selectedSymbols(exchange, params).map(({ config, market }) => ({
      symbol: config.symbol,
      price: decimal(market.price(now)),
    }));
    return params.string('symbol') === undefined ? rows : rows[0];
  },
};

/** Binance's rolling 24-hour statistics, from the hourly candles of the last day. */
function dayStatistics({ config, market }: ListedSymbol, now: number) {
  const hourly = findInterval('1h');
  if (hourly === undefined) throw errors.invalidInterval();
  const candles = market.klines(hourly, { startTime: now - DAY, endTime: now, limit: 25, now });
  const openPrice = candles[0]?.open ?? market.price(now - DAY);
  const lastPrice = market.price(now);
  const volume = candles.reduce((sum, candle) => sum + candle.volume, 0);
  const quoteVolume = candles.reduce(
    (sum, candle) => sum + (candle.volume * (candle.open + candle.close)) / 2,
    0,
  );
  const count = candles.reduce((sum, candle) => sum + candle.trades, 0);
  return {
    symbol: config.symbol,
    priceChange: decimal(lastPrice - openPrice),
    priceChangePercent: ((100 * (lastPrice - openPrice)) / openPrice).toFixed(3),
    weightedAvgPrice: decimal(volume > 0 ? quoteVolume / volume : lastPrice),
    prevClosePrice: decimal(openPrice),
    lastPrice: decimal(lastPrice),
    lastQty: decimal(config.stepSize),
    bidPrice: decimal(lastPrice - config.tickSize),
    bidQty: decimal(config.stepSize * 100),
    askPrice: decimal(lastPrice + config.tickSize),
    askQty: decimal(config.stepSize * 100),
    openPrice: decimal(openPrice),
    highPrice: decimal(Math.max(lastPrice, ...candles.map((candle) => candle.high))),
    lowPrice: decimal(Math.min(lastPrice, ...candles.map((candle) => candle.low))),
    volume: decimal(volume),
    quoteVolume: decimal(quoteVolume),
    openTime: now - DAY,
    closeTime: now,
    firstId: 0,
    lastId: count - 1,
    count,
  };
}

export const ticker24hr: Endpoint = {
  method: 'GET',
  path: '/api/v3/ticker/24hr',
  weight: (params) => (namesSymbols(params) ? 2 : 80),
  security: 'none',
  handle: ({ params, now }, exchange) => {
    const rows = selectedSymbols(exchange, params).map((listed) => dayStatistics(listed, now));
    return params.string('symbol') === undefined ? rows : rows[0];
  },
};
