import {
  ZTradingViewWebhookError,
  ZTradingViewWebhookHealth,
  ZTradingViewWebhookResponse,
} from '@tradewind/core';
import type { TradewindClient } from '@tradewind/sdk';
import type { RunningServer } from '@tradewind/server';
import { startTestServer } from '@tradewind/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientsFor, failure } from '../support/clients.ts';
import { postRaw, seedAlert, sendAlert, signatureOf, WEBHOOK_PATH } from './webhook-support.ts';

let server: RunningServer;
let alice: TradewindClient;
let bob: TradewindClient;
let aliceToken: string;
let aliceBotId: number;
let bobBotId: number;

beforeAll(async () => {
  // One simulated bar a minute: the bots' own strategies stay quiet, every fill is a signal's.
  server = await startTestServer({ simulatorBarMs: 60_000 });
  const clients = clientsFor(server);
  alice = clients.withToken((await clients.register('alice@example.com', 'Alice')).accessToken);
  bob = clients.withToken((await clients.register('bob@example.com', 'Bob')).accessToken);
  const bots = { initialCash: 100_000, strategy: 'MovingAverage' };
  aliceBotId = (
    await alice.bots.create.mutate({ ...bots, name: 'Swing', symbols: ['AAPL', 'BTC/USD'] })
  ).id;
  bobBotId = (await bob.bots.create.mutate({ ...bots, name: 'BobBot', symbols: ['AAPL'] })).id;
  aliceToken = (await alice.signals.rotateToken.mutate()).token;
});
afterAll(async () => {
  await server?.close();
});

const tradesOf = async (client: TradewindClient, botId: number) =>
  (await client.trades.list.query({ botId, limit: 1000, offset: 0 })).trades;
const signalCount = () => server.deps.db.prisma.tradingViewSignal.count();

