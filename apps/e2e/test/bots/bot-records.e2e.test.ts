/**
 * What a finished simulated bot says on every door (issue 12 items 5, 6 and 19): trade and
 * event timestamps are wall-clock times (the simulated bar time is a field of its own), one
 * PnL at the ledger's 8 places everywhere, and every bot, trade and payload names its feed.
 */
import { roundMoney, type WebhookPayload } from '@tradewind/core';
import { startWebhookReceiver, type WebhookReceiver } from '@tradewind/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type EnterpriseAccount,
  type EnterpriseHarness,
  rest,
  startEnterpriseServer,
} from '../enterprise/support/enterprise-server.ts';
import { clientWithToken } from '../support/clients.ts';
import { until } from '../support/until.ts';

let harness: EnterpriseHarness;
let receiver: WebhookReceiver;
let account: EnterpriseAccount;

beforeAll(async () => {
  harness = await startEnterpriseServer();
  receiver = await startWebhookReceiver();
  account = await harness.account('ledger');
});
afterAll(async () => {
  await harness?.close();
  await receiver?.close();
});

/** At most 8 decimals: what the ledger keeps. */
const atLedgerScale = (value: number) => roundMoney(value) === value;

type RestBot = {
  id: number;
  start_time: string;
  end_time: string;
  initial_cash: number;
  final_cash: number;
  total_pnl: number;
  trades: { timestamp: string }[];
};

describe('a finished simulated bot on every door', () => {
  it('stamps fills with wall-clock time, shows one PnL and names its feed', {
    timeout: 120_000,
  }, async () => {
    const { server } = harness;
    const sdk = clientWithToken(server, account.tokens.accessToken);
    await sdk.webhooks.create.mutate({
      url: receiver.url,
      events: ['bot.started', 'bot.finished', 'trade.executed'],
    });
    const created = await rest(server, 'POST', '/bots', {
      key: account.key,
      body: { mode: 'PAPER', initialCash: 100_000, symbols: ['AAPL'], strategy: 'MovingAverage' },
    });
    expect(created.status).toBe(201);
    const botId = (created.body as { data: { id: number } }).data.id;
    // A bar every 10 ms of a 1-minute timeframe: the simulated clock runs far ahead of ours.
    await until(
      () => server.deps.db.prisma.trade.count({ where: { botId } }),
      (fills) => fills >= 4,
      60_000,
    );
    const stopped = await rest(server, 'POST', `/bots/${botId}/stop`, {
      key: account.key,
      body: {},
    });
    expect(stopped.status).toBe(200);
    const finishedAt = Date.now();

    const bot = (
      (await rest(server, 'GET', `/bots/${botId}`, { key: account.key })).body as {
        data: RestBot;
      }
    ).data;
    // Item 6: total_pnl is final_cash - initial_cash, at the ledger's 8 places, on every door.
    expect([bot.initial_cash, bot.final_cash, bot.total_pnl].every(atLedgerScale)).toBe(true);
    expect(bot.total_pnl).toBe(roundMoney(bot.final_cash - bot.initial_cash));
    expect((bot.final_cash - bot.initial_cash).toFixed(8)).toBe(bot.total_pnl.toFixed(8));
    const stats = (await rest(server, 'GET', '/stats', { key: account.key })).body as {
      data: { total_pnl: number };
    };
    expect(stats.data.total_pnl).toBe(bot.total_pnl);
    const sdkBot = await sdk.bots.get.query({ botId });
    expect(sdkBot.totalPnl).toBe(bot.total_pnl);
    expect(sdkBot.finalCash).toBe(bot.final_cash);
    const performance = await sdk.performance.bot.query({ botId });
    expect(performance.pnl).toBe(bot.total_pnl);
    expect(performance.equity).toBe(bot.final_cash);

    // Item 5: a fill's timestamp is when it filled: within the bot's wall-clock life.
    const started = Date.parse(bot.start_time);
    const ended = Date.parse(bot.end_time);
    expect(ended).toBeLessThanOrEqual(finishedAt);
    for (const trade of bot.trades) {
      expect(Date.parse(trade.timestamp)).toBeGreaterThanOrEqual(started);
      expect(Date.parse(trade.timestamp)).toBeLessThanOrEqual(ended);
    }
    // The simulated bar time is its own field on the internal doors, and runs ahead.
    expect(sdkBot.trades.length).toBe(bot.trades.length);
    expect(sdkBot.trades.some((trade) => Date.parse(trade.barTime) > ended)).toBe(true);
    const listed = await sdk.trades.list.query({ botId });
    expect(listed.trades.map((trade) => trade.timestamp).sort()).toEqual(
      bot.trades.map((trade) => trade.timestamp).sort(),
    );

    // Item 19: the bot, its trades and its result name their feed.
    expect(sdkBot.feed).toBe('simulator');
    expect(new Set(sdkBot.trades.map((trade) => trade.feed))).toEqual(new Set(['simulator']));
    expect(performance.feed).toBe('simulator');

    // Webhooks: one bot.started, a trade.executed per fill, one bot.finished.
    const expected = 2 + bot.trades.length;
    const payloads = (await receiver.waitFor(expected, 60_000)).map(
      (webhook) => JSON.parse(webhook.body) as WebhookPayload,
    );
    const byType = (type: WebhookPayload['event_type']) =>
      payloads.filter((payload) => payload.event_type === type);
    const finished = byType('bot.finished')[0];
    if (finished?.event_type !== 'bot.finished') throw new Error('no bot.finished delivered');
    expect(finished.data).toMatchObject({
      total_pnl: bot.total_pnl,
      final_cash: bot.final_cash,
      initial_cash: bot.initial_cash,
      feed: 'simulator',
    });
    expect(byType('bot.started')[0]?.data).toMatchObject({ feed: 'simulator' });
    const fills = byType('trade.executed');
    expect(fills.length).toBe(bot.trades.length);
    for (const fill of fills) {
      if (fill.event_type !== 'trade.executed') continue;
      expect(fill.data.feed).toBe('simulator');
      // A fill is never stamped after the event that announces it.
      expect(Date.parse(fill.data.timestamp)).toBeLessThanOrEqual(Date.parse(fill.timestamp));
      expect(Date.parse(fill.data.timestamp)).toBeLessThanOrEqual(ended);
    }
  });
});
