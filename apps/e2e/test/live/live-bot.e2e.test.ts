/**
 * Issue 17 sections 1-2 through the SDK: a LIVE bot trades on a keyed Binance account at the fake
 * exchange (orders signed and visible there, each under its client order id, fills with the
 * exchange's fees), stops with its positions sold on the exchange, and finishes with a
 * PerformanceRecord and webhooks events like a paper bot's. The start conditions are refused by
 * name; someone else's account is NOT_FOUND.
 */
import { type FakeExchange, startFakeExchange } from '@tradewind/fake-exchange';
import type { RunningServer } from '@tradewind/server';
import { startTestServer } from '@tradewind/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { failure } from '../support/clients.ts';
import { until } from '../support/until.ts';
import {
  LIVE_KEY,
  type LiveTrader,
  liveFakeAccount,
  liveTrader,
  orderPosts,
} from './live-support.ts';

const MINUTE = 60_000;
const clock = { now: Date.parse('2026-03-02T09:30:05Z') };
const LIVE_BOT = {
  mode: 'LIVE' as const,
  initialCash: 20_000,
  symbols: ['BTC/USDT'],
  strategy: 'MovingAverage',
  params: { fast: 2, slow: 4 },
  timeframe: '1m' as const,
  risk: { maxPositionPercent: 50 },
};

let fake: FakeExchange;
let server: RunningServer;
let alice: LiveTrader;

beforeAll(async () => {
  fake = await startFakeExchange({
    seed: 7,
    limits: false,
    now: () => clock.now,
    accounts: [liveFakeAccount()],
  });
  server = await startTestServer(
    {
      adminEmail: 'root@example.com',
      simulatorBarMs: 50,
      venues: {
        urlOverrides: { binance: fake.url },
        extraExchanges: [],
        allowPrivateUrls: true,
        timeoutMs: 5_000,
        backoff: { initialMs: 200 },
      },
    },
    { now: () => new Date(clock.now) },
  );
  alice = await liveTrader(server, 'live-alice@example.com', () => clock.now);
}, 120_000);

afterAll(async () => {
  await server?.close();
  await fake?.close();
});

const btcHeld = async () => {
  const port = server.deps.venues.execution({ exchangeId: 'binance', credentials: LIVE_KEY });
  return (await port.balances()).find((row) => row.currency === 'BTC')?.total ?? 0;
};

describe('starting a LIVE bot', () => {
  it('is refused, by name, without its account, confirmation or limits; another user gets 404', async () => {
    const { client, accountId } = alice;
    expect(await failure(client.bots.create.mutate(LIVE_BOT))).toMatchObject({
      code: 'VALIDATION_ERROR',
      message: expect.stringMatching(/^accountId: LIVE trading needs a connected exchange account/),
    });
    expect(await failure(client.bots.create.mutate({ ...LIVE_BOT, accountId }))).toMatchObject({
      code: 'VALIDATION_ERROR',
      message: expect.stringMatching(/^confirmLive: /),
    });
    const paper = await client.accounts.create.mutate({ exchange: 'paper', initialBalance: 100 });
    const onPaper = { ...LIVE_BOT, accountId: paper.accountId, confirmLive: true };
    expect(await failure(client.bots.create.mutate(onPaper))).toMatchObject({
      code: 'VALIDATION_ERROR',
      message: expect.stringContaining('has no API keys'),
    });
    const bob = await liveTrader(server, 'live-bob@example.com', () => clock.now);
    const stolen = { ...LIVE_BOT, accountId, confirmLive: true };
    expect(await failure(bob.client.bots.create.mutate(stolen))).toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(
      await failure(
        bob.client.live.setAccountLimits.mutate({
          accountId,
          maxOrderNotional: 1,
          maxOpenExposure: 1,
        }),
      ),
    ).toMatchObject({ code: 'NOT_FOUND' });
    expect(await server.deps.db.prisma.bot.count()).toBe(0);
  });
});

describe('a LIVE bot on the fake exchange', () => {
  let botId: number;

  it('trades through the exchange: one signed order per decision, every fill recorded once', async () => {
    const { client, accountId } = alice;
    fake.control.clearRequests();
    const bot = await client.bots.create.mutate({ ...LIVE_BOT, accountId, confirmLive: true });
    botId = bot.id;
    expect(bot).toMatchObject({ mode: 'LIVE', feed: 'binance', status: 'ACTIVE' });
    for (let minute = 0; minute < 60; minute++) {
      const { orders } = await client.live.orders.query({ botId });
      if (orders.filter((order) => order.side === 'SELL').length >= 1 && minute > 10) break;
      clock.now += MINUTE;
      const closed = Math.floor(clock.now / MINUTE) * MINUTE - MINUTE;
      await until(
        () => server.deps.db.prisma.bot.findUniqueOrThrow({ where: { id: botId } }),
        (row) => row.lastBarTime?.getTime() === closed,
        60_000,
      );
    }
    const { orders } = await client.live.orders.query({ botId });
    expect(orders.length).toBeGreaterThanOrEqual(2);
    expect(orders.map((order) => order.clientOrderId)).toEqual(
      orders.map((_, index) => `tw-${botId}-${index + 1}`),
    );
    expect(orders.every((order) => order.status === 'FILLED')).toBe(true);
    // Signed correctly: the exchange answered every order POST, and there is one per order.
    expect(orderPosts(fake).map((post) => post.status)).toEqual(orders.map(() => 200));
    const port = server.deps.venues.execution({ exchangeId: 'binance', credentials: LIVE_KEY });
    const onExchange = await port.fills('BTC/USDT');
    const recorded = orders.flatMap((order) => order.fills);
    expect(recorded.map((fill) => fill.exchangeFillId).sort()).toEqual(
      onExchange.map((fill) => fill.id).sort(),
    );
    expect(recorded.find((fill) => fill.feeCurrency === 'BTC')).toBeDefined();
    // The ledger's position is what the account holds (fees in BTC included).
    const detail = await client.bots.get.query({ botId });
    expect(detail.trades).toHaveLength(recorded.length);
    const position = detail.positions.find((p) => p.symbol === 'BTC/USDT')?.quantity ?? 0;
    expect(position).toBeCloseTo(await btcHeld(), 8);
  }, 600_000);

  it('stops with its position sold on the exchange, a PerformanceRecord and bot.finished', async () => {
    const { client } = alice;
    const stopped = await client.bots.stop.mutate({ botId });
    expect(stopped.status).toBe('COMPLETED');
    // Sold in the market's step (0.00001 BTC): what is left is dust below it.
    expect(await btcHeld()).toBeLessThan(0.00001);
    const { orders } = await client.live.orders.query({ botId });
    const detail = await client.bots.get.query({ botId });
    expect(detail.trades).toHaveLength(orders.flatMap((order) => order.fills).length);
    expect(detail.positions.every((position) => position.quantity < 0.00001)).toBe(true);
    const performance = await client.performance.bot.query({ botId });
    expect(performance).toMatchObject({ botId });
    const events = await server.deps.db.prisma.outboxEvent.findMany({ where: { botId } });
    const types = new Set(events.map((event) => event.type));
    expect([...types]).toEqual(
      expect.arrayContaining(['bot.started', 'trade.executed', 'bot.finished', 'alert']),
    );
    const [report] = (await client.live.reconcileReports.query({ botId })).reports;
    expect(report).toMatchObject({ botId, policy: 'resume', paused: false, unknownOrders: [] });
  }, 120_000);
});
