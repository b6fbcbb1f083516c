/**
 * Paper bots in one process: N MovingAverage bots on the simulator at full speed (a 1 ms bar
 * pace, so the runner is always busy); reports the time to create the bots through the API and
 * for the runner to claim and warm them, bot-bars processed per second, the latency from a bar
 * falling due to its fills being committed (p50/p99), and memory per bot. On embedded PGlite,
 * and on PostgreSQL too when DATABASE_URL is set.
 */
import { type Database, openDatabase } from '@tradewind/db';
import { createTradewindClient } from '@tradewind/sdk';
import { loadConfig, startServer } from '@tradewind/server';
import { formatNumber } from './stats.ts';

const BOT_COUNTS = (process.env.BENCH_BOT_COUNTS ?? '10,100,1000').split(',').map(Number);
const MEASURE_MS = 10_000;

async function measure(botCount: number, databaseUrl: string | undefined) {
  const db = await openDatabase(databaseUrl ? { databaseUrl } : { dataDir: 'memory://' });
  const config = {
    ...loadConfig({ NODE_ENV: 'test', PORT: '0', LOG_LEVEL: 'silent' }),
    simulatorBarMs: 1,
    rateLimitScale: 1_000_000,
  };
  try {
    // The bots are created through the API with no runner busy on the database, then a second
    // server starts on it, as a restart would: it claims, warms up and runs all of them.
    const creator = await startServer({ ...config, botRunnerEnabled: false }, { database: db });
    let createSeconds: number;
    try {
      createSeconds = await createBots(creator.url, db, botCount);
    } finally {
      await creator.close();
    }
    global.gc?.();
    const heapBefore = process.memoryUsage().heapUsed;
    const starting = performance.now();
    const server = await startServer(config, { database: db });
    try {
      const runner = server.runner;
      if (runner === undefined) throw new Error('the bot runner is disabled');
      while (runner.heldBotIds().length < botCount || runner.barsProcessed < botCount) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      const warmSeconds = (performance.now() - starting) / 1000;
      global.gc?.();
      const heapPerBot = (process.memoryUsage().heapUsed - heapBefore) / botCount;
      const barsBefore = runner.barsProcessed;
      const fillsBefore = runner.fillLatency.count;
      const started = performance.now();
      await new Promise((resolve) => setTimeout(resolve, MEASURE_MS));
      const elapsed = (performance.now() - started) / 1000;
      return {
        createSeconds,
        warmSeconds,
        barsPerSecond: (runner.barsProcessed - barsBefore) / elapsed,
        heapPerBot,
        barsWithFills: runner.fillLatency.count - fillsBefore,
        p50: runner.fillLatency.percentile(50),
        p99: runner.fillLatency.percentile(99),
      };
    } finally {
      await server.close();
    }
  } finally {
    await db.close();
  }
}

/** Registers a trader allowed `botCount` bots and starts them one by one; returns the seconds. */
async function createBots(url: string, db: Database, botCount: number): Promise<number> {
  const anonymous = createTradewindClient({ url });
  const tokens = await anonymous.auth.register.mutate({
    email: `bench-${botCount}@example.com`,
    password: 'benchmark password 1',
    firstName: 'Bench',
  });
  await db.prisma.user.update({
    where: { id: tokens.user.id },
    data: { activeBotLimit: botCount },
  });
  const client = createTradewindClient({
    url,
    headers: () => ({ authorization: `Bearer ${tokens.accessToken}` }),
  });
  const started = performance.now();
  for (let index = 0; index < botCount; index++) {
    await client.bots.create.mutate({
      initialCash: 10_000,
      symbols: [`SYM${index % 20}`],
      strategy: 'MovingAverage',
      params: { fast: 5, slow: 20 },
    });
  }
  return (performance.now() - started) / 1000;
}

const targets: Array<[string, string | undefined]> = [['PGlite (in memory)', undefined]];
if (process.env.DATABASE_URL) targets.push(['PostgreSQL', process.env.DATABASE_URL]);

console.log(`## Paper bots in one process (${MEASURE_MS / 1000} s per run, 1 ms bar pace)\n`);
console.log(
  '| database | bots | create via API | start, claim + warm-up | bot-bars/s | bars with fills | bar→fill p50 | bar→fill p99 | heap per bot |',
);
console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const [name, url] of targets) {
  for (const botCount of BOT_COUNTS) {
    const result = await measure(botCount, url);
    console.log(
      `| ${name} | ${botCount} | ${result.createSeconds.toFixed(1)} s | ${result.warmSeconds.toFixed(1)} s | ${formatNumber(result.barsPerSecond)} | ${formatNumber(result.barsWithFills)} | ${result.p50.toFixed(1)} ms | ${result.p99.toFixed(1)} ms | ${formatNumber(result.heapPerBot / 1024)} KiB |`,
    );
  }
}
if (!process.env.DATABASE_URL) {
  console.log(
    '\nPostgreSQL: not measured (set DATABASE_URL, e.g. via tooling/scripts/with-postgres.sh).',
  );
}
console.log(
  '\nEach held bot advances one bar per runner tick: a bar with fills is its own transaction, the ' +
    "tick's quiet bars are written together; bot-bars/s is the process's ceiling: at the default " +
    '1 s pace one process keeps about that many bots on time. Latency runs from the tick that ' +
    'makes a bar due to the commit of its fills.',
);
