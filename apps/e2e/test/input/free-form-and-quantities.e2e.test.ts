/**
 * Free-form objects with prototype keys (strategy parameters stored without validation,
 * walk-forward grids), sent as raw tRPC requests since the SDK's own superjson refuses to send
 * them, are refused with a 400 naming the key and store nothing, so a sharee's list keeps
 * working. Through the SDK: a quantity that rounds to zero is refused at the door and the bot
 * keeps trading.
 */
import type { TradewindClient } from '@tradewind/sdk';
import type { RunningServer } from '@tradewind/server';
import { startTestServer } from '@tradewind/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientsFor, failure } from '../support/clients.ts';
import { rawMutation } from '../support/raw-trpc.ts';

let server: RunningServer;
let alice: TradewindClient;
let aliceHeaders: Record<string, string>;
let bob: TradewindClient;
beforeAll(async () => {
  server = await startTestServer({ simulatorBarMs: 10 });
  const clients = clientsFor(server);
  const aliceToken = (await clients.register('alice@example.com', 'Alice')).accessToken;
  alice = clients.withToken(aliceToken);
  aliceHeaders = { authorization: `Bearer ${aliceToken}` };
  bob = clients.withToken((await clients.register('bob@example.com', 'Bob')).accessToken);
}, 120_000);
afterAll(async () => {
  await server?.close();
});

const config = (parameters: Record<string, number>) => ({
  name: 'Poisoned?',
  algorithm: 'MovingAverage',
  symbols: ['AAPL'],
  parameters,
});

describe('free-form objects with prototype keys', () => {
  it('refuses strategy parameters with a constructor key, even unvalidated, and stores nothing', async () => {
    const before = await server.deps.db.prisma.strategy.count();
    // (`__proto__` never arrives: superjson drops it while decoding.)
    for (const key of ['constructor', 'prototype']) {
      const refused = await rawMutation(
        server.url,
        'strategies.create',
        `{"json":{"config":{"name":"P","algorithm":"MovingAverage","symbols":["AAPL"],"parameters":{"fast":5,"slow":20,"${key}":1}},"validateParameters":false}}`,
        { headers: aliceHeaders },
      );
      expect(refused.status, refused.message).toBe(400);
      expect(refused.message).toBe(
        `Invalid input: config.parameters.${key}: the key "${key}" is not allowed`,
      );
    }
    expect(await server.deps.db.prisma.strategy.count()).toBe(before);
  });

  it("keeps a sharee's and the owner's lists working", async () => {
    const shared = await alice.strategies.create.mutate({
      config: config({ fast: 5, slow: 20 }),
      validateParameters: false,
    });
    const update = await rawMutation(
      server.url,
      'strategies.update',
      `{"json":{"strategyId":${shared.id},"config":{"parameters":{"fast":5,"constructor":1}},"validateParameters":false}}`,
      { headers: aliceHeaders },
    );
    expect(update.status).toBe(400);
    await alice.strategies.share.mutate({
      strategyId: shared.id,
      email: 'bob@example.com',
      permissions: ['read'],
    });
    const seen = await bob.strategies.list.query();
    expect(seen.items.map((strategy) => strategy.id)).toContain(shared.id);
    expect((await alice.strategies.list.query()).items).toHaveLength(1);
    expect((await alice.strategies.get.query({ strategyId: shared.id })).parameters).toEqual({
      fast: 5,
      slow: 20,
    });
  });

  it('refuses a walk-forward grid with a constructor key', async () => {
    const refused = await rawMutation(
      server.url,
      'backtests.run',
      `{"json":{"strategy":{"type":"builtin","name":"MovingAverage"},"data":{"source":"simulator","symbols":["SIM"],"timeframe":"1d","start":"2020-01-01T00:00:00Z","end":"2021-12-31T00:00:00Z"},"walkForward":true,"walkForwardWindow":200,"walkForwardGrid":{"fast":[5,10],"constructor":[1]}}}`,
      { headers: aliceHeaders },
    );
    expect(refused.status, refused.message).toBe(400);
    expect(refused.message).toBe(
      'Invalid input: walkForwardGrid.constructor: the key "constructor" is not allowed',
    );
    expect(await server.deps.db.prisma.backtest.count()).toBe(0);
  });
});

describe('quantities at the door', () => {
  it('refuses a force-enter of 1e-9 and the bot keeps trading', async () => {
    const bot = await alice.bots.create.mutate({
      initialCash: 10_000,
      symbols: ['IBM'],
      strategy: 'MovingAverage',
    });
    const refused = await failure(
      alice.bots.forceEnter.mutate({ botId: bot.id, symbol: 'IBM', quantity: 1e-9 }),
    );
    expect(refused).toMatchObject({ status: 400, code: 'VALIDATION_ERROR' });
    expect(refused.message).toMatch(
      /is below the smallest tradable quantity: at least 0\.00000001 \(quantities have 8 decimals\)\n {2}→ at quantity/,
    );
    const fill = await alice.bots.forceEnter.mutate({
      botId: bot.id,
      symbol: 'IBM',
      quantity: 0.123456789,
    });
    expect(fill.quantity).toBe(0.12345679);
    // Bars keep being processed after both calls: the ledger rebuilds and the bot trades on.
    const bars = () => server.deps.db.prisma.equitySnapshot.count({ where: { botId: bot.id } });
    const before = await bars();
    await expect.poll(bars, { timeout: 60_000 }).toBeGreaterThan(before + 2);
    expect((await alice.bots.get.query({ botId: bot.id })).status).toBe('ACTIVE');
  }, 120_000);
});
