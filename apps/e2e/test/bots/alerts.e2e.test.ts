import type { TradewindClient } from '@tradewind/sdk';
import type { RunningServer } from '@tradewind/server';
import { startTestServer } from '@tradewind/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientsFor, failure } from '../support/clients.ts';
import { until } from '../support/until.ts';

let server: RunningServer;
let alice: TradewindClient;
let bob: TradewindClient;

beforeAll(async () => {
  server = await startTestServer({ simulatorBarMs: 5 });
  const clients = clientsFor(server);
  alice = clients.withToken((await clients.register('alice@example.com', 'Alice')).accessToken);
  bob = clients.withToken((await clients.register('bob@example.com', 'Bob')).accessToken);
});
afterAll(async () => {
  await server?.close();
});

describe('risk alerts through the SDK', () => {
  it("lists a bot's stop-loss alerts, newest first, to its owner only", async () => {
    // A stop-loss this tight fires on the first close below an entry.
    const bot = await alice.bots.create.mutate({
      initialCash: 10_000,
      symbols: ['AAPL'],
      strategy: 'MovingAverage',
      params: { fast: 2, slow: 4 },
      risk: { stopLossPercent: 0.01, cooldownBars: 0 },
    });
    const { alerts } = await until(
      () => alice.alerts.list.query({ botId: bot.id }),
      (page) => page.alerts.length >= 2,
      30_000,
    );
    const [newest, older] = alerts;
    expect(BigInt(newest?.id ?? 0)).toBeGreaterThan(BigInt(older?.id ?? 0));
    expect(newest).toMatchObject({ botId: bot.id, kind: 'stop_loss' });
    expect(newest?.message).toMatch(/^Stop-loss closed AAPL: close [\d.]+ is 0.01% or more below/);
    expect(newest?.values).toMatchObject({ symbol: 'AAPL', stopLossPercent: 0.01 });
    await alice.bots.stop.mutate({ botId: bot.id });
    // Each alert is one of the bot's stop-loss fills.
    const stopFills = await server.deps.db.prisma.trade.count({
      where: { botId: bot.id, reason: 'stop_loss' },
    });
    const all = await alice.alerts.list.query({ botId: bot.id, limit: 1000 });
    expect(all.alerts.length).toBe(stopFills);

    expect((await alice.alerts.list.query({ kind: 'max_drawdown' })).alerts).toEqual([]);
    expect((await alice.alerts.list.query({ limit: 1 })).alerts).toHaveLength(1);
    const future = new Date(Date.now() + 60_000);
    expect((await alice.alerts.list.query({ since: future })).alerts).toEqual([]);

    expect((await bob.alerts.list.query()).alerts).toEqual([]);
    expect(await failure(bob.alerts.list.query({ botId: bot.id }))).toMatchObject({
      code: 'NOT_FOUND',
      message: `Bot ${bot.id} not found`,
    });
    expect(await failure(alice.alerts.list.query({ limit: 5000 }))).toMatchObject({
      code: 'VALIDATION_ERROR',
    });
  });
});
