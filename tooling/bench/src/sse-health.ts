/**
 * SSE streams and the embedded database: a server process (PGlite) runs 10 paper bots, one per
 * user, while 2,000 SSE streams (spread evenly over those users, so every trade reaches 200 of
 * them) stay open. `/health` is asked in a loop, one request at a time, and its latency is
 * reported with no streams open and with all of them; the goal is a p99 under 50 ms. Each
 * stream gets seed 003's overview after its user's events: computed once per user per change
 * and shared, not queried per stream. The streams are read by a child process (see
 * `sse-client-process.ts`), so the latencies are the server's, not this process's event loop.
 *
 * Counts: BENCH_SSE_STREAMS (default 2000), BENCH_SSE_BOTS (default 10).
 */
import { trpcCall } from '@tradewind/testing';
import { type BenchBot, setBots, usersWithBots } from './bench-bots.ts';
import { startBenchServer } from './bench-server.ts';
import { openSseStreamsInChild } from './sse-client-process.ts';
import { formatNumber, percentile } from './stats.ts';

const STREAMS = Number.parseInt(process.env.BENCH_SSE_STREAMS ?? '2000', 10);
const BOTS = Number.parseInt(process.env.BENCH_SSE_BOTS ?? '10', 10);
const BAR_MS = 1000;
const WARMUP_MS = 3_000;
const WINDOW_MS = 20_000;
const HEALTH_GAP_MS = 20;

type Sample = { latencies: number[]; trades: number; overviews: number; events: number };

/** `/health` one request at a time for `WINDOW_MS`, with what the streams received meanwhile. */
async function sampleHealth(
  url: string,
  received: Readonly<{ overviews: number; events: number }>,
) {
  const start = { ...received };
  const latencies: number[] = [];
  const end = Date.now() + WINDOW_MS;
  while (Date.now() < end) {
    const began = performance.now();
    const response = await fetch(`${url}/health`);
    await response.arrayBuffer();
    if (!response.ok) throw new Error(`/health answered ${response.status}`);
    latencies.push(performance.now() - began);
    await new Promise((resolve) => setTimeout(resolve, HEALTH_GAP_MS));
  }
  return {
    latencies,
    overviews: received.overviews - start.overviews,
    events: received.events - start.events,
  };
}

async function tradeCount(url: string, bots: readonly BenchBot[]): Promise<number> {
  let total = 0;
  for (const bot of bots) {
    // A query: tRPC takes it as GET (trpcCall posts, for mutations).
    const input = encodeURIComponent(JSON.stringify({ json: { botId: bot.id } }));
    const response = await fetch(`${url}/trpc/bots.get?input=${input}`, {
      headers: { authorization: `Bearer ${bot.token}` },
    });
    const body = (await response.json()) as { result: { data: { json: { totalTrades: number } } } };
    total += body.result.data.json.totalTrades;
  }
  return total;
}

const server = await startBenchServer({ SIMULATOR_BAR_MS: String(BAR_MS) });
const { url } = server;
try {
  const { bots } = await usersWithBots(url, 'bench-sse', BOTS);
  let received = { overviews: 0, events: 0 };
  const measure = async (): Promise<Sample> => {
    await new Promise((resolve) => setTimeout(resolve, WARMUP_MS));
    const tradesBefore = await tradeCount(url, bots);
    const sample = await sampleHealth(url, received);
    return { ...sample, trades: (await tradeCount(url, bots)) - tradesBefore };
  };
  process.stderr.write(`sse-health: ${BOTS} users and trading bots ready\n`);

  const baseline = await measure();
  // Streams connect while the bots are paused (handshakes authenticate on the database).
  await setBots(url, bots, 'pause');
  const clients = await openSseStreamsInChild(
    url,
    bots.map((bot) => bot.token),
    STREAMS,
  );
  received = clients.received;
  const connectSeconds = clients.openSeconds;
  process.stderr.write(`sse-health: ${STREAMS} streams open in ${connectSeconds.toFixed(1)} s\n`);
  await setBots(url, bots, 'resume');
  const loaded = await measure();
  const stopStart = performance.now();
  await trpcCall(url, 'bots.stop', { botId: bots[0]?.id }, bots[0]?.token);
  const stopMs = performance.now() - stopStart;
  await clients.close();

  const row = (label: string, streams: number, sample: Sample) =>
    `| ${label} | ${formatNumber(streams)} | ${formatNumber(sample.trades / (WINDOW_MS / 1000), 1)} | ${formatNumber(
      sample.events / (WINDOW_MS / 1000),
    )} | ${formatNumber(sample.overviews / (WINDOW_MS / 1000))} | ${formatNumber(
      sample.latencies.length,
    )} | ${formatNumber(percentile(sample.latencies, 50), 1)} ms | ${formatNumber(
      percentile(sample.latencies, 99),
      1,
    )} ms | ${formatNumber(Math.max(...sample.latencies), 1)} ms |`;
  console.log(
    `## SSE streams and /health: ${BOTS} paper bots trading (one per user, a bar every ${BAR_MS} ms) on PGlite\n`,
  );
  console.log(
    '| phase | SSE streams | trades/s | events delivered/s | overviews delivered/s | /health requests | /health p50 | /health p99 | /health max |',
  );
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  console.log(row('bots only', 0, baseline));
  console.log(row('bots + streams', STREAMS, loaded));
  console.log(
    `\nStreams are spread evenly over the bots' owners, so each event reaches ${formatNumber(
      STREAMS / BOTS,
    )} streams; each stream gets its user's overview after events, computed once per user per ` +
      `change (at most once a second) and shared. \`/health\` is asked one request at a time ` +
      `(${HEALTH_GAP_MS} ms apart) for ${WINDOW_MS / 1000} s after a ${WARMUP_MS / 1000} s ` +
      `warm-up; goal p99 < 50 ms. ${formatNumber(STREAMS)} streams opened in ` +
      `${formatNumber(connectSeconds, 1)} s (bots paused); \`bots.stop\` with them open took ` +
      `${formatNumber(stopMs)} ms. The SSE clients run in a process of their own, \`/health\` is ` +
      `asked from the benchmark's; server, clients and benchmark share the machine's cores.`,
  );
} finally {
  await server.stop();
}
