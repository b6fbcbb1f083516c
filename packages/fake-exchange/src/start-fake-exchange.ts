import Fastify from 'fastify';
import { createControl, type FakeExchangeControl } from './control/control.ts';
import { mountControlApi } from './control/mount-control-api.ts';
import type { Exchange } from './exchange.ts';
import { FaultStore } from './faults/fault-store.ts';
import { WeightLimiter } from './limits/weight-limiter.ts';
import { createMarket } from './market/create-market.ts';
import { type FakeExchangeOptions, ZFakeExchangeOptions } from './options.ts';
import { account, apiRestrictions, capitalConfig } from './routes/account-endpoints.ts';
import {
  coinMarginedFuturesInfo,
  isolatedMarginPairs,
  marginPairs,
  usdMarginedFuturesInfo,
} from './routes/derivatives-endpoints.ts';
import { exchangeInfo, ping, time } from './routes/general-endpoints.ts';
import { klines, ticker24hr, tickerPrice } from './routes/market-endpoints.ts';
import {
  allOrders,
  cancelOpenOrders,
  cancelOrder,
  myTrades,
  newOrder,
  openOrders,
  queryOrder,
} from './routes/order-endpoints.ts';
import { mountEndpoint } from './server/mount-endpoint.ts';
import { RequestLog } from './server/request-log.ts';
import { createAccounts } from './trading/account.ts';
import { OrderBook } from './trading/order-book.ts';

const ENDPOINTS = [
  ping,
  time,
  exchangeInfo,
  klines,
  tickerPrice,
  ticker24hr,
  account,
  apiRestrictions,
  capitalConfig,
  marginPairs,
  isolatedMarginPairs,
  usdMarginedFuturesInfo,
  coinMarginedFuturesInfo,
  newOrder,
  queryOrder,
  cancelOrder,
  cancelOpenOrders,
  openOrders,
  allOrders,
  myTrades,
];

export type FakeExchange = {
  /** Base URL, e.g. `http://127.0.0.1:9400` (Binance paths such as /api/v3/ping below it). */
  readonly url: string;
  /** Faults, permissions, balances and limits, changed while the server runs. */
  readonly control: FakeExchangeControl;
  close(): Promise<void>;
};

/**
 * Starts a fake Binance spot exchange on `options.port` (0: any free port).
 * @throws ZodError naming the option when the options are invalid.
 */
export async function startFakeExchange(options: FakeExchangeOptions = {}): Promise<FakeExchange> {
  const resolved = ZFakeExchangeOptions.parse(options);
  const now = resolved.now ?? Date.now;
  const symbols = new Map(
    resolved.symbols.map((config) => [
      config.symbol,
      { config, market: createMarket(config, resolved.seed) },
    ]),
  );
  const accounts = createAccounts(resolved.accounts, now());
  const exchange: Exchange = {
    options: resolved,
    symbols,
    accounts,
    orders: new OrderBook(accounts, symbols, resolved.feeRate),
    faults: new FaultStore(),
    limiter: resolved.limits === false ? undefined : new WeightLimiter(resolved.limits),
    requests: new RequestLog(),
    now,
  };
  for (const fault of resolved.faults) exchange.faults.add(fault);

  const app = Fastify({ logger: false, forceCloseConnections: true });
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string' },
    (_request, body, done) => done(null, body),
  );
  for (const endpoint of ENDPOINTS) mountEndpoint(app, exchange, endpoint);
  const control = createControl(exchange);
  if (resolved.controlApi) mountControlApi(app, control);
  await app.listen({ port: resolved.port, host: resolved.host });
  const address = app.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : resolved.port;
  const host = resolved.host.includes(':') ? `[${resolved.host}]` : resolved.host;
  return {
    url: `http://${host}:${port}`,
    control,
    close: async () => {
      await app.close();
    },
  };
}
