import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Trade } from '@tradewind/core';
import { type Bar, type Instrument, runBacktest } from '@tradewind/engine';
import { DEFAULT_SYMBOLS, type FakeExchange, startFakeExchange } from '@tradewind/fake-exchange';
import type { TradewindClient } from '@tradewind/sdk';
import type { RunningServer } from '@tradewind/server';
import { startTestServer } from '@tradewind/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rest } from '../enterprise/support/enterprise-server.ts';
import { clientsFor, clientWithToken, failure } from '../support/clients.ts';
import { until } from '../support/until.ts';

const MINUTE = 60_000;
// One clock for the server and the fake exchange: the test moves it a minute at a time.
const clock = { now: Date.parse('2026-03-02T09:30:05Z') };
const PARAMS = { fast: 2, slow: 4 };
// ETH near 3,000 (step 0.0001): half of this buys a few ETH.
const INITIAL_CASH = 100_000;
const POSITION_PERCENT = 50;
// The bot's risk settings (percents) and the same rules as the engine's fractions: a tight
// stop-loss with a cooldown, so the bot's fills are the strategy's and the risk rules' together.
const RISK = {
  stopLossPercent: 0.1,
  cooldownBars: 2,
  maxDailyLossPercent: 100,
  maxDrawdownPercent: 100,
  maxPositionPercent: POSITION_PERCENT,
};
const RISK_RULES = { stopLoss: 0.001, cooldownBars: 2, maxDailyLoss: 1, maxDrawdown: 1 };

// The fake's filters (LOT_SIZE step and minimum, NOTIONAL): what paper fills keep to.
const BTC_RULES: Instrument = { quantityStep: 0.00001, minQuantity: 0.00001, minNotional: 5 };
const RULES: Record<string, Instrument> = {
  'BTC/USDT': BTC_RULES,
  'GAP/USDT': BTC_RULES,
  'ETH/USDT': { quantityStep: 0.0001, minQuantity: 0.0001, minNotional: 5 },
};
// GAP/USDT replays recorded minutes in which 11:00 and 11:01 are missing (the exchange was down).
const GAP_FROM = Date.parse('2026-03-02T11:00:00Z');
const GAP_MINUTES = 2;

/** 08:00 .. 11:59 of 2026-03-02, a wave the moving averages cross, without the gap minutes. */
function gapCsv(): string {
  const rows = ['Date,Time,Open,High,Low,Close,Volume'];
  const start = Date.parse('2026-03-02T08:00:00Z');
  for (let i = 0; i < 240; i++) {
    const time = start + i * MINUTE;
    if (time >= GAP_FROM && time < GAP_FROM + GAP_MINUTES * MINUTE) continue;
    const open = 100 + 5 * Math.sin(i / 2);
    const close = 100 + 5 * Math.sin((i + 1) / 2);
    const [date, clockTime] = new Date(time).toISOString().slice(0, 19).split('T');
    const prices = [open, Math.max(open, close) + 0.5, Math.min(open, close) - 0.5, close];
    rows.push([date, clockTime, ...prices.map((price) => price.toFixed(4)), '10'].join(','));
  }
  return `${rows.join('\n')}\n`;
}

let exchange: FakeExchange;
let server: RunningServer;
let alice: TradewindClient;
let directory: string;

beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'exchange-feed-'));
  const csv = join(directory, 'gap.csv');
  await writeFile(csv, gapCsv());
  exchange = await startFakeExchange({
    seed: 7,
    limits: false,
    now: () => clock.now,
    symbols: [
      ...DEFAULT_SYMBOLS,
      { symbol: 'GAPUSDT', baseAsset: 'GAP', quoteAsset: 'USDT', price: 100, csv },
    ],
  });
  server = await startTestServer(
    {
      adminEmail: 'root@example.com',
      simulatorBarMs: 50,
      venues: {
        urlOverrides: { binance: exchange.url },
        extraExchanges: [],
        allowPrivateUrls: true,
        timeoutMs: 5_000,
        backoff: { initialMs: 200 },
      },
    },
    { now: () => new Date(clock.now) },
  );
  const { accessToken } = await clientsFor(server).register('alice@example.com');
  alice = clientWithToken(server, accessToken);
}, 120_000);
afterAll(async () => {
  await server?.close();
  await exchange?.close();
  if (directory) await rm(directory, { recursive: true });
});

/** The last bar the runner processed for a bot (epoch ms), or null before its first. */
async function lastBarTime(botId: number): Promise<number | null> {
  const bot = await server.deps.db.prisma.bot.findUniqueOrThrow({ where: { id: botId } });
  return bot.lastBarTime?.getTime() ?? null;
}

