import { type FakeExchange, startFakeExchange } from '@tradewind/fake-exchange';
import { createTestDatabase, type TestDatabase } from '@tradewind/testing';
import { createVenues } from '@tradewind/venues';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LiveLedger } from '../../venues/live-ledger.ts';
import { bookExchangeFills } from './book-exchange-fills.ts';
import type { LiveTarget } from './live-target.ts';
import { placeOrder } from './place-order.ts';
import { refreshOpenOrders } from './refresh-open-orders.ts';

const KEY = { apiKey: 'orders-test-key-5e1d', secret: 'orders-test-SECRET-9a7c31' };
const BUY = { symbol: 'BTC/USDT', side: 'BUY', type: 'market' } as const;

let fake: FakeExchange;
let db: TestDatabase;
let target: LiveTarget;
let botId: number;

beforeAll(async () => {
  fake = await startFakeExchange({
    seed: 5,
    limits: false,
    accounts: [{ ...KEY, balances: { USDT: 50_000 }, canWithdraw: false }],
  });
  db = await createTestDatabase();
  const user = await db.prisma.user.create({
    data: { email: 'live@example.com', firstName: 'L', passwordHash: 'x' },
  });
  const account = await db.prisma.account.create({
    data: { userId: user.id, name: 'fake', exchange: 'binance' },
  });
  const bot = await db.prisma.bot.create({
    data: {
      userId: user.id,
      name: 'live',
      mode: 'LIVE',
      strategy: 'MovingAverage',
      symbols: ['BTC/USDT'],
      initialCash: 10_000,
      currentCash: 10_000,
      accountId: account.id,
    },
  });
  botId = bot.id;
  const venues = createVenues({
    urlOverrides: { binance: fake.url },
    extraExchanges: [],
    allowPrivateUrls: true,
  });
  target = {
    botId,
    accountId: account.id,
    port: venues.execution({ exchangeId: 'binance', credentials: KEY }),
  };
}, 120_000);

afterAll(async () => {
  await db?.close();
  await fake?.close();
});

const deps = () => ({ db });
const orderPosts = () =>
  fake.control
    .requests()
    .filter((entry) => entry.method === 'POST' && entry.path === '/api/v3/order');

describe('placing a LIVE order', () => {
  it('sends it under the client id (bot, sequence) and records its fill with the exchange fee', async () => {
    const order = await placeOrder(deps(), target, { ...BUY, quantity: 0.01 }, 'signal');
    expect(order).toMatchObject({ sequence: 1, clientOrderId: `tw-${botId}-1`, status: 'FILLED' });
    const onExchange = await target.port.findOrder('BTC/USDT', `tw-${botId}-1`);
    expect(onExchange).toMatchObject({ id: order.exchangeOrderId, filled: 0.01 });
    const fills = await db.prisma.orderFill.findMany({ where: { orderId: order.id } });
    expect(
      fills.map((fill) => [Number(fill.quantity), Number(fill.fee), fill.feeCurrency]),
    ).toEqual([[0.01, 0.00001, 'BTC']]);
  });

  it('finds an order whose answer was lost instead of placing it again', async () => {
    fake.control.clearRequests();
    fake.control.injectFault({
      kind: 'lostResponse',
      method: 'POST',
      path: '/api/v3/order',
      times: 1,
    });
    const order = await placeOrder(deps(), target, { ...BUY, quantity: 0.002 }, 'signal');
    expect(order).toMatchObject({ sequence: 2, status: 'FILLED', confirmed: true });
    expect(orderPosts()).toHaveLength(1);
    expect(await db.prisma.orderFill.count({ where: { orderId: order.id } })).toBe(1);
  });

  it("refuses what the exchange refuses, with the exchange's reason", async () => {
    const order = await placeOrder(deps(), target, { ...BUY, quantity: 0.00001 }, 'signal');
    expect(order).toMatchObject({ status: 'REJECTED', error: 'order: Filter failure: NOTIONAL' });
  });

  it('follows a partly filled limit order and records each fill once', async () => {
    fake.control.injectFault({ kind: 'partialFill', fraction: 0.5, times: 1 });
    // Marketable (BTC trades near 60,000): half fills at once, the fault holds the rest open.
    const price = 70_000;
    const order = await placeOrder(
      deps(),
      target,
      { ...BUY, type: 'limit', quantity: 0.004, price },
      'signal',
    );
    expect(order).toMatchObject({ status: 'PARTIALLY_FILLED' });
    expect(Number(order.filled)).toBe(0.002);
    await refreshOpenOrders(deps(), target);
    await refreshOpenOrders(deps(), target);
    expect(await db.prisma.orderFill.count({ where: { orderId: order.id } })).toBe(1);
    await target.port.cancelOrder('BTC/USDT', order.exchangeOrderId as string);
    const [refreshed] = await refreshOpenOrders(deps(), target);
    expect(refreshed).toMatchObject({ status: 'CANCELED' });
  });

  it('books every exchange fill on the ledger exactly once, net of the fee taken in BTC', async () => {
    const ledger = new LiveLedger({ initialCash: 10_000 });
    const booked = await bookExchangeFills(db.prisma, { id: botId, fillSequence: 0 }, ledger);
    expect(booked.fills).toHaveLength(3);
    const fills = await db.prisma.orderFill.findMany({ where: { botId } });
    const held = fills.reduce((sum, fill) => sum + Number(fill.quantity) - Number(fill.fee), 0);
    expect(ledger.positionQuantity('BTC/USDT')).toBeCloseTo(held, 10);
    const spent = fills.reduce((sum, fill) => sum + Number(fill.quantity) * Number(fill.price), 0);
    expect(ledger.cash()).toBeCloseTo(10_000 - spent, 6);
    // Until the bar's Trade rows commit, the fills count as unbooked (a rollback re-books them).
    const retry = await bookExchangeFills(
      db.prisma,
      { id: botId, fillSequence: 0 },
      new LiveLedger({ initialCash: 10_000 }),
    );
    expect(retry.fills).toHaveLength(3);
    await db.prisma.trade.createMany({
      data: booked.fills.map((fill, index) => ({
        botId,
        sequence: index + 1,
        symbol: fill.symbol,
        action: fill.side,
        quantity: fill.quantity,
        price: fill.price,
        fee: fill.fee,
        barTime: new Date(fill.time),
      })),
    });
    const again = await bookExchangeFills(db.prisma, { id: botId, fillSequence: 3 }, ledger);
    expect(again.fills).toHaveLength(0);
  });
});
