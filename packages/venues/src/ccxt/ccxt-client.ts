import { DomainError } from '@tradewind/core';
import type { Instrument } from '@tradewind/engine';
import type { OHLCV } from 'ccxt';
import type {
  Candle,
  ExchangeBalance,
  ExchangeClient,
  ExchangeCredentials,
  KeyPermissions,
  Ticker,
} from '../venue-types.ts';
import { balanceRows } from './ccxt-balances.ts';
import { callerFor, type SharedExchange } from './ccxt-call.ts';
import { instrumentOf } from './ccxt-instrument.ts';
import { readKeyPermissions } from './key-permissions.ts';

const toCandle = ([time, open, high, low, close, volume]: OHLCV): Candle => ({
  time: Number(time),
  open: Number(open),
  high: Number(high),
  low: Number(low),
  close: Number(close),
  volume: Number(volume ?? 0),
});

/** The ExchangeClient over a shared ccxt instance; every failure leaves as a DomainError. */
export function createCcxtClient(
  shared: SharedExchange,
  credentials: ExchangeCredentials | undefined,
): ExchangeClient {
  const { exchange } = shared;
  const id = exchange.id;
  const call = callerFor(shared, credentials);
  const needCredentials = (what: string) => {
    if (!credentials) {
      throw new DomainError('VALIDATION_ERROR', `credentials: ${what} needs API credentials`, {
        field: 'credentials',
        exchange: id,
      });
    }
  };
  const fetchBalanceRaw = () => call(() => exchange.fetchBalance());

  return {
    exchangeId: id,
    async ping() {
      const started = performance.now();
      await call<unknown>(() =>
        exchange.has.fetchTime ? exchange.fetchTime() : exchange.fetchMarkets(),
      );
      return { latencyMs: Math.round(performance.now() - started) };
    },
    async fetchCandles(symbol, timeframe, since, limit) {
      if (exchange.timeframes && !(timeframe in exchange.timeframes)) {
        throw new DomainError(
          'VALIDATION_ERROR',
          `timeframe: ${id} has no ${timeframe} candles; it has ${Object.keys(exchange.timeframes).join(', ')}`,
          { field: 'timeframe', exchange: id },
        );
      }
      const rows = await call(() => exchange.fetchOHLCV(symbol, timeframe, since, limit));
      return rows.map(toCandle);
    },
    async fetchTicker(symbol): Promise<Ticker> {
      const ticker = await call(() => exchange.fetchTicker(symbol));
      return {
        symbol: ticker.symbol ?? symbol,
        last: Number(ticker.last ?? ticker.close),
        time: ticker.timestamp ?? Date.now(),
      };
    },
    async fetchBalances(): Promise<ExchangeBalance[]> {
      needCredentials('fetching balances');
      return balanceRows(await fetchBalanceRaw());
    },
    async fetchKeyPermissions(): Promise<KeyPermissions> {
      needCredentials('checking key permissions');
      const balance = await fetchBalanceRaw();
      return call(() => readKeyPermissions(exchange, balance.info));
    },
    async fetchInstrument(symbol): Promise<Instrument | undefined> {
      const markets = await call(() => exchange.loadMarkets());
      return instrumentOf(exchange, markets[symbol]);
    },
    async listSymbols() {
      const markets = await call(() => exchange.loadMarkets());
      return Object.values(markets)
        .flatMap((market) => (market?.spot && market.active !== false ? [market.symbol] : []))
        .sort();
    },
  };
}
