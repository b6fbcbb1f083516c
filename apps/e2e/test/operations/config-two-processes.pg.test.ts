/**
 * A runtime setting changed through one server process is seen by another sharing the
 * PostgreSQL database, without a restart: `config.changed` travels over the event bus
 * (LISTEN/NOTIFY) and drops the other process's cached values. Runs in the PostgreSQL suite only.
 */
import { createTradewindClient, type TradewindClient } from '@tradewind/sdk';
import { createTestDatabase, type TestDatabase, testDatabaseDialect } from '@tradewind/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD } from '../support/clients.ts';
import { type ServerProcess, startServerProcess } from '../support/server-process.ts';
import { until } from '../support/until.ts';

const onPostgres = testDatabaseDialect() === 'postgresql';
if (!onPostgres) console.log('config-two-processes.pg.test.ts skipped: needs the PostgreSQL suite');

describe.skipIf(!onPostgres)('runtime settings across two server processes', () => {
  let db: TestDatabase;
  let token: string;
  const servers: ServerProcess[] = [];
  const client = (server: ServerProcess): TradewindClient =>
    createTradewindClient({
      url: server.url,
      headers: () => ({ authorization: `Bearer ${token}` }),
    });

  beforeAll(async () => {
    db = await createTestDatabase();
    const env = {
      DATABASE_URL: db.databaseUrl ?? '',
      TRADEWIND_SECRET_KEY: 'two-processes-config-master-key-0123456789',
      TRADEWIND_ADMIN_EMAIL: 'config-two@example.com',
      BOT_RUNNER_ENABLED: 'false',
      BACKTEST_RUNNER_ENABLED: 'false',
      RATE_LIMIT_SCALE: '1000',
    };
    servers.push(...(await Promise.all([startServerProcess(env), startServerProcess(env)])));
    ({ accessToken: token } = await createTradewindClient({
      url: (servers[0] as ServerProcess).url,
    }).auth.register.mutate({
      email: 'config-two@example.com',
      password: PASSWORD,
      firstName: 'Two',
    }));
  }, 180_000);
  afterAll(async () => {
    await Promise.all(servers.map((server) => server.stop()));
    await db?.close();
  });

  it('a change through process A is read from process B without a restart', async () => {
    const [first, second] = servers as [ServerProcess, ServerProcess];
    // B reads (and caches) the values first, so only the event can tell it they changed.
    expect((await client(second).config.get.query()).settings.risk?.max_daily_loss).toBe(0.05);
    await client(first).config.update.mutate({ settings: { risk: { max_daily_loss: 0.04 } } });
    const seen = await until(
      () => client(second).config.get.query(),
      (view) => view.settings.risk?.max_daily_loss === 0.04,
      30_000,
    );
    expect(seen.entries.find((entry) => entry.key === 'risk.max_daily_loss')?.source).toBe(
      'system',
    );
    expect(
      (await client(second).config.get.query({ level: 'user' })).settings.trading,
    ).toMatchObject({
      base_currency: 'USDT',
    });
    await client(first).config.updateDefaults.mutate({
      settings: { trading: { base_currency: 'EUR' } },
    });
    await until(
      () => client(second).config.get.query({ level: 'user' }),
      (view) => view.settings.trading?.base_currency === 'EUR',
      30_000,
    );
  });

  it('a new bot through process B takes the default mode just changed through A', async () => {
    const [first, second] = servers as [ServerProcess, ServerProcess];
    const bot = { initialCash: 1000, symbols: ['AAPL'], strategy: 'MovingAverage' };
    // B creates (and so caches the settings for) a bot first: only the event can refresh it.
    const before = await client(second).bots.create.mutate(bot);
    expect(before.riskMode).toBe('balanced');
    await client(second).bots.stop.mutate({ botId: before.id });
    await client(first).config.update.mutate({
      settings: { risk: { default_mode: 'aggressive' } },
    });
    await until(
      () => client(second).config.get.query(),
      (view) => view.settings.risk?.default_mode === 'aggressive',
      30_000,
    );
    expect((await client(second).bots.create.mutate(bot)).riskMode).toBe('aggressive');
  });
});