/** Moves the shared clock past the next bar's close and waits for the bot to process it. */
async function nextMinute(botId: number, firstBar: number): Promise<void> {
  clock.now += MINUTE;
  const closed = Math.floor(clock.now / MINUTE) * MINUTE - MINUTE;
  expect(closed).toBeGreaterThanOrEqual(firstBar);
  await until(
    () => lastBarTime(botId),
    (time) => time === closed,
    60_000,
  );
}

/** The stored exchange candles of a symbol: what its bots saw (warm-up and live bars). */
async function storedBars(symbol = 'ETH/USDT'): Promise<Bar[]> {
  const rows = await server.deps.db.prisma.candle.findMany({
    where: { venue: 'binance', symbol, timeframe: '1m' },
    orderBy: { time: 'asc' },
  });
  return rows.map(({ time, open, high, low, close, volume }) => ({
    time: time.getTime(),
    open,
    high,
    low,
    close,
    volume,
  }));
}

/**
 * The engine alone over the same candles with the same settings and the market's rules: the
 * fills the bot must have.
 */
async function expectedFills(
  firstBar: number,
  lastBar: number,
  { symbol = 'ETH/USDT', initialCash = INITIAL_CASH } = {},
) {
  const bars = await storedBars(symbol);
  const result = runBacktest({
    bars: { [symbol]: bars },
    strategy: { name: 'MovingAverage', params: PARAMS },
    startTime: firstBar,
    endTime: lastBar,
    initialCash,
    commission: server.deps.config.paperCommissionRate,
    sizing: { type: 'percent_of_equity', percent: POSITION_PERCENT },
    risk: RISK_RULES,
    instruments: { [symbol]: RULES[symbol] as Instrument },
  });
  return result.fills.map((fill) => ({
    action: fill.side,
    quantity: Number(fill.quantity.toFixed(8)),
    price: Number(fill.price.toFixed(8)),
    barTime: new Date(fill.time).toISOString(),
  }));
}

/** Another user: each trades one bot at a time (the plan's active-bot limit). */
async function newTrader(email: string): Promise<TradewindClient> {
  const { accessToken } = await clientsFor(server).register(email);
  return clientWithToken(server, accessToken);
}

function botFills(trades: readonly Trade[]) {
  return trades.map((trade) => ({
    action: trade.action,
    quantity: Number(trade.quantity.toFixed(8)),
    price: Number(trade.price.toFixed(8)),
    barTime: trade.barTime,
  }));
}

