import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createTestDatabase, freePort, trpcCall } from '@tradewind/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TIMEFRAME_MS } from '../src/market/timeframes.ts';
import {
  type ServerProcess,
  spawnServer,
  stopServer,
  waitForHealth,
} from './support/server-process.ts';
import { storedFills, uninterruptedRun } from './support/uninterrupted-run.ts';

const SEED = 11;
const LEASE_MS = 1000;
const BAR_MS = 15;
const MINUTE = TIMEFRAME_MS['1m'];
const PASSWORD = 'correct horse battery 42';
// One bot per user: the default active-bot limit is 1.
const BOTS = [
  { email: 'lease-a@example.com', symbols: ['AAPL', 'NVDA'], params: { fast: 3, slow: 8 } },
  { email: 'lease-b@example.com', symbols: ['GOOGL'], params: { fast: 2, slow: 6 } },
  { email: 'lease-c@example.com', symbols: ['MSFT', 'TSLA'], params: { fast: 4, slow: 10 } },
];

type LeaseRow = { id: number; lease_owner: string | null; last_bar_time: Date | null };

async function waitFor(check: () => Promise<boolean>, timeoutMs: number, what: string) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Which of the processes a `bots.lease_owner` names (`host:pid:random`), or the raw value. */
function ownerOf(owner: string | null, servers: Record<string, ServerProcess>): string {
  if (owner === null) return 'none';
  const pid = owner.split(':').at(-2);
  for (const [name, server] of Object.entries(servers)) {
    if (String(server.child.pid) === pid) return name;
  }
  return `unknown(${owner})`;
}

