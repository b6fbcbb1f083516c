import type { RunningServer } from '@tradewind/server';
import { startTestServer } from '@tradewind/server/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { clientsFor, failure } from '../support/clients.ts';
import { seedAlert, sendAlert, WEBHOOK_PATH } from './webhook-support.ts';

const TRADINGVIEW_ADDRESSES = ['52.89.214.238', '34.212.75.30', '54.218.53.128', '52.32.178.7'];

const servers: RunningServer[] = [];
async function serverWith(overrides: Parameters<typeof startTestServer>[0]) {
  const server = await startTestServer({ simulatorBarMs: 60_000, ...overrides });
  servers.push(server);
  return server;
}
afterAll(async () => {
  await Promise.all(servers.map((server) => server.close()));
});

/** A user with an ACTIVE bot named `Swing` on AAPL and a webhook token. */
async function trader(server: RunningServer, name: string) {
  const clients = clientsFor(server);
  const client = clients.withToken(
    (await clients.register(`${name}@example.com`, name)).accessToken,
  );
  const bot = await client.bots.create.mutate({
    name: 'Swing',
    initialCash: 10_000,
    symbols: ['AAPL'],
    strategy: 'MovingAverage',
  });
  const { token } = await client.signals.rotateToken.mutate();
  return { client, bot, token };
}

describe('TradingView source address allow-list', () => {
  it('refuses other addresses with 403 before anything else when enabled', async () => {
    const server = await serverWith({ tradingViewAllowedIps: TRADINGVIEW_ADDRESSES });
    const { token, client, bot } = await trader(server, 'alice');
    const answer = await sendAlert(server, seedAlert('Swing'), { token });
    expect(answer.status).toBe(403);
    expect(answer.body).toMatchObject({
      success: false,
      detail: 'Source address 127.0.0.1 is not allowed',
    });
    expect((await client.trades.list.query({ botId: bot.id, limit: 10, offset: 0 })).total).toBe(0);
    expect((await client.signals.list.query({})).total).toBe(0);
    // The health check stays reachable, so a user can test the URL from anywhere.
    expect((await fetch(`${server.url}${WEBHOOK_PATH}/test`)).status).toBe(200);
  });

  it('lets listed addresses through', async () => {
    const server = await serverWith({ tradingViewAllowedIps: ['127.0.0.1', '::1'] });
    const { token } = await trader(server, 'bob');
    const answer = await sendAlert(server, seedAlert('Swing', { size: '1' }), { token });
    expect(answer.status).toBe(200);
    expect(answer.body.data.status).toBe('EXECUTED');
  });
});

describe('TradingView acknowledgement', () => {
  it('answers 202 with the correlation id when execution outlasts the acknowledgement time', async () => {
    const server = await serverWith({ tradingViewAckTimeoutMs: 0 });
    const { token, client, bot } = await trader(server, 'carol');
    const answer = await sendAlert(server, seedAlert('Swing', { size: '2' }), { token });
    expect(answer.status).toBe(202);
    expect(answer.body.data).toMatchObject({ status: 'PROCESSING', success_count: 0, results: [] });
    const id = answer.body.data.correlation_id;
    const deadline = Date.now() + 10_000;
    let logged = await client.signals.get.query({ id });
    while (logged.status === 'PROCESSING' && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      logged = await client.signals.get.query({ id });
    }
    expect(logged).toMatchObject({ status: 'EXECUTED', httpStatus: 202, botIds: [bot.id] });
    const trades = await client.trades.list.query({ botId: bot.id, limit: 10, offset: 0 });
    expect(trades.trades.map((trade) => trade.id)).toEqual([logged.results[0]?.tradeId]);
  });
});

describe('TradingView rate limit', () => {
  it('answers 429 with Retry-After once the budget of an address is spent', async () => {
    // 300 calls a minute per address at scale 1; 0.01 leaves 3.
    const server = await serverWith({ rateLimitScale: 0.01 });
    const statuses: number[] = [];
    let last: Response | undefined;
    for (let call = 0; call < 4; call += 1) {
      last = await fetch(`${server.url}${WEBHOOK_PATH}?token=tvw_wrongwrongwrong`, {
        method: 'POST',
        body: JSON.stringify(seedAlert('Swing')),
      });
      statuses.push(last.status);
    }
    expect(statuses).toEqual([401, 401, 401, 429]);
    expect(last?.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(last?.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(await last?.json()).toMatchObject({ success: false, detail: /^Too many requests/ });
  });
});

describe('TradingView token owner', () => {
  it('trades only while the owner may control bots and the account is enabled', async () => {
    const server = await serverWith({ adminEmail: 'root@example.com' });
    const clients = clientsFor(server);
    const root = clients.withToken(
      (await clients.register('root@example.com', 'Root')).accessToken,
    );
    const { token, client } = await trader(server, 'erin');
    const erinId = (await client.auth.me.query()).id;

    // A read-only key reads the log but cannot mint a token that trades.
    const readOnly = clients.withApiKey(
      (await client.apiKeys.create.mutate({ name: 'ro', scopes: ['READ_ONLY'] })).key,
    );
    expect((await readOnly.signals.list.query({})).total).toBe(0);
    expect(await failure(readOnly.signals.rotateToken.mutate())).toMatchObject({
      status: 403,
      message: 'Permission denied: needs bots:control',
    });

    await root.admin.users.update.mutate({ userId: erinId, role: 'viewer' });
    const demoted = await sendAlert(server, seedAlert('Swing'), { token });
    expect(demoted.status).toBe(403);
    expect(demoted.body.detail).toBe('Permission denied: needs bots:control');
    expect((await client.signals.get.query({ id: demoted.body.correlation_id })).status).toBe(
      'REJECTED',
    );

    await root.admin.users.disable.mutate({ userId: erinId });
    const disabled = await sendAlert(server, seedAlert('Swing'), { token });
    expect(disabled.status).toBe(401);
    expect(disabled.body.detail).toBe('Invalid webhook token');
  });
});