describe('a PAPER bot on an exchange feed', () => {
  let botId: number;
  let firstBar: number;

  it('refuses an unknown exchange (listing the known ones) and a symbol the exchange lacks', async () => {
    const base = {
      initialCash: INITIAL_CASH,
      strategy: 'MovingAverage',
      params: PARAMS,
      timeframe: '1m' as const,
    };
    const unknown = await failure(
      alice.bots.create.mutate({ ...base, feed: 'nasdaq', symbols: ['ETH/USDT'] }),
    );
    expect(unknown.code).toBe('VALIDATION_ERROR');
    expect(unknown.message).toMatch(/^feed: unknown exchange "nasdaq"; known exchanges: .*binance/);
    const symbol = await failure(
      alice.bots.create.mutate({ ...base, feed: 'binance', symbols: ['DOGE/EUR'] }),
    );
    expect(symbol.code).toBe('VALIDATION_ERROR');
    expect(symbol.message).toBe(
      'symbols: binance has no market DOGE/EUR (symbols look like BTC/USDT)',
    );
  }, 60_000);

  it('trades on the exchange candles as they close, filling exactly like a backtest over them', async () => {
    const bot = await alice.bots.create.mutate({
      initialCash: INITIAL_CASH,
      strategy: 'MovingAverage',
      params: PARAMS,
      timeframe: '1m',
      feed: 'binance',
      symbols: ['ETH/USDT'],
      risk: RISK,
    });
    botId = bot.id;
    expect(bot.feed).toBe('binance');
    firstBar = Math.floor(clock.now / MINUTE) * MINUTE;
    // The bar in progress is never traded: nothing is processed until it closes.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await lastBarTime(botId)).toBeNull();
    for (let i = 0; i < 30; i++) await nextMinute(botId, firstBar);

    const lastBar = firstBar + 29 * MINUTE;
    const bars = await storedBars();
    // Warmed up on 100 fetched closed bars before its start, then the 30 it traded on.
    expect(bars.length).toBe(130);
    expect(bars.at(-1)?.time).toBe(lastBar);
    // What was stored is the exchange's own candles.
    const klines = (await (
      await fetch(
        `${exchange.url}/api/v3/klines?symbol=ETHUSDT&interval=1m&startTime=${bars[0]?.time}&limit=130`,
      )
    ).json()) as Array<[number, string, string, string, string]>;
    expect(klines.map(([time, , , , close]) => [time, Number(close)])).toEqual(
      bars.map((bar) => [bar.time, bar.close]),
    );
    const detail = await alice.bots.get.query({ botId });
    const expected = await expectedFills(firstBar, lastBar);
    expect(expected.length).toBeGreaterThanOrEqual(2);
    expect(botFills(detail.trades)).toEqual(expected);
    // The stop-loss acted on these candles, in the bot and in the backtest alike.
    expect(detail.trades.some((trade) => trade.reason === 'stop_loss')).toBe(true);
    expect(detail.trades.every((trade) => trade.feed === 'binance')).toBe(true);
  }, 600_000);

  it('waits while the exchange answers 5xx (an alert says why), invents no fill, then resumes', async () => {
    const before = await lastBarTime(botId);
    const faultId = exchange.control.injectFault({
      kind: 'status',
      status: 503,
      path: '/api/v3/klines',
    });
    clock.now += 3 * MINUTE;
    const alerts = await until(
      async () => (await alice.alerts.list.query({ botId })).alerts,
      (list) => list.some((alert) => alert.kind === 'feed_unavailable'),
      60_000,
    );
    const down = alerts.find((alert) => alert.kind === 'feed_unavailable');
    expect(down?.message).toMatch(/^Waiting for binance: /);
    // A few more ticks while the exchange stays down: no bar, no fill.
    const tradesDown = (await alice.bots.get.query({ botId })).trades.length;
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(await lastBarTime(botId)).toBe(before);
    expect((await alice.bots.get.query({ botId })).trades.length).toBe(tradesDown);
    expect(
      (await alice.alerts.list.query({ botId })).alerts.filter(
        (a) => a.kind === 'feed_unavailable',
      ),
    ).toHaveLength(1);

    exchange.control.removeFault(faultId);
    const caughtUp = Math.floor(clock.now / MINUTE) * MINUTE - MINUTE;
    await until(
      () => lastBarTime(botId),
      (time) => time === caughtUp,
      60_000,
    );
    const after = (await alice.alerts.list.query({ botId })).alerts;
    expect(after.some((alert) => alert.kind === 'feed_restored')).toBe(true);
    // Every bar of the outage was processed once it answered, on the exchange's candles.
    const detail = await alice.bots.get.query({ botId });
    expect(botFills(detail.trades)).toEqual(await expectedFills(firstBar, caughtUp));
  }, 300_000);

  it('trades fractional BTC with 10,000 USDT in the market step, exactly like a backtest under the same rules', async () => {
    const cash = 10_000;
    const carol = await newTrader('carol@example.com');
    const bot = await carol.bots.create.mutate({
      initialCash: cash,
      strategy: 'MovingAverage',
      params: PARAMS,
      timeframe: '1m',
      feed: 'binance',
      symbols: ['BTC/USDT'],
      risk: RISK,
    });
    // 8 USDT: half of it buys a few 0.00001 steps of BTC, under the 5 USDT minimum notional.
    const erin = await newTrader('erin@example.com');
    const small = await erin.bots.create.mutate({
      initialCash: 8,
      strategy: 'MovingAverage',
      params: PARAMS,
      timeframe: '1m',
      feed: 'binance',
      symbols: ['BTC/USDT'],
      risk: RISK,
    });
    const first = Math.floor(clock.now / MINUTE) * MINUTE;
    // Thirty bars close at once: the runner catches up bar by bar.
    clock.now += 30 * MINUTE;
    const last = first + 29 * MINUTE;
    await until(
      () => lastBarTime(bot.id),
      (time) => time === last,
      120_000,
    );
    const trades = (await carol.bots.get.query({ botId: bot.id })).trades;
    const expected = await expectedFills(first, last, {
      symbol: 'BTC/USDT',
      initialCash: cash,
    });
    expect(expected.length).toBeGreaterThanOrEqual(2);
    expect(botFills(trades)).toEqual(expected);
    // 5,000 USDT at about 60,000: a fraction of a BTC, a whole number of 0.00001 steps.
    const [entry] = trades;
    expect(entry?.quantity).toBeGreaterThan(0.01);
    expect(entry?.quantity).toBeLessThan(1);
    expect(
      Math.abs(
        (entry?.quantity ?? 0) / BTC_RULES.quantityStep -
          Math.round((entry?.quantity ?? 0) / BTC_RULES.quantityStep),
      ),
    ).toBeLessThan(1e-6);

    // The small bot's entries are refused with the rule named, never filled as zero.
    await until(
      () => lastBarTime(small.id),
      (time) => time === last,
      120_000,
    );
    expect((await erin.bots.get.query({ botId: small.id })).trades).toEqual([]);
    const refused = (await erin.alerts.list.query({ botId: small.id })).alerts.filter(
      (alert) => alert.kind === 'order_rejected',
    );
    expect(refused.length).toBeGreaterThanOrEqual(1);
    expect(refused[0]?.message).toMatch(
      /^Order refused: buy 0\.\d+ BTC\/USDT at [\d.]+: notional [\d.]+ is below the market's minimum 5$/,
    );
    expect(refused[0]?.values).toMatchObject({ reason: 'BELOW_MINIMUM', side: 'BUY' });
  }, 300_000);

  it('reports candles the exchange does not have and continues on the next real one, inventing none', async () => {
    const dave = await newTrader('dave@example.com');
    const bot = await dave.bots.create.mutate({
      initialCash: 10_000,
      strategy: 'MovingAverage',
      params: PARAMS,
      timeframe: '1m',
      feed: 'binance',
      symbols: ['GAP/USDT'],
      risk: RISK,
    });
    const first = Math.floor(clock.now / MINUTE) * MINUTE;
    expect(first).toBeLessThan(GAP_FROM);
    clock.now = GAP_FROM + 5 * MINUTE + 5_000;
    const last = GAP_FROM + 4 * MINUTE;
    await until(
      () => lastBarTime(bot.id),
      (time) => time === last,
      120_000,
    );
    const gaps = (await dave.alerts.list.query({ botId: bot.id })).alerts.filter(
      (alert) => alert.kind === 'feed_gap',
    );
    expect(gaps).toHaveLength(1);
    expect(gaps[0]?.values).toEqual({
      feed: 'binance',
      symbol: 'GAP/USDT',
      from: new Date(GAP_FROM).toISOString(),
      to: new Date(GAP_FROM + GAP_MINUTES * MINUTE).toISOString(),
      missingBars: GAP_MINUTES,
    });
    // Nothing was made up: no stored candle, no equity snapshot inside the gap.
    const stored = (await storedBars('GAP/USDT')).map((bar) => bar.time);
    expect(stored).not.toContain(GAP_FROM);
    expect(stored).not.toContain(GAP_FROM + MINUTE);
    expect(stored).toContain(GAP_FROM + GAP_MINUTES * MINUTE);
    const snapshots = await server.deps.db.prisma.equitySnapshot.findMany({
      where: { botId: bot.id },
      select: { time: true },
    });
    const snapshotTimes = snapshots.map((snapshot) => snapshot.time.getTime());
    expect(snapshotTimes).not.toContain(GAP_FROM);
    expect(snapshotTimes).toContain(GAP_FROM + GAP_MINUTES * MINUTE);
    // The fills are the engine's over the candles that exist.
    const trades = (await dave.bots.get.query({ botId: bot.id })).trades;
    const expected = await expectedFills(first, last, {
      symbol: 'GAP/USDT',
      initialCash: 10_000,
    });
    expect(expected.length).toBeGreaterThanOrEqual(2);
    expect(botFills(trades)).toEqual(expected);
  }, 300_000);

  it('starts through the enterprise POST /bots with the optional feed field', async () => {
    const clients = clientsFor(server);
    const root = await clients.register('root@example.com', 'Root');
    const bob = await clients.register('bob@example.com', 'Bob');
    await clients
      .withToken(root.accessToken)
      .admin.users.update.mutate({ userId: bob.user.id, plan: 'enterprise' });
    const { key } = await clients
      .withToken(bob.accessToken)
      .apiKeys.create.mutate({ name: 'bob enterprise', scopes: ['CONTROL'] });
    const body = { mode: 'PAPER', initialCash: INITIAL_CASH, strategy: 'MovingAverage' };
    const unknown = await rest(server, 'POST', '/bots', {
      key,
      body: { ...body, symbols: ['ETH/USDT'], feed: 'nasdaq' },
    });
    expect(unknown.status, unknown.text).toBe(400);
    expect((unknown.body as { error: string }).error).toMatch(/^feed: unknown exchange "nasdaq"/);
    const started = await rest(server, 'POST', '/bots', {
      key,
      body: { ...body, symbols: ['ETH/USDT'], feed: 'binance' },
    });
    expect(started.status, started.text).toBe(201);
    const { id } = (started.body as { data: { id: number } }).data;
    const bot = await clients.withToken(bob.accessToken).bots.get.query({ botId: id });
    expect(bot.feed).toBe('binance');
    expect(bot.symbols).toEqual(['ETH/USDT']);
  }, 120_000);
});