describe('TradingView webhook', () => {
  it('answers the health check in seed 001 shape', async () => {
    const response = await fetch(`${server.url}${WEBHOOK_PATH}/test`);
    expect(response.status).toBe(200);
    const body = ZTradingViewWebhookHealth.parse(await response.json());
    expect(body.message).toBe('Webhook endpoint is operational');
  });

  it("executes seed 001's buy on the named bot, and a sell closes the position", async () => {
    const bought = await sendAlert(server, seedAlert('Swing'), { token: aliceToken });
    expect(bought.status).toBe(200);
    const answer = ZTradingViewWebhookResponse.parse(bought.body);
    expect(answer).toMatchObject({
      success: true,
      message: 'Signal processed successfully',
      data: { status: 'EXECUTED', success_count: 1, error_count: 0 },
    });
    const [result] = answer.data.results;
    expect(result).toMatchObject({
      bot_id: aliceBotId,
      bot_name: 'Swing',
      action: 'BUY',
      quantity: 3,
    });
    const trades = await tradesOf(alice, aliceBotId);
    expect(trades).toHaveLength(1);
    expect(trades[0]).toMatchObject({
      id: result?.trade_id,
      action: 'BUY',
      symbol: 'AAPL',
      quantity: 3,
      reason: 'force_enter',
    });

    // An exchange prefix and another case still name the bot's symbol.
    const sold = await sendAlert(
      server,
      seedAlert('swing', { symbol: 'NASDAQ:aapl', side: 'SELL', size: 3 }),
      { token: aliceToken },
    );
    expect(sold.status).toBe(200);
    expect(sold.body.data.results[0]).toMatchObject({ action: 'SELL', quantity: 3, success: true });
    expect((await alice.bots.get.query({ botId: aliceBotId })).positions).toEqual([]);

    // Selling with nothing held is an execution error, reported per bot, not a 500.
    const nothing = await sendAlert(server, seedAlert('Swing', { side: 'sell' }), {
      token: aliceToken,
    });
    expect(nothing.status).toBe(200);
    expect(nothing.body).toMatchObject({
      success: false,
      data: { status: 'FAILED', success_count: 0, error_count: 1 },
    });
    expect(nothing.body.data.results[0].error).toMatch(/holds no AAPL/);
  });

  it('takes the token from the alert body too, and never stores it', async () => {
    const answer = await sendAlert(
      server,
      seedAlert('Swing', { symbol: 'BTC/USD', size: '0.01', token: aliceToken }),
    );
    expect(answer.status).toBe(200);
    const logged = await alice.signals.get.query({ id: answer.body.data.correlation_id });
    expect(logged).toMatchObject({ status: 'EXECUTED', botIds: [aliceBotId], symbol: 'BTC/USD' });
    expect(logged.payload).not.toHaveProperty('token');
    expect(JSON.stringify(logged)).not.toContain(aliceToken);
  });

  it('executes the same alert once: by its id, by its body, and when eight copies race', async () => {
    const before = (await tradesOf(alice, aliceBotId)).length;
    const alert = seedAlert('Swing', { size: '1', id: 'alert-42' });
    const first = await sendAlert(server, alert, { token: aliceToken });
    const again = await sendAlert(server, alert, { token: aliceToken });
    expect(first.body.data.status).toBe('EXECUTED');
    expect(again.status).toBe(200);
    expect(again.body.data).toMatchObject({ status: 'DUPLICATE', success_count: 1 });
    expect(again.body.message).toContain(first.body.data.correlation_id);
    expect(
      (await alice.signals.get.query({ id: again.body.data.correlation_id })).duplicateOf,
    ).toBe(first.body.data.correlation_id);

    // Eight copies at once (TradingView firing twice, a proxy retrying), by body and by id:
    // each executes once. On PostgreSQL this fails without the per-user advisory lock.
    const bodies = [
      JSON.stringify(seedAlert('Swing', { size: '2' })),
      JSON.stringify(seedAlert('Swing', { size: '1', id: 'alert-43' })),
    ];
    for (const body of bodies) {
      const racing = await Promise.all(
        Array.from({ length: 8 }, () => sendAlert(server, body, { token: aliceToken })),
      );
      const statuses = racing.map((answer) => answer.body.data.status);
      expect(statuses.filter((status) => status === 'EXECUTED')).toHaveLength(1);
      expect(statuses.filter((status) => status === 'DUPLICATE')).toHaveLength(7);
    }
    expect((await tradesOf(alice, aliceBotId)).length).toBe(before + 3);
  });

  it('refuses a signal older than its max_lag, and executes a fresh one', async () => {
    const before = (await tradesOf(alice, aliceBotId)).length;
    const tenMinutesAgo = new Date(Date.now() - 600_000).toISOString();
    const stale = await sendAlert(
      server,
      seedAlert('Swing', { size: '1', timenow: tenMinutesAgo, max_lag: '60' }),
      { token: aliceToken },
    );
    expect(stale.status).toBe(400);
    expect(ZTradingViewWebhookError.parse(stale.body).detail).toMatch(
      /^timenow: the signal is stale: sent 6\d\d\.\d s ago, max_lag is 60 s$/,
    );
    expect(stale.body.errors).toEqual({ timenow: 'stale: older than max_lag (60 s)' });
    expect((await alice.signals.get.query({ id: stale.body.correlation_id })).status).toBe(
      'REJECTED',
    );

    const fresh = await sendAlert(
      server,
      seedAlert('Swing', { size: '1', timenow: new Date().toISOString(), max_lag: 60 }),
      { token: aliceToken },
    );
    expect(fresh.body.data?.status).toBe('EXECUTED');
    expect((await tradesOf(alice, aliceBotId)).length).toBe(before + 1);
  });

  it('refuses a missing or wrong token with 401, saying nothing about bots', async () => {
    const before = await signalCount();
    const missing = await sendAlert(server, seedAlert('Swing'));
    expect(missing.status).toBe(401);
    expect(missing.body.detail).toMatch(/^Missing webhook token/);
    const answers = await Promise.all(
      ['Swing', 'NoSuchBot', 'BobBot'].map((botname) =>
        sendAlert(server, seedAlert(botname), { token: `${aliceToken.slice(0, -2)}xx` }),
      ),
    );
    for (const answer of answers) {
      expect(answer.status).toBe(401);
      expect(ZTradingViewWebhookError.parse(answer.body).detail).toBe('Invalid webhook token');
      expect(Object.keys(answer.body).sort()).toEqual([
        'detail',
        'request_id',
        'success',
        'timestamp',
      ]);
    }
    const garbage = await sendAlert(server, seedAlert('Swing'), { token: 'tvw_short' });
    expect(garbage.status).toBe(401);
    expect(await signalCount()).toBe(before);
  });

  it("cannot trigger another user's bot: its name is unknown to the token's owner", async () => {
    const bobTradesBefore = await tradesOf(bob, bobBotId);
    const answer = await sendAlert(server, seedAlert('BobBot'), { token: aliceToken });
    const unknown = await sendAlert(server, seedAlert('NoSuchBot'), { token: aliceToken });
    expect(answer.status).toBe(404);
    expect(answer.body.detail).toBe('botname: you have no bot named "BobBot"');
    expect(unknown.body.detail).toBe('botname: you have no bot named "NoSuchBot"');
    expect(await tradesOf(bob, bobBotId)).toEqual(bobTradesBefore);
  });

  it('checks X-TradingView-Signature when a sender provides one', async () => {
    const before = (await tradesOf(alice, aliceBotId)).length;
    const body = JSON.stringify(seedAlert('Swing', { size: '1', id: 'signed-1' }));
    const signed = await sendAlert(server, body, {
      token: aliceToken,
      headers: { 'x-tradingview-signature': signatureOf(body, aliceToken) },
    });
    expect(signed.status).toBe(200);
    const forged = await sendAlert(server, body.replace('"1"', '"50"'), {
      token: aliceToken,
      headers: { 'x-tradingview-signature': signatureOf(body, aliceToken) },
    });
    expect(forged.status).toBe(401);
    expect(forged.body.detail).toMatch(/^X-TradingView-Signature does not match the body/);
    const wrongKey = await sendAlert(server, body.replace('signed-1', 'signed-2'), {
      token: aliceToken,
      headers: { 'x-tradingview-signature': 'sha256=abc' },
    });
    expect(wrongKey.status).toBe(401);
    expect((await tradesOf(alice, aliceBotId)).length).toBe(before + 1);
  });

  it('answers bad input with a 400 naming the field, never a 500, and logs it', async () => {
    const cases: Array<[unknown, Record<string, string>]> = [
      ['{"symbol": "AAPL", ', { body: expect.stringMatching(/^is not valid JSON/) }],
      ['[1, 2]', { body: 'must be a JSON object' }],
      ['', { body: 'is empty: send the alert as a JSON object' }],
      [
        { side: 'buy' },
        {
          symbol: 'is required (a ticker such as AAPL)',
          botname: "is required (your bot's name)",
        },
      ],
      [seedAlert('Swing', { size: 'lots' }), { size: 'must be a number greater than 0' }],
      [seedAlert('Swing', { side: 'hold' }), { side: 'must be "buy" or "sell"' }],
      [seedAlert('Swing', { size: ['1'] }), { size: 'must be a number' }],
      [
        seedAlert('Swing', { leverage: '5' }),
        { leverage: expect.stringMatching(/without leverage/) },
      ],
      [
        seedAlert('Swing', { order_type: 'limit' }),
        { order_type: 'only "market" orders are supported' },
      ],
      [
        seedAlert('Swing', { max_lag: 5 }),
        { max_lag: 'needs the alert time in "timenow" (or "time")' },
      ],
      [
        seedAlert('Swing', { symbol: 'TSLA' }),
        { symbol: 'bot "Swing" does not trade TSLA (it trades AAPL, BTC/USD)' },
      ],
    ];
    for (const [body, errors] of cases) {
      const answer = await sendAlert(server, body, { token: aliceToken });
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expect(answer.body.errors).toEqual(errors);
      const logged = await alice.signals.get.query({ id: answer.body.correlation_id });
      expect(logged).toMatchObject({ status: 'REJECTED', httpStatus: 400 });
    }
    // Any content type (TradingView sends text/plain unless the message is JSON), or none.
    const url = `${server.url}${WEBHOOK_PATH}?token=${encodeURIComponent(aliceToken)}`;
    const json = JSON.stringify(seedAlert('Swing', { size: '1', id: 'no-content-type' }));
    const untyped = await postRaw(url, json, {
      'content-length': String(Buffer.byteLength(json)),
    });
    expect(untyped.status).toBe(200);
    expect(JSON.parse(untyped.body).data.status).toBe('EXECUTED');
    const form = await postRaw(url, json.replace('no-content-type', 'form'), {
      'content-type': 'application/x-www-form-urlencoded',
    });
    expect(JSON.parse(form.body).data.status).toBe('EXECUTED');
    const huge = await postRaw(url, 'x'.repeat(70_000), { 'content-type': 'text/plain' });
    expect(huge.status).toBe(413);
    expect(JSON.parse(huge.body)).toMatchObject({ success: false, detail: /too large/i });
    // A sender that cannot be identified gets the body error too, and nothing is logged.
    const anonymous = await sendAlert(server, 'not json');
    expect(anonymous.status).toBe(400);
    expect(anonymous.body.errors.body).toMatch(/^is not valid JSON/);
  });

  it('refuses a bot that is not ACTIVE with 409', async () => {
    await alice.bots.pause.mutate({ botId: aliceBotId });
    try {
      const answer = await sendAlert(server, seedAlert('Swing'), { token: aliceToken });
      expect(answer.status).toBe(409);
      expect(answer.body.detail).toBe(
        'botname: bot "Swing" is PAUSED; signals trade ACTIVE bots only',
      );
    } finally {
      await alice.bots.resume.mutate({ botId: aliceBotId });
    }
  });

  it('keeps a filterable signal log readable through tRPC, own signals only', async () => {
    const all = await alice.signals.list.query({ limit: 500 });
    expect(all.total).toBe(all.signals.length);
    expect(all.signals.map((signal) => signal.status)).toEqual(
      expect.arrayContaining(['EXECUTED', 'FAILED', 'REJECTED', 'DUPLICATE']),
    );
    const rejected = await alice.signals.list.query({ status: 'REJECTED', limit: 500 });
    expect(rejected.signals.length).toBeGreaterThan(5);
    expect(rejected.signals.every((signal) => signal.reason && signal.status === 'REJECTED')).toBe(
      true,
    );
    const onBot = await alice.signals.list.query({ botId: aliceBotId, limit: 500 });
    expect(onBot.signals.every((signal) => signal.botIds.includes(aliceBotId))).toBe(true);
    const page = await alice.signals.list.query({ limit: 2, offset: 1 });
    expect(page.signals.map((signal) => signal.id)).toEqual(
      all.signals.slice(1, 3).map((signal) => signal.id),
    );
    const byName = await alice.signals.list.query({ botName: 'bobbot' });
    expect(byName.signals.map((signal) => signal.reason)).toEqual([
      'botname: you have no bot named "BobBot"',
    ]);

    expect((await bob.signals.list.query({})).total).toBe(0);
    expect(await failure(bob.signals.get.query({ id: all.signals[0]?.id ?? '' }))).toMatchObject({
      status: 404,
    });
  });

  it('rotates and revokes the token: the old one stops working at once', async () => {
    const status = await alice.signals.token.query();
    expect(status?.prefix).toBe(aliceToken.slice(0, 12));
    expect(status?.lastUsedAt).not.toBeNull();
    const rotated = await alice.signals.rotateToken.mutate();
    expect(rotated.webhookPath).toBe(`${WEBHOOK_PATH}?token=${encodeURIComponent(rotated.token)}`);
    expect((await sendAlert(server, seedAlert('Swing'), { token: aliceToken })).status).toBe(401);
    aliceToken = rotated.token;
    expect(
      (await sendAlert(server, seedAlert('Swing', { size: '1' }), { token: aliceToken })).status,
    ).toBe(200);

    expect(await bob.signals.revokeToken.mutate().catch((error: Error) => error.message)).toBe(
      'No TradingView webhook token',
    );
    const bobToken = (await bob.signals.rotateToken.mutate()).token;
    await bob.signals.revokeToken.mutate();
    expect(await bob.signals.token.query()).toBeNull();
    expect((await sendAlert(server, seedAlert('BobBot'), { token: bobToken })).status).toBe(401);
  });
});
