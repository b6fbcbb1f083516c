/**
 * Paper bots in one process: N MovingAverage bots on the simulator at full speed (a 1 ms bar
 * pace, so the runner is always busy); reports bot-bars processed per second, the time one
 * bot-bar takes (claim, strategy, one transaction), and memory per bot. On embedded PGlite, and
 * on PostgreSQL too when DATABASE_URL is set.
 */
import { openDatabase } from '@tradewind/db';
import { createTradewindClient } from '@tradewind/sdk';
import { loadConfig, startServer } from '@tradewind/server';
import { formatNumber } from './stats.ts';

const BOT_COUNTS = (process.env.BENCH_BOT_COUNTS ?? '10,100').split(',').map(Number);
const MEASURE_MS = 10_000;

async function measure(botCount: number, databaseUrl: string | undefined) {
  const db = await openDatabase(databaseUrl ? { databaseUrl } : { dataDir: 'memory://' });
  const config = {
    ...loadConfig({ NODE_ENV: 'test', PORT: '0', LOG_LEVEL: 'silent' }),
    simulatorBarMs: 1,
    rateLimitScale: 1_000_000,
  };
  const server = await startServer(config, { database: db });
  try {
    const anonymous = createTradewindClient({ url: server.url });
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
      url: server.url,
      headers: () => ({ authorization: `Bearer ${tokens.accessToken}` }),
    });
    global.gc?.();
    const heapBefore = process.memoryUsage().heapUsed;
    for (let index = 0; index < botCount; index++) {
      await client.bots.create.mutate({
        initialCash: 10_000,
        symbols: [`SYM${index % 20}`],
        strategy: 'MovingAverage',
        params: { fast: 5, slow: 20 },
      });
    }
    // Let every bot be claimed and warmed up before timing.
    while ((server.runner?.heldBotIds().length ?? 0) < botCount) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    global.gc?.();
    const heapPerBot = (process.memoryUsage().heapUsed - heapBefore) / botCount;
    const barsBefore = server.runner?.barsProcessed ?? 0;
    const started = performance.now();
    await new Promise((resolve) => setTimeout(resolve, MEASURE_MS));
    const elapsed = (performance.now() - started) / 1000;
    const bars = (server.runner?.barsProcessed ?? 0) - barsBefore;
    const trades = await db.prisma.trade.count();
    return { barsPerSecond: bars / elapsed, msPerBar: (elapsed * 1000) / bars, heapPerBot, trades };
  } finally {
    await server.close();
    await db.close();
  }
}

const targets: Array<[string, string | undefined]> = [['PGlite (in memory)', undefined]];
if (process.env.DATABASE_URL) targets.push(['PostgreSQL', process.env.DATABASE_URL]);

console.log(`## Paper bots in one process (${MEASURE_MS / 1000} s per run, 1 ms bar pace)\n`);
console.log('| database | bots | bot-bars/s | ms per bot-bar | heap per bot | trades written |');
console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
for (const [name, url] of targets) {
  for (const botCount of BOT_COUNTS) {
    const result = await measure(botCount, url);
    console.log(
      `| ${name} | ${botCount} | ${formatNumber(result.barsPerSecond)} | ${result.msPerBar.toFixed(2)} | ${formatNumber(result.heapPerBot / 1024)} KiB | ${formatNumber(result.trades)} |`,
    );
  }
}
if (!process.env.DATABASE_URL) {
  console.log(
    '\nPostgreSQL: not measured (set DATABASE_URL, e.g. via tooling/scripts/with-postgres.sh).',
  );
}
console.log(
  '\nEach held bot advances one bar per runner tick, one transaction per bot-bar, so bot-bars/s ' +
    "is the process's ceiling: at the default 1 s pace one process keeps about that many bots on time.",
);
