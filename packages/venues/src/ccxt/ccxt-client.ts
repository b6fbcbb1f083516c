import { DomainError } from '@tradewind/core';
import type { Exchange, OHLCV } from 'ccxt';
import type {
  Candle,
  ExchangeBalance,
  ExchangeClient,
  ExchangeCredentials,
  KeyPermissions,
  Ticker,
} from '../venue-types.ts';
import { toDomainError } from './ccxt-errors.ts';
import { readKeyPermissions } from './key-permissions.ts';
import type { RequestGate } from './request-gate.ts';

/** One shared ccxt instance (and so its limiter) and the gate that backs it off on 429/418. */
export type SharedExchange = { exchange: Exchange; gate: RequestGate };

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
  { exchange, gate }: SharedExchange,
  credentials: ExchangeCredentials | undefined,
): ExchangeClient {
  const id = exchange.id;
  const call = async <T>(work: () => Promise<T>): Promise<T> => {
    try {
      return await gate.run(work);
    } catch (error) {
      throw toDomainError(error, id, credentials);
    }
  };
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
      const balance = await fetchBalanceRaw();
      const totals = (balance.total ?? {}) as unknown as Record<string, number | undefined>;
      const free = (balance.free ?? {}) as unknown as Record<string, number | undefined>;
      const used = (balance.used ?? {}) as unknown as Record<string, number | undefined>;
      return Object.keys(totals)
        .map((currency) => ({
          currency,
          free: Number(free[currency] ?? 0),
          used: Number(used[currency] ?? 0),
          total: Number(totals[currency] ?? 0),
        }))
        .filter((row) => row.total !== 0 || row.free !== 0 || row.used !== 0)
        .sort((a, b) => a.currency.localeCompare(b.currency));
    },
    async fetchKeyPermissions(): Promise<KeyPermissions> {
      needCredentials('checking key permissions');
      const balance = await fetchBalanceRaw();
      return call(() => readKeyPermissions(exchange, balance.info));
    },
    async listSymbols() {
      const markets = await call(() => exchange.loadMarkets());
      return Object.values(markets)
        .flatMap((market) => (market?.spot && market.active !== false ? [market.symbol] : []))
        .sort();
    },
  };
}
