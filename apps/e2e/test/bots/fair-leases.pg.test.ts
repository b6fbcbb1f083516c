/**
 * Three server processes on one PostgreSQL database share 300 running bots evenly (each within
 * ±10 % of its share) after processes join; a process stopping gracefully hands its bots back
 * on the way out (none is left to expire) and the others share them; a replica with the bot
 * runner disabled never holds a bot. How fast it settles is logged (a benchmark figure, not a
 * timed assertion). Runs in the PostgreSQL suite only.
 */
import { createTradewindClient, type TradewindClient } from '@tradewind/sdk';
import { createTestDatabase, type TestDatabase, testDatabaseDialect } from '@tradewind/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD } from '../support/clients.ts';
import { type ServerProcess, startServerProcess } from '../support/server-process.ts';
import { until } from '../support/until.ts';

const onPostgres = testDatabaseDialect() === 'postgresql';
if (!onPostgres) console.log('fair-leases.pg.test.ts skipped: needs the PostgreSQL suite');

const BOTS = 300;
const LEASE_MS = 10_000;
const ADMIN = 'fair-leases@example.com';

describe.skipIf(!onPostgres)('bot leases across three server processes', () => {
  let db: TestDatabase;
  let env: Record<string, string>;
  let client: TradewindClient;
  const runners: ServerProcess[] = [];
  let replica: ServerProcess;

  /** Live leases per process id (the owner is `host:pid:random`). */
  async function leasesByProcess(): Promise<Map<number, number>> {
    const rows = await db.prisma.$queryRaw<{ owner: string; held: number }[]>`
      SELECT lease_owner AS owner, count(*)::int AS held FROM bots
      WHERE status IN ('ACTIVE', 'PAUSED', 'STOPPING') AND lease_owner IS NOT NULL
        AND lease_expires_at > (now() AT TIME ZONE 'UTC')
      GROUP BY lease_owner`;
    return new Map(rows.map((row) => [Number(row.owner.split(':').at(-2)), row.held]));
  }
  const pidOf = (server: ServerProcess) => server.child.pid ?? -1;
  /** Every process in `holders` holds its share ±10 %, and nobody else holds any. */
  const balanced = (held: Map<number, number>, holders: ServerProcess[]) => {
    const share = BOTS / holders.length;
    const pids = holders.map(pidOf);
    return (
      [...held.keys()].every((pid) => pids.includes(pid)) &&
      pids.every((pid) => Math.abs((held.get(pid) ?? 0) - share) <= share * 0.1)
    );
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    env = {
      DATABASE_URL: db.databaseUrl ?? '',
      TRADEWIND_SECRET_KEY: 'fair-leases-master-key-0123456789abcdef',
      TRADEWIND_ADMIN_EMAIL: ADMIN,
      BACKTEST_RUNNER_ENABLED: 'false',
      RATE_LIMIT_SCALE: '1000',
      BOT_LEASE_MS: String(LEASE_MS),
      SIMULATOR_BAR_MS: '2000',
    };
    runners.push(await startServerProcess(env));
    replica = await startServerProcess({ ...env, BOT_RUNNER_ENABLED: 'false' });
    const url = (runners[0] as ServerProcess).url;
    const { accessToken, user } = await createTradewindClient({ url }).auth.register.mutate({
      email: ADMIN,
      password: PASSWORD,
      firstName: 'Fair',
    });
    client = createTradewindClient({
      url: replica.url,
      headers: () => ({ authorization: `Bearer ${accessToken}` }),
    });
    await client.admin.users.update.mutate({ userId: user.id, activeBotLimit: BOTS });
    for (let start = 0; start < BOTS; start += 10) {
      await Promise.all(
        Array.from({ length: Math.min(10, BOTS - start) }, () =>
          client.bots.create.mutate({
            initialCash: 10_000,
            symbols: ['AAPL'],
            strategy: 'MovingAverage',
            params: { fast: 3, slow: 8 },
          }),
        ),
      );
    }
  }, 600_000);
  afterAll(async () => {
    await Promise.all([...runners, replica].filter(Boolean).map((server) => server.stop()));
    await db?.close();
  });

  it('one runner holds every bot; the replica none', async () => {
    const held = await until(leasesByProcess, (map) => balanced(map, runners), 60_000);
    expect(held.get(pidOf(replica))).toBeUndefined();
  }, 120_000);

  it('two processes joining get their share; the replica still none', async () => {
    runners.push(...(await Promise.all([startServerProcess(env), startServerProcess(env)])));
    const joined = Date.now();
    const held = await until(leasesByProcess, (map) => balanced(map, runners), 240_000);
    // How fast is a benchmark figure (the goal: two lease periods), not a timed assertion:
    // each runner rebalances once per tick, and ticks stretch on a loaded machine.
    console.log(`fair-leases: balanced ${Date.now() - joined} ms after two processes joined`);
    expect(held.get(pidOf(replica))).toBeUndefined();
  }, 360_000);

  it('a process stopping gracefully hands its bots back on the way out; the others share them', async () => {
    const leaving = runners.pop() as ServerProcess;
    expect((await leasesByProcess()).get(pidOf(leaving))).toBeGreaterThan(0);
    await leaving.stop();
    const stopped = Date.now();
    // Handed back on the way out: none of its leases is left to expire.
    expect((await leasesByProcess()).get(pidOf(leaving))).toBeUndefined();
    const left = await db.prisma.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM bot_runners WHERE owner LIKE ${`%:${pidOf(leaving)}:%`}`;
    expect(left[0]?.n).toBe(0);
    await until(leasesByProcess, (map) => balanced(map, runners), 240_000);
    console.log(`fair-leases: rebalanced ${Date.now() - stopped} ms after a graceful stop`);
  }, 360_000);
});
