/**
 * Realtime fan-out: a server process (embedded database) runs 100 paper bots on the simulator,
 * one per user; N idle-but-subscribed clients, spread evenly over those users, listen on
 * loopback. Per scenario: delivered messages per second (all clients together), latency from
 * the event's outbox row (written in the bar's transaction, just before commit) to the client
 * (p50/p99), and the server's resident memory per connection (RSS with the clients connected
 * minus RSS before, over N). Clients and server share the machine's cores.
 *
 * Counts: BENCH_REALTIME_CLIENTS (default "1000,10000" for the gateway), BENCH_REALTIME_SSE
 * (default "1000").
 */
import WebSocket from 'ws';
import { setBots, usersWithBots } from './bench-bots.ts';
import { startBenchServer } from './bench-server.ts';
import { openSseStreams } from './sse-streams.ts';
import { formatNumber, percentile } from './stats.ts';

const BOTS = 100;
const BAR_MS = 1000;
const WARMUP_MS = 3_000;
const WINDOW_MS = 10_000;
const CONNECT_BATCH = 100;

const counts = (name: string, fallback: string) =>
  (process.env[name] ?? fallback)
    .split(',')
    .filter(Boolean)
    .map((value) => Number.parseInt(value, 10));
const WS_CLIENTS = counts('BENCH_REALTIME_CLIENTS', '1000,10000');
const SSE_CLIENTS = counts('BENCH_REALTIME_SSE', '1000');

/** Receive-side tally shared by every client of a scenario. */
class Tally {
  delivered = 0;
  latencies: number[] = [];
  counting = false;

  record(timestamp: string | undefined): void {
    if (!this.counting) return;
    this.delivered++;
    if (timestamp) this.latencies.push(Date.now() - Date.parse(timestamp));
  }
}

async function serverRss(url: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const match = /^tradewind_process_resident_memory_bytes (\d+(?:\.\d+)?(?:e\+\d+)?)$/m.exec(text);
  if (!match) throw new Error('no resident memory metric');
  return Number(match[1]);
}

/** Opens `count` gateway sockets, `CONNECT_BATCH` handshakes at a time. */
async function connectGateway(
  url: string,
  tokens: string[],
  count: number,
  tally: Tally,
): Promise<WebSocket[]> {
  const sockets: WebSocket[] = [];
  const wsUrl = url.replace(/^http/, 'ws');
  for (let start = 0; start < count; start += CONNECT_BATCH) {
    const batch = Array.from({ length: Math.min(CONNECT_BATCH, count - start) }, (_, offset) => {
      const token = tokens[(start + offset) % tokens.length] as string;
      const socket = new WebSocket(`${wsUrl}/api/ws?token=${token}`);
      socket.on('message', (data) => {
        const message = JSON.parse(String(data)) as { event_id?: string; timestamp?: string };
        if (message.event_id) tally.record(message.timestamp);
      });
      sockets.push(socket);
      return new Promise<void>((resolve, reject) => {
        socket.once('open', () => resolve());
        socket.once('error', reject);
      });
    });
    await Promise.all(batch);
  }
  return sockets;
}

async function measure(
  label: string,
  url: string,
  clients: number,
  bots: (action: 'pause' | 'resume') => Promise<void>,
  connect: (tally: Tally) => Promise<() => void>,
): Promise<string> {
  const before = await serverRss(url);
  const tally = new Tally();
  const connectStart = performance.now();
  const disconnect = await connect(tally);
  const connectSeconds = (performance.now() - connectStart) / 1000;
  await new Promise((resolve) => setTimeout(resolve, 2_000));
  const after = await serverRss(url);
  await bots('resume');
  await new Promise((resolve) => setTimeout(resolve, WARMUP_MS));
  tally.counting = true;
  await new Promise((resolve) => setTimeout(resolve, WINDOW_MS));
  tally.counting = false;
  await bots('pause');
  disconnect();
  await new Promise((resolve) => setTimeout(resolve, 2_000));
  return `| ${label} | ${formatNumber(clients)} | ${formatNumber(connectSeconds, 1)} | ${formatNumber(
    tally.delivered / (WINDOW_MS / 1000),
  )} | ${formatNumber(percentile(tally.latencies, 50))} | ${formatNumber(
    percentile(tally.latencies, 99),
  )} | ${formatNumber((after - before) / clients / 1024, 1)} |`;
}

const server = await startBenchServer({ SIMULATOR_BAR_MS: String(BAR_MS) });
const { url } = server;
try {
  const { tokens, bots } = await usersWithBots(url, 'bench-rt', BOTS);
  // Handshakes authenticate against the database, which the running bots keep busy: clients
  // connect while the bots are paused, and the measurement runs once they trade again.
  const pauseOrResume = (action: 'pause' | 'resume') => setBots(url, bots, action);
  await pauseOrResume('pause');
  process.stderr.write(`realtime-fanout: ${BOTS} users and bots ready\n`);

  const rows: string[] = [];
  for (const clients of WS_CLIENTS) {
    rows.push(
      await measure('JSON WebSocket gateway', url, clients, pauseOrResume, async (tally) => {
        const sockets = await connectGateway(url, tokens, clients, tally);
        return () => {
          for (const socket of sockets) socket.terminate();
        };
      }),
    );
  }
  for (const clients of SSE_CLIENTS) {
    rows.push(
      await measure('SSE', url, clients, pauseOrResume, async (tally) => {
        return openSseStreams(url, tokens, clients, (block) => {
          if (block.startsWith('id: ')) {
            // The event's own timestamp comes last (a trade's bar time may come before it).
            tally.record([...block.matchAll(/"timestamp":"([^"]+)"/g)].at(-1)?.[1]);
          }
        });
      }),
    );
  }

  console.log(
    `## Realtime fan-out: ${BOTS} paper bots (one per user, a bar every ${BAR_MS} ms), clients spread evenly over their owners\n`,
  );
  console.log(
    '| transport | clients | connect all (s) | delivered messages/s | p50 latency (ms) | p99 latency (ms) | server RSS per connection (KiB) |',
  );
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const row of rows) console.log(row);
  console.log(
    `\nEach event reaches only its owner's clients (clients / ${BOTS} per event). Latency runs from ` +
      "the outbox row's `created_at` (inside the bar's transaction, just before commit) to " +
      `the client's receipt; ${WARMUP_MS / 1000} s warm-up, ${WINDOW_MS / 1000} s window. Server ` +
      '(embedded PGlite) and clients run on the same machine and share its cores. Clients connect ' +
      'while the bots are paused (server memory is read then); the bots resume for the window. ' +
      'RSS per connection is a difference of two process RSS readings: with 1,000 connections it ' +
      'is within garbage-collection noise (it can come out negative); read the 10,000 row.',
  );
} finally {
  await server.stop();
}
