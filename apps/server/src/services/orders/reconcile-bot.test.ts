import { type FakeExchange, startFakeExchange } from '@tradewind/fake-exchange';
import { createVenues, SimulatedMarket } from '@tradewind/venues';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRuntimeFixture, type RuntimeFixture } from '../../testing/runtime-fixture.ts';
import { openLiveVenue } from '../../venues/live-venue.ts';
import { sealCredentials } from '../accounts/account-credentials.ts';
import { bookExchangeFills } from './book-exchange-fills.ts';

const KEY = { apiKey: 'reconcile-test-key-2b7d', secret: 'reconcile-test-SECRET-61c0ae' };
const clock = { now: Date.parse('2026-03-02T09:30:05Z') };
const SYMBOL = 'BTC/USDT';

let fake: FakeExchange;
let fixture: RuntimeFixture;
let accountId: string;

beforeAll(async () => {
  fake = await startFakeExchange({
    seed: 11,
    limits: false,
    now: () => clock.now,
    accounts: [{ ...KEY, balances: { USDT: 100_000 }, canWithdraw: false }],
  });
  fixture = await createRuntimeFixture(new SimulatedMarket(1), new Date(clock.now));
  Object.assign(fixture.deps, {
    now: () => new Date(clock.now),
    venues: createVenues({
      urlOverrides: { binance: fake.url },
      extraExchanges: [],
      allowPrivateUrls: true,
      now: () => clock.now,
    }),
  });
  const account = await fixture.db.prisma.account.create({
    data: {
      userId: fixture.principal.userId,
      name: 'fake binance',
      exchange: 'binance',
      credentialsEncrypted: sealCredentials(fixture.deps.secretBox, KEY),
      maxOrderNotional: 50_000,
      maxOpenExposure: 80_000,
    },
  });
  accountId = account.id;
}, 120_000);

afterAll(async () => {
  await fixture?.db.close();
  await fake?.close();
});

const port = () => fixture.deps.venues.execution({ exchangeId: 'binance', credentials: KEY });
const btcHeld = async () =>
  (await port().balances()).find((row) => row.currency === 'BTC')?.total ?? 0;
const orderPosts = () =>
  fake.control.requests().filter((r) => r.method === 'POST' && r.path === '/api/v3/order');

async function liveBot(restartPolicy: string) {
  return fixture.db.prisma.bot.create({
    data: {
      userId: fixture.principal.userId,
      name: `live ${restartPolicy}`,
      status: 'ACTIVE',
      mode: 'LIVE',
      strategy: 'MovingAverage',
      symbols: [SYMBOL],
      feed: 'binance',
      initialCash: 20_000,
      currentCash: 20_000,
      accountId,
      restartPolicy,
    },
  });
}

/** Reconciles as a starting process would: the bot's row and trades as stored, a fresh venue. */
async function load(botId: number) {
  const bot = await fixture.db.prisma.bot.findUniqueOrThrow({ where: { id: botId } });
  const trades = await fixture.db.prisma.trade.findMany({ where: { botId } });
  return openLiveVenue(fixture.deps, bot, trades, 'USDT');
}

