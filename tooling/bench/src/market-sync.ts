/**
 * Exchange market data: (1) candles synced per second by `market.sync` through the SDK into a
 * real server (embedded PGlite in memory) from the fake exchange with its weight limits off;
 * (2) requests per second the ccxt venue actually sends when callers ask as fast as they can,
 * against the fake with Binance's published budget (6,000 request weight a minute), and the
 * weight a minute that makes.
 */
import { openDatabase } from '@tradewind/db';
import { startFakeExchange } from '@tradewind/fake-exchange';
import { createTradewindClient } from '@tradewind/sdk';
import { loadConfig, startServer } from '@tradewind/server';
import { createVenues } from '@tradewind/venues';
import { formatNumber } from './stats.ts';

const BARS = Number(process.env.BENCH_SYNC_BARS ?? 20_000);
const FLOOD_SECONDS = Number(process.env.BENCH_FLOOD_SECONDS ?? 20);
const FLOOD_CALLERS = 8;
const BINANCE_WEIGHT_PER_MINUTE = 6_000;
/** The fake's weight of one klines request (Binance's for limit <= 1000 up to 2023: 2). */
const KLINES_WEIGHT = 2;
const HOUR = 3_600_000;
const SINCE = Date.parse('2024-01-01T00:00:00Z');

console.log(
  '## Exchange market data: market.sync and the ccxt limiter, against the fake exchange\n',
);

// (1) Sync throughput, exchange limits off (ccxt's own limiter stays on, as in production).
{
  const fake = await startFakeExchange({ seed: 1, limits: false });
  const db = await openDatabase({ dataDir: 'memory://' });
  const server = await startServer(
    {
      ...loadConfig({ NODE_ENV: 'test', PORT: '0', LOG_LEVEL: 'silent', RATE_LIMIT_SCALE: '1000' }),
      venues: { urlOverrides: { binance: fake.url }, extraExchanges: [], allowPrivateUrls: true },
    },
    { database: db },
  );
  try {
    const { accessToken } = await createTradewindClient({ url: server.url }).auth.register.mutate({
      email: 'bench@example.com',
      password: 'correct horse battery 42',
      firstName: 'Bench',
    });
    const client = createTradewindClient({
      url: server.url,
      subscriptions: 'websocket',
      headers: () => ({ authorization: `Bearer ${accessToken}` }),
    });
    const started = performance.now();
    const stored = await new Promise<number>((resolve, reject) => {
      const subscription = client.market.sync.subscribe(
        {
          exchange: 'binance',
          symbol: 'BTC/USDT',
          timeframe: '1h',
          since: '2024-01-01',
          until: new Date(SINCE + (BARS - 1) * HOUR).toISOString(),
        },
        {
          onData: (event) => {
            if (event.type !== 'done') return;
            subscription.unsubscribe();
            resolve(event.stored);
          },
          onError: reject,
        },
      );
    });
    const seconds = (performance.now() - started) / 1000;
    console.log('| sync | bars stored | pages | total (s) | candles/s |');
    console.log('| --- | ---: | ---: | ---: | ---: |');
    console.log(
      `| BTC/USDT 1h from 2024-01-01, limits off | ${formatNumber(stored)} | ${Math.ceil(stored / 1000)} | ${seconds.toFixed(2)} | ${formatNumber(Math.round(stored / seconds))} |`,
    );
  } finally {
    await server.close();
    await db.close();
    await fake.close();
  }
}

// (2) What the limiter lets out: callers sharing one key ask for pages as fast as they can.
{
  const fake = await startFakeExchange({ seed: 1 }); // Binance's budget: 6,000 weight a minute
  const venues = createVenues({
    urlOverrides: { binance: fake.url },
    extraExchanges: [],
    allowPrivateUrls: true,
  });
  const client = venues.client({ exchangeId: 'binance' });
  await client.listSymbols();
  let sent = 0;
  let failed = 0;
  const deadline = performance.now() + FLOOD_SECONDS * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: FLOOD_CALLERS }, async (_, caller) => {
      for (let page = 0; performance.now() < deadline; page += 1) {
        const since = SINCE + ((caller * 1000 + page) % 50_000) * HOUR;
        await client.fetchCandles('BTC/USDT', '1h', since, 1000).then(
          () => (sent += 1),
          () => (failed += 1),
        );
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const perSecond = sent / seconds;
  const weightPerMinute = perSecond * KLINES_WEIGHT * 60;
  console.log(
    '\n| limiter | callers | requests | refused | requests/s | weight/min sent | budget/min |',
  );
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
  console.log(
    `| ccxt binance, limits on | ${FLOOD_CALLERS} | ${formatNumber(sent)} | ${failed} | ${perSecond.toFixed(1)} | ${formatNumber(Math.round(weightPerMinute))} | ${formatNumber(BINANCE_WEIGHT_PER_MINUTE)} |`,
  );
  await fake.close();
}

console.log(
  '\nSync: one page (1,000 bars) per request and per insert; the ccxt limiter (on, as always) spaces klines requests. Limiter: every caller of one key shares one ccxt instance, so the rate is the limiter\'s whatever the number of callers; "refused" counts failed calls (429s the backoff could not absorb).',
);
