/**
 * `system.status` calls per second through the SDK (tRPC over HTTP with batching, superjson,
 * output validation, two database counts) beside a bare Fastify route returning a constant of the
 * same shape, both served by the same process. The ratio is the cost of the whole stack.
 */
import { openDatabase } from '@tradewind/db';
import { createTradewindClient } from '@tradewind/sdk';
import { loadConfig, startServer } from '@tradewind/server';
import Fastify from 'fastify';
import { formatNumber } from './stats.ts';

const DURATION_MS = 5_000;
const CONCURRENCY_LEVELS = [1, 16];

/** Runs `call` from `concurrency` loops for `DURATION_MS`; returns completed calls per second. */
async function callsPerSecond(call: () => Promise<unknown>, concurrency: number): Promise<number> {
  const deadline = performance.now() + DURATION_MS;
  let completed = 0;
  const loop = async () => {
    while (performance.now() < deadline) {
      await call();
      completed++;
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, loop));
  return completed / ((performance.now() - started) / 1000);
}

const db = await openDatabase({ dataDir: 'memory://' });
const config = loadConfig({ NODE_ENV: 'test', PORT: '0', LOG_LEVEL: 'silent' });
const server = await startServer(config, { database: db });
const client = createTradewindClient({ url: server.url });
const sample = await client.system.status.query();

const bare = Fastify();
bare.get('/status', async () => sample);
const bareUrl = await bare.listen({ port: 0, host: '127.0.0.1' });

try {
  console.log(
    `## system.status through the SDK vs a bare Fastify route (${DURATION_MS / 1000} s each)\n`,
  );
  console.log(
    '| concurrency | SDK system.status (calls/s) | SDK system.ping, no database (calls/s) | bare Fastify + fetch (calls/s) | status / bare |',
  );
  console.log('| ---: | ---: | ---: | ---: | ---: |');
  for (const concurrency of CONCURRENCY_LEVELS) {
    const status = await callsPerSecond(() => client.system.status.query(), concurrency);
    const ping = await callsPerSecond(() => client.system.ping.query(), concurrency);
    const baseline = await callsPerSecond(
      () => fetch(`${bareUrl}/status`).then((response) => response.json()),
      concurrency,
    );
    console.log(
      `| ${concurrency} | ${formatNumber(status)} | ${formatNumber(ping)} | ${formatNumber(baseline)} | ${(status / baseline).toFixed(2)}x |`,
    );
  }
  console.log(
    '\n`system.ping` isolates the tRPC + SDK stack (no database); `system.status` adds one ' +
      'grouped count on the database (in-memory PGlite here). Client and servers share one ' +
      'process and its event loop, so each figure includes the client side too.',
  );
} finally {
  await bare.close();
  await server.close();
  await db.close();
}