describe('reconciling a LIVE bot on start', () => {
  it('settles a lost answer, adopts a partly filled order, records fills once, leaves unknown orders alone', async () => {
    const bot = await liveBot('resume');
    const { prisma } = fixture.db;
    // The process wrote order 1 and sent it, then died before the answer: the exchange has it.
    await prisma.bot.update({ where: { id: bot.id }, data: { orderSequence: 2 } });
    const lost = `tw-${bot.id}-1`;
    await prisma.order.create({
      data: {
        botId: bot.id,
        accountId,
        sequence: 1,
        clientOrderId: lost,
        symbol: SYMBOL,
        side: 'BUY',
        type: 'market',
        quantity: 0.01,
      },
    });
    await port().submitOrder({
      symbol: SYMBOL,
      side: 'BUY',
      type: 'market',
      quantity: 0.01,
      clientOrderId: lost,
    });
    const { last } = await fixture.deps.venues
      .client({ exchangeId: 'binance' })
      .fetchTicker(SYMBOL);
    const above = Math.round(last * 1.05);
    // Order 2 was answered (half filled, the rest open), then the process died before its fill.
    fake.control.injectFault({
      kind: 'partialFill',
      fraction: 0.5,
      method: 'POST',
      path: '/api/v3/order',
      times: 1,
    });
    const partial = await port().submitOrder({
      symbol: SYMBOL,
      side: 'BUY',
      type: 'limit',
      quantity: 0.02,
      price: above,
      clientOrderId: `tw-${bot.id}-2`,
    });
    await prisma.order.create({
      data: {
        botId: bot.id,
        accountId,
        sequence: 2,
        clientOrderId: `tw-${bot.id}-2`,
        exchangeOrderId: partial.id,
        symbol: SYMBOL,
        side: 'BUY',
        type: 'limit',
        quantity: 0.02,
        price: above,
        confirmed: true,
      },
    });
    // Someone else's open order on the same account.
    await port().submitOrder({
      symbol: SYMBOL,
      side: 'BUY',
      type: 'limit',
      quantity: 0.001,
      price: Math.round(last * 0.5),
      clientOrderId: 'manual-1',
    });
    const posts = orderPosts().length;

    const venue = await load(bot.id);
    const [report] = (await prisma.reconcileReport.findMany({ where: { botId: bot.id } })).map(
      (r) => r.report,
    );
    expect(report).toMatchObject({
      settledOrders: [{ clientOrderId: lost, status: 'FILLED' }],
      adoptedOrders: [{ clientOrderId: `tw-${bot.id}-2`, status: 'PARTIALLY_FILLED' }],
      unknownOrders: [{ clientOrderId: 'manual-1', symbol: SYMBOL }],
      recordedFills: 2,
      paused: false,
    });
    const booked = await bookExchangeFills(prisma, bot, venue.live.ledger);
    expect(booked.fills).toHaveLength(2);
    expect(venue.live.ledger.positionQuantity(SYMBOL)).toBeCloseTo(await btcHeld(), 8);

    // A second start finds nothing new: no order placed again, no fill recorded twice.
    await load(bot.id);
    expect(orderPosts()).toHaveLength(posts);
    expect(await prisma.orderFill.count({ where: { botId: bot.id } })).toBe(2);
    const alerts = fixture.events.filter(
      (e) => e.type === 'alert' && e.payload.kind === 'reconciled',
    );
    expect(alerts.length).toBeGreaterThanOrEqual(2);
    await port().cancelOrder(SYMBOL, partial.id);
  }, 120_000);

  it("pauses on a position the account no longer holds (resume), or takes the exchange's (adopt)", async () => {
    const { prisma } = fixture.db;
    const bot = await liveBot('resume');
    await prisma.bot.update({ where: { id: bot.id }, data: { orderSequence: 1 } });
    const bought = await port().submitOrder({
      symbol: SYMBOL,
      side: 'BUY',
      type: 'market',
      quantity: 0.01,
      clientOrderId: `tw-${bot.id}-1`,
    });
    await prisma.order.create({
      data: {
        botId: bot.id,
        accountId,
        sequence: 1,
        clientOrderId: `tw-${bot.id}-1`,
        exchangeOrderId: bought.id,
        symbol: SYMBOL,
        side: 'BUY',
        type: 'market',
        quantity: 0.01,
        status: 'FILLED',
        filled: 0.01,
        confirmed: true,
      },
    });
    // Everything the account holds is sold by hand: the ledger's position is gone.
    const held = await btcHeld();
    await port().submitOrder({
      symbol: SYMBOL,
      side: 'SELL',
      type: 'market',
      quantity: Math.floor(held * 1e5) / 1e5,
      clientOrderId: 'manual-sell',
    });

    await load(bot.id);
    const paused = await prisma.bot.findUniqueOrThrow({ where: { id: bot.id } });
    expect(paused.status).toBe('PAUSED');
    const [first] = await prisma.reconcileReport.findMany({ where: { botId: bot.id } });
    expect(first?.report).toMatchObject({
      paused: true,
      positions: [{ symbol: SYMBOL, matches: false }],
    });

    await prisma.bot.update({
      where: { id: bot.id },
      data: { restartPolicy: 'adopt', status: 'ACTIVE' },
    });
    const venue = await load(bot.id);
    const reports = await prisma.reconcileReport.findMany({
      where: { botId: bot.id },
      orderBy: { id: 'desc' },
    });
    expect(reports[0]?.report).toMatchObject({
      paused: false,
      actions: [expect.stringMatching(/^adopted: /)],
    });
    await bookExchangeFills(prisma, { id: bot.id, fillSequence: 0 }, venue.live.ledger);
    expect(venue.live.ledger.positionQuantity(SYMBOL)).toBeCloseTo(await btcHeld(), 8);
    expect((await prisma.bot.findUniqueOrThrow({ where: { id: bot.id } })).status).toBe('ACTIVE');
  }, 120_000);
});
