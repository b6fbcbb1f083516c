/**
 * The enterprise REST `GET /api/enterprise/stats` (API key) and tRPC `performance.stats` (the
 * same key) beside a bare Fastify route answering a constant of the same shape, measured side by
 * side in one run: each server is its own process, the load comes from this one (50 concurrent
 * keep-alive loops over fetch, like autocannon's 50 connections). Embedded PGlite by default;
 * `BENCH_DATABASE_URL` runs the server on PostgreSQL instead.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createTradewindClient } from '@tradewind/sdk';
import { freePort } from '@tradewind/testing';
import { startBenchServer } from './bench-server.ts';
import { formatNumber, percentile } from './stats.ts';

const DURATION_MS = Number(process.env.BENCH_DURATION_MS ?? 10_000);
const CONNECTIONS = 50;
const ADMIN = 'bench-admin@example.com';

type Result = { perSecond: number; p50: number; p99: number; failed: number };

async function load(url: string, headers: Record<string, string>): Promise<Result> {
  const latencies: number[] = [];
  let failed = 0;
  const deadline = performance.now() + DURATION_MS;
  const loop = async () => {
    while (performance.now() < deadline) {
      const started = performance.now();
      const response = await fetch(url, { headers });
      await response.arrayBuffer();
      if (!response.ok) failed++;
      latencies.push(performance.now() - started);
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: CONNECTIONS }, loop));
  const seconds = (performance.now() - started) / 1000;
  return {
    perSecond: latencies.length / seconds,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    failed,
  };
}

/** A bare Fastify process answering `body` at `/stats`. */
async function startBare(body: unknown): Promise<{ url: string; stop(): Promise<void> }> {
  const port = await freePort();
  const script = `
    const Fastify = require('fastify');
    const app = Fastify();
    const body = ${JSON.stringify(body)};
    app.get('/stats', async () => body);
    app.listen({ port: ${port}, host: '127.0.0.1' }).then(() => console.log('ready'));`;
  const child = spawn(process.execPath, ['-e', script], {
    cwd: new URL('..', import.meta.url),
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await once(child.stdout, 'data');
  return {
    url: `http://127.0.0.1:${port}/stats`,
    stop: async () => {
      child.kill('SIGTERM');
      await once(child, 'exit');
    },
  };
}

const databaseUrl = process.env.BENCH_DATABASE_URL ?? '';
const server = await startBenchServer({
  DATABASE_URL: databaseUrl,
  TRADEWIND_ADMIN_EMAIL: ADMIN,
  BOT_RUNNER_ENABLED: 'false',
});
try {
  const anonymous = createTradewindClient({ url: server.url });
  const { accessToken, user } = await anonymous.auth.register.mutate({
    email: ADMIN,
    password: 'correct horse battery 42',
    firstName: 'Bench',
  });
  const client = createTradewindClient({
    url: server.url,
    headers: () => ({ authorization: `Bearer ${accessToken}` }),
  });
  await client.admin.users.update.mutate({ userId: user.id, plan: 'enterprise' });
  const { key } = await client.apiKeys.create.mutate({ name: 'bench', scopes: ['CONTROL'] });
  const headers = { 'x-api-key': key };
  const restUrl = `${server.url}/api/enterprise/stats`;
  const sample = await (await fetch(restUrl, { headers })).json();
  const bare = await startBare(sample);
  try {
    const rest = await load(restUrl, headers);
    const trpc = await load(`${server.url}/trpc/performance.stats`, headers);
    const baseline = await load(bare.url, {});
    const database = databaseUrl ? 'PostgreSQL' : 'PGlite (embedded)';
    console.log(
      `## Enterprise stats vs a bare Fastify route: ${database}, ${CONNECTIONS} connections, ${DURATION_MS / 1000} s each\n`,
    );
    console.log('| route | requests/s | p50 (ms) | p99 (ms) | non-2xx | / bare |');
    console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
    for (const [name, result] of [
      ['REST GET /api/enterprise/stats (API key)', rest],
      ['tRPC performance.stats (API key)', trpc],
      ['bare Fastify GET /stats', baseline],
    ] as const) {
      console.log(
        `| ${name} | ${formatNumber(result.perSecond)} | ${result.p50.toFixed(1)} | ${result.p99.toFixed(1)} | ${result.failed} | ${(result.perSecond / baseline.perSecond).toFixed(2)}x |`,
      );
    }
    console.log(
      '\nServer, bare route and load generator are separate processes on the same machine. ' +
        'Rate limits scaled out of the way (RATE_LIMIT_SCALE=100000).',
    );
  } finally {
    await bare.stop();
  }
} finally {
  await server.stop();
}
