/**
 * Metrics history (seed 004 `GET /metrics?hours`, issue 18 item 3) through the SDK and the
 * `tradewind` binary: samples taken by the server itself, the caller's trading figures matching
 * the stored fills, the seed's fields, and a bad `hours` named.
 */
import type { TradewindClient } from '@tradewind/sdk';
import type { RunningServer } from '@tradewind/server';
import { startTestServer } from '@tradewind/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientsFor, failure } from '../support/clients.ts';
import { until } from '../support/until.ts';
import { type OperatorCli, operatorCli, printedJson } from './operator-cli.ts';

let server: RunningServer;
let alice: TradewindClient;
let bob: TradewindClient;
let cli: OperatorCli;

beforeAll(async () => {
  server = await startTestServer({ simulatorBarMs: 5, metricsSampleMs: 100 });
  const clients = clientsFor(server);
  alice = clients.withToken((await clients.register('metrics-alice@example.com')).accessToken);
  bob = clients.withToken((await clients.register('metrics-bob@example.com')).accessToken);
  const key = (await alice.apiKeys.create.mutate({ name: 'ops', scopes: ['READ_ONLY'] })).key;
  cli = await operatorCli(server.url, key);
}, 120_000);

afterAll(async () => {
  await server?.close();
  await cli?.close();
});

describe('metrics.history', () => {
  it("answers the seed's fields: the caller's fills and the sampled server health", async () => {
    const bot = await alice.bots.create.mutate({
      initialCash: 10_000,
      symbols: ['AAPL'],
      strategy: 'MovingAverage',
      params: { fast: 2, slow: 4 },
    });
    await until(
      () => alice.trades.list.query({ botId: bot.id, limit: 1 }),
      (list) => list.total >= 6,
      60_000,
    );
    await alice.bots.stop.mutate({ botId: bot.id });
    const history = await until(
      () => alice.metrics.history.query({ hours: 1 }),
      (answer) => answer.metrics.system.samples >= 3,
      60_000,
    );
    const fills = await server.deps.db.prisma.trade.findMany({ where: { botId: bot.id } });
    const closing = fills.filter((fill) => fill.pnl !== null);
    const won = closing.filter((fill) => Number(fill.pnl) >= 0).length;
    const pnl = closing.reduce((sum, fill) => sum + Number(fill.pnl), 0);
    expect(history).toEqual({
      timestamp: expect.any(Date),
      periodHours: 1,
      metrics: {
        trading: {
          totalTrades: fills.length,
          successfulTrades: won,
          failedTrades: closing.length - won,
          totalPnl: Math.round(pnl * 100) / 100,
          winRate:
            closing.length === 0 ? null : Math.round((won / closing.length) * 10_000) / 10_000,
        },
        system: {
          avgCpuUsage: expect.any(Number),
          avgMemoryUsage: expect.any(Number),
          maxLatencyMs: expect.any(Number),
          uptimePercentage: expect.any(Number),
          samples: expect.any(Number),
        },
      },
    });
    const { system } = history.metrics;
    expect(system.avgMemoryUsage).toBeGreaterThan(0);
    expect(system.avgMemoryUsage).toBeLessThanOrEqual(100);
    expect(system.uptimePercentage).toBeGreaterThan(0);
    expect(system.uptimePercentage).toBeLessThanOrEqual(100);
    // Another user's figures hold none of Alice's fills; the health is the server's.
    expect((await bob.metrics.history.query()).metrics.trading.totalTrades).toBe(0);

    const printed = printedJson(await cli.run(['metrics', 'history', '--hours', '1', '--json']));
    expect(printed).toMatchObject({
      periodHours: 1,
      metrics: { trading: { totalTrades: fills.length } },
    });
  });

  it('names a bad hours value', async () => {
    expect(await failure(alice.metrics.history.query({ hours: 0 }))).toMatchObject({
      code: 'VALIDATION_ERROR',
      message: expect.stringContaining('hours'),
    });
    expect(await failure(alice.metrics.history.query({ hours: 1000 }))).toMatchObject({
      code: 'VALIDATION_ERROR',
      message: expect.stringContaining('at most 168'),
    });
  });
});