describe('bot leases across two server processes on one PostgreSQL', () => {
  const database = createTestDatabase();
  const started: ServerProcess[] = [];
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'tradewind-lease-'));
  });
  afterAll(async () => {
    for (const server of started) {
      if (server.child.exitCode === null && server.child.signalCode === null) {
        server.child.kill('SIGKILL');
      }
    }
    await (await database).close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('each bot is held by one process; a killed process loses its bots to the other, which resumes them with no lost and no duplicated fill', async () => {
    const { databaseUrl, prisma } = await database;
    if (!databaseUrl) throw new Error('this suite runs on PostgreSQL only');
    const timings: Record<string, number> = {};
    const t0 = Date.now();
    const env = async () => ({
      PORT: String(await freePort()),
      DATABASE_URL: databaseUrl,
      TRADEWIND_DATA_DIR: dataDir,
      // Both processes sign and check the same tokens.
      TRADEWIND_SECRET_KEY: 'lease-takeover-test-secret-key-0123456789',
      SIMULATOR_BAR_MS: String(BAR_MS),
      SIMULATOR_SEED: String(SEED),
      BOT_LEASE_MS: String(LEASE_MS),
      RATE_LIMIT_SCALE: '1000',
    });
    const servers: Record<string, ServerProcess> = {
      A: spawnServer(await env()),
      B: spawnServer(await env()),
    };
    started.push(servers.A as ServerProcess, servers.B as ServerProcess);
    await Promise.all(Object.values(servers).map((server) => waitForHealth(server)));
    timings.healthy = Date.now() - t0;

    // Both runners are already polling for free leases when the bots appear: they race for them.
    const a = servers.A as ServerProcess;
    const b = servers.B as ServerProcess;
    const botIds: number[] = [];
    for (const [index, spec] of BOTS.entries()) {
      const via = index % 2 === 0 ? a : b;
      const tokens = await trpcCall<{ accessToken: string }>(via.url, 'auth.register', {
        email: spec.email,
        password: PASSWORD,
        firstName: 'Lease',
      });
      const bot = await trpcCall<{ id: number }>(
        via.url,
        'bots.create',
        {
          initialCash: 10_000,
          symbols: spec.symbols,
          strategy: 'MovingAverage',
          params: spec.params,
        },
        tokens.accessToken,
      );
      botIds.push(bot.id);
    }

    const leases = () =>
      prisma.$queryRaw<LeaseRow[]>`
        SELECT id, lease_owner, last_bar_time FROM bots WHERE id = ANY(${botIds}) ORDER BY id`;
    await waitFor(
      async () => (await leases()).every((row) => row.lease_owner !== null),
      10_000,
      'every bot to be claimed',
    );

    // While both live, each bot stays with the one process that claimed it (sampled over three
    // lease periods: both runners try to claim every 15 ms, and neither ever takes the other's).
    const owners = new Map<number, string>();
    for (const row of await leases()) owners.set(row.id, ownerOf(row.lease_owner, servers));
    const sampleUntil = Date.now() + 3 * LEASE_MS;
    let samples = 0;
    while (Date.now() < sampleUntil) {
      for (const row of await leases()) {
        expect(ownerOf(row.lease_owner, servers)).toBe(owners.get(row.id));
      }
      samples++;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect([...owners.values()].every((owner) => owner === 'A' || owner === 'B')).toBe(true);
    const split = Object.fromEntries(botIds.map((id) => [id, owners.get(id)]));

    // Every bot has traded before the kill.
    const fillCount = async (id: number) => prisma.trade.count({ where: { botId: id } });
    await waitFor(
      async () => (await Promise.all(botIds.map(fillCount))).every((count) => count >= 2),
      60_000,
      'fills on every bot before the kill',
    );

    // kill -9 the process that holds the first bot; the other inherits everything it held.
    const victimName = owners.get(botIds[0] as number) as string;
    const survivorName = victimName === 'A' ? 'B' : 'A';
    const victim = servers[victimName] as ServerProcess;
    const survivor = servers[survivorName] as ServerProcess;
    const exited = once(victim.child, 'exit');
    victim.child.kill('SIGKILL');
    await exited;
    const killedAt = Date.now();
    const atKill = new Map<number, { fills: number; lastBar: number }>();
    for (const row of await leases()) {
      atKill.set(row.id, {
        fills: await fillCount(row.id),
        lastBar: row.last_bar_time?.getTime() ?? 0,
      });
    }

    await waitFor(
      async () =>
        (await leases()).every((row) => ownerOf(row.lease_owner, servers) === survivorName),
      5 * LEASE_MS,
      'the survivor to hold every bot',
    );
    timings.takeoverMs = Date.now() - killedAt;

    // They keep trading: 300 more bars and more fills on every bot, under the survivor.
    await waitFor(
      async () => {
        for (const row of await leases()) {
          const before = atKill.get(row.id) as { fills: number; lastBar: number };
          if ((row.last_bar_time?.getTime() ?? 0) < before.lastBar + 300 * MINUTE) return false;
          if ((await fillCount(row.id)) <= before.fills) return false;
        }
        return true;
      },
      90_000,
      'trading to go on after the takeover',
    );
    for (const row of await leases()) {
      expect(ownerOf(row.lease_owner, servers)).toBe(survivorName);
    }
    timings.afterKillMs = Date.now() - killedAt;
    expect(await stopServer(survivor)).toBe(0);

    for (const [index, id] of botIds.entries()) {
      const spec = BOTS[index] as (typeof BOTS)[number];
      const row = await prisma.bot.findUniqueOrThrow({ where: { id } });
      expect(row.status).toBe('ACTIVE');
      expect(row.leaseOwner).toBeNull();
      const stored = await prisma.trade.findMany({
        where: { botId: id },
        orderBy: { sequence: 'asc' },
      });
      expect(stored.map((trade) => trade.sequence)).toEqual(stored.map((_, i) => i + 1));
      expect(row.fillSequence).toBe(stored.length);

      // The uninterrupted run: the engine alone over the same simulated bars.
      const expected = uninterruptedRun(row, { seed: SEED, ...spec });
      const actual = storedFills(stored);
      const before = atKill.get(id) as { fills: number; lastBar: number };
      expect(before.fills).toBeGreaterThan(0);
      expect(actual.length).toBeGreaterThan(before.fills);
      expect(actual).toEqual(expected.fills);
      expect(expected.cash).toBeCloseTo(Number(row.currentCash), 6);

      // Exactly one equity snapshot per bar from start to last (primary key (bot_id, time)):
      // no bar was written twice, none skipped, across the takeover.
      const snapshots = await prisma.equitySnapshot.findMany({
        where: { botId: id },
        orderBy: { time: 'asc' },
        select: { time: true },
      });
      expect(snapshots.map((s) => s.time.getTime())).toEqual(
        Array.from({ length: expected.bars }, (_, i) => expected.start + i * MINUTE),
      );
    }
    console.info(
      `lease takeover: ${JSON.stringify({ ...timings, samples, split, victim: victimName })}`,
    );
  }, 180_000);
});
