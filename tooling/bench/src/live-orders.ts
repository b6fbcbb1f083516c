/**
 * LIVE orders against the fake exchange (issue 17): (1) orders per second through the ccxt
 * execution port a LIVE bot sends through (the fake's weight limits off; ccxt's own limiter on,
 * as in production), (2) reconciliation on start: a server taking over 100 LIVE bots with 10
 * open orders each, from its start until every bot has its reconciliation report.
 */
import { openDatabase } from '@tradewind/db';
import { startFakeExchange } from '@tradewind/fake-exchange';
import { createTradewindClient } from '@tradewind/sdk';
import { loadConfig, startServer } from '@tradewind/server';
import { createVenues } from '@tradewind/venues';
import { formatNumber } from './stats.ts';

const BOTS = Number(process.env.BENCH_LIVE_BOTS ?? 100);
const OPEN_ORDERS = Number(process.env.BENCH_LIVE_OPEN_ORDERS ?? 10);
const MARKET_ORDERS = Number(process.env.BENCH_LIVE_MARKET_ORDERS ?? 300);
const KEY = { apiKey: 'bench-live-key-0a1b2c', secret: 'bench-live-SECRET-9f8e7d6c' };
const SYMBOL = 'BTC/USDT';

console.log('## LIVE orders through the fake exchange: orders/s and reconciliation on start\n');

const fake = await startFakeExchange({
  seed: 3,
  limits: false,
  accounts: [{ ...KEY, balances: { USDT: 10_000_000, BTC: 100 }, canWithdraw: false }],
});
const venueSettings = {
  urlOverrides: { binance: fake.url },
  extraExchanges: [],
  allowPrivateUrls: true,
};
const port = createVenues(venueSettings).execution({ exchangeId: 'binance', credentials: KEY });
const db = await openDatabase({ dataDir: 'memory://' });
const config = (runner: boolean) => ({
  ...loadConfig({
    NODE_ENV: 'test',
    PORT: '0',
    LOG_LEVEL: 'silent',
    RATE_LIMIT_SCALE: '1000',
    BOT_RUNNER_ENABLED: runner ? 'true' : 'false',
    SIMULATOR_BAR_MS: '50',
  }),
  venues: venueSettings,
});

try {
  // (1) Market orders, one after another, through the port.
  await port.submitOrder({ symbol: SYMBOL, side: 'BUY', type: 'market', quantity: 0.001 });
  let started = performance.now();
  for (let i = 0; i < MARKET_ORDERS; i++) {
    const side = i % 2 === 0 ? 'SELL' : 'BUY';
    await port.submitOrder({
      symbol: SYMBOL,
      side,
      type: 'market',
      quantity: 0.001,
      clientOrderId: `bench-m-${i}`,
    });
  }
  const marketSeconds = (performance.now() - started) / 1000;

  // (2) Seed: one keyed account, BOTS LIVE bots, OPEN_ORDERS resting orders each (ours by id).
  const seeding = await startServer(config(false), { database: db });
  let accountId: string;
  let userId: string;
  try {
    const anonymous = createTradewindClient({ url: seeding.url });
    const login = await anonymous.auth.register.mutate({
      email: 'bench-live@example.com',
      password: 'correct horse battery 42',
      firstName: 'Bench',
    });
    userId = login.user.id;
    const client = createTradewindClient({
      url: seeding.url,
      headers: () => ({ authorization: `Bearer ${login.accessToken}` }),
    });
    const account = await client.accounts.create.mutate({
      exchange: 'binance',
      apiKey: KEY.apiKey,
      apiSecret: KEY.secret,
    });
    accountId = account.accountId;
    await client.live.setAccountLimits.mutate({
      accountId,
      maxOrderNotional: 1e6,
      maxOpenExposure: 1e9,
    });
  } finally {
    await seeding.close();
  }
  const { last } = await createVenues(venueSettings)
    .client({ exchangeId: 'binance' })
    .fetchTicker(SYMBOL);
  const price = Math.round(last * 0.5);
  started = performance.now();
  for (let b = 0; b < BOTS; b++) {
    const bot = await db.prisma.bot.create({
      data: {
        userId,
        name: `live ${b}`,
        status: 'ACTIVE',
        mode: 'LIVE',
        strategy: 'MovingAverage',
        symbols: [SYMBOL],
        feed: 'binance',
        initialCash: 10_000,
        currentCash: 10_000,
        accountId,
        orderSequence: OPEN_ORDERS,
        startTime: new Date(),
      },
    });
    for (let n = 1; n <= OPEN_ORDERS; n++) {
      const clientOrderId = `tw-${bot.id}-${n}`;
      const order = await port.submitOrder({
        symbol: SYMBOL,
        side: 'BUY',
        type: 'limit',
        quantity: 0.001,
        price,
        clientOrderId,
      });
      await db.prisma.order.create({
        data: {
          botId: bot.id,
          accountId,
          sequence: n,
          clientOrderId,
          exchangeOrderId: order.id,
          symbol: SYMBOL,
          side: 'BUY',
          type: 'limit',
          quantity: 0.001,
          price,
          confirmed: true,
        },
      });
    }
  }
  const limitSeconds = (performance.now() - started) / 1000;
  const limitOrders = BOTS * OPEN_ORDERS;

  // (3) A server starts and takes the bots over: time until every bot is reconciled.
  started = performance.now();
  const taking = await startServer(config(true), { database: db });
  const serverUp = (performance.now() - started) / 1000;
  let reports = 0;
  try {
    const deadline = Date.now() + 30 * 60_000;
    while (reports < BOTS && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      reports = await db.prisma.reconcileReport.count();
    }
  } finally {
    await taking.close();
  }
  const reconcileSeconds = (performance.now() - started) / 1000;
  const adopted = (await db.prisma.reconcileReport.findMany()).reduce(
    (sum, row) => sum + (row.report as { adoptedOrders: unknown[] }).adoptedOrders.length,
    0,
  );

  console.log('| measure | count | total (s) | per second |');
  console.log('| --- | ---: | ---: | ---: |');
  console.log(
    `| market orders through the ccxt execution port, one after another | ${formatNumber(MARKET_ORDERS)} | ${marketSeconds.toFixed(2)} | ${formatNumber(Math.round(MARKET_ORDERS / marketSeconds))} orders/s |`,
  );
  console.log(
    `| resting limit orders placed + stored (seeding) | ${formatNumber(limitOrders)} | ${limitSeconds.toFixed(2)} | ${formatNumber(Math.round(limitOrders / limitSeconds))} orders/s |`,
  );
  console.log(
    `| reconciliation on start: ${BOTS} LIVE bots x ${OPEN_ORDERS} open orders (server start to the last report) | ${reports} reports, ${formatNumber(adopted)} orders adopted | ${reconcileSeconds.toFixed(2)} | ${((reconcileSeconds / Math.max(reports, 1)) * 1000).toFixed(0)} ms per bot |`,
  );
  console.log(
    `\nOne key, so one ccxt instance and its limiter (Binance's \`rateLimit\` 50 ms, times each endpoint's cost) for every call; the fake's own weight limits are off. Seeding also writes each order row. Reconciling a bot asks the exchange for each of its orders by client id (10), its fills, its open orders and balances; the server start itself took ${serverUp.toFixed(2)} s. In-memory PGlite.`,
  );
} finally {
  await db.close();
  await fake.close();
}
