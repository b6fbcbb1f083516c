/**
 * Backtests as server jobs in one server process: the time from submitting a 5-year daily NVDA
 * backtest to its COMPLETED state (one at a time), jobs per second with 20 submitted at once
 * (BACKTEST_CONCURRENCY, default 2), bars per second of one long simulator job, and how
 * responsive the server stays while the jobs run: the event loop's worst delay and system.ping
 * latency. On embedded PGlite, or on PostgreSQL when DATABASE_URL is set. (PGlite runs every
 * query on the main thread, so submitting 20 jobs at once stalls the loop there by itself; the
 * responsiveness figures are taken after the submissions, while the worker threads run.)
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { openDatabase } from '@tradewind/db';
import { percentileOfSorted } from '@tradewind/engine';
import { createTradewindClient, type TradewindClient } from '@tradewind/sdk';
import { loadConfig, startServer } from '@tradewind/server';
import { readOhlcv } from '@tradewind/testing';
import { formatNumber, summarize } from './stats.ts';

type RunInput = Parameters<TradewindClient['backtests']['run']['mutate']>[0];
const p99 = (values: number[]) =>
  percentileOfSorted(
    [...values].sort((a, b) => a - b),
    99,
  );

const NVDA = readOhlcv('nvda-1999-2014.txt');
const FIVE_YEARS = {
  strategy: { type: 'builtin', name: 'MovingAverage', params: { fast: 10, slow: 30 } },
  data: {
    source: 'candles',
    symbols: ['NVDA'],
    timeframe: '1d',
    start: '2005-01-01T00:00:00Z',
    end: '2009-12-31T23:59:59Z',
  },
  sizing: { type: 'fixed', quantity: 100 },
  commission: 0.001,
} satisfies RunInput;

async function completed(client: TradewindClient, backtestId: number): Promise<number> {
  for (;;) {
    const job = await client.backtests.get.query({ backtestId });
    if (job.status === 'COMPLETED') return job.totalBars;
    if (job.status !== 'QUEUED' && job.status !== 'RUNNING') {
      throw new Error(`backtest ${backtestId} ended ${job.status}: ${job.error}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const databaseUrl = process.env.DATABASE_URL;
const db = await openDatabase(databaseUrl ? { databaseUrl } : { dataDir: 'memory://' });
console.log(`backtest jobs on ${databaseUrl ? 'PostgreSQL' : 'embedded PGlite'}`);
const server = await startServer(
  {
    ...loadConfig({ NODE_ENV: 'test', PORT: '0', LOG_LEVEL: 'silent' }),
    botRunnerEnabled: false,
    rateLimitScale: 1_000_000,
  },
  { database: db },
);
try {
  const { accessToken } = await createTradewindClient({ url: server.url }).auth.register.mutate({
    email: 'bench@example.com',
    password: 'correct horse 42',
    firstName: 'Bench',
  });
  const client = createTradewindClient({
    url: server.url,
    headers: () => ({ authorization: `Bearer ${accessToken}` }),
  });
  await client.market.import.mutate({ symbol: 'NVDA', csv: NVDA });

  const latencies: number[] = [];
  for (let i = 0; i < 6; i++) {
    const started = performance.now();
    const { id } = await client.backtests.run.mutate(FIVE_YEARS);
    await completed(client, id);
    if (i > 0) latencies.push(performance.now() - started); // the first warms the caches
  }
  console.log(
    `5-year daily backtest, submit to COMPLETED: median ${formatNumber(summarize(latencies).median)} ms, max ${formatNumber(summarize(latencies).max)} ms`,
  );

  const burstStarted = performance.now();
  const ids = await Promise.all(
    Array.from({ length: 20 }, () => client.backtests.run.mutate(FIVE_YEARS).then((job) => job.id)),
  );
  const submitMs = performance.now() - burstStarted;
  const loop = monitorEventLoopDelay({ resolution: 5 });
  const pings: number[] = [];
  let pinging = true;
  const pinger = (async () => {
    while (pinging) {
      const started = performance.now();
      await client.system.ping.query();
      pings.push(performance.now() - started);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  })();
  loop.enable();
  for (const id of ids) await completed(client, id);
  const burstSeconds = (performance.now() - burstStarted) / 1000;
  loop.disable();
  pinging = false;
  await pinger;
  console.log(
    `20 jobs at once (concurrency ${server.deps.config.backtests.concurrency}): submitted in ${formatNumber(submitMs)} ms, all completed at ${formatNumber(20 / burstSeconds, 1)} jobs/s`,
  );
  console.log(
    `  while they ran: event loop delay p99 ${formatNumber(loop.percentile(99) / 1e6, 1)} ms, max ${formatNumber(loop.max / 1e6, 1)} ms; system.ping median ${formatNumber(summarize(pings).median, 1)} ms, p99 ${formatNumber(p99(pings), 1)} ms (${pings.length} pings)`,
  );

  const longStarted = performance.now();
  const long = await client.backtests.run.mutate({
    ...FIVE_YEARS,
    data: {
      source: 'simulator',
      symbols: ['SIM'],
      timeframe: '15m',
      start: '2020-01-01T00:00:00Z',
      end: '2029-12-31T00:00:00Z',
    },
  });
  const bars = await completed(client, long.id);
  const longSeconds = (performance.now() - longStarted) / 1000;
  console.log(
    `one simulator job of ${formatNumber(bars)} 15m bars: ${formatNumber(longSeconds)} s end to end, ${formatNumber(bars / longSeconds)} bars/s`,
  );
} finally {
  await server.close();
  await db.close();
}
