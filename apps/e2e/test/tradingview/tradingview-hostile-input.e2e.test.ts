/**
 * Alerts no bot should act on and no signal log should store, sent the way TradingView sends
 * them (a plain POST): a size that rounds to zero, NUL or unpaired surrogates in any field,
 * prototype keys, 5,000-deep JSON. Each is a 400 naming the field; the owner's signal log and
 * bot keep working.
 */
import type { TradewindClient } from '@tradewind/sdk';
import type { RunningServer } from '@tradewind/server';
import { startTestServer } from '@tradewind/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientsFor } from '../support/clients.ts';
import { seedAlert, sendAlert } from './webhook-support.ts';

let server: RunningServer;
let client: TradewindClient;
let botId: number;
let token: string;
beforeAll(async () => {
  server = await startTestServer({ simulatorBarMs: 60_000 });
  const clients = clientsFor(server);
  client = clients.withToken((await clients.register('hostile@example.com', 'H')).accessToken);
  const bot = await client.bots.create.mutate({
    name: 'Swing',
    initialCash: 10_000,
    symbols: ['AAPL'],
    strategy: 'MovingAverage',
  });
  botId = bot.id;
  ({ token } = await client.signals.rotateToken.mutate());
}, 120_000);
afterAll(async () => {
  await server?.close();
});

const NUL = '\u0000';
const LONE = '\ud800';

const cases: { name: string; body: unknown; detail: RegExp }[] = [
  {
    name: 'a size that rounds to zero at 8 decimals',
    body: seedAlert('Swing', { size: '0.000000001' }),
    detail: /^size: is below the smallest tradable quantity: at least 0\.00000001/,
  },
  {
    name: 'a numeric size that rounds to zero',
    body: seedAlert('Swing', { size: 1e-9 }),
    detail: /^size: is below the smallest tradable quantity/,
  },
  ...['order_type', 'symbol', 'botname', 'side', 'size', 'id', 'comment'].flatMap((field) => [
    {
      name: `a NUL in ${field}`,
      body: seedAlert('Swing', { [field]: `1${NUL}` }),
      detail: new RegExp(`^body: ${field}: must not contain a NUL character`),
    },
    {
      name: `an unpaired surrogate in ${field}`,
      body: seedAlert('Swing', { [field]: `1${LONE}` }),
      detail: new RegExp(`^body: ${field}: must not contain an unpaired UTF-16 surrogate`),
    },
  ]),
  {
    name: 'a NUL in a key',
    body: seedAlert('Swing', { [`a${NUL}`]: 1 }),
    detail: /^body: a key must not contain a NUL character/,
  },
  {
    name: 'a constructor key',
    body: `{"botname":"Swing","symbol":"AAPL","side":"buy","size":"1","constructor":{"x":1}}`,
    detail: /^body: constructor: the key "constructor" is not allowed$/,
  },
  {
    name: 'a nested __proto__ key',
    body: `{"botname":"Swing","symbol":"AAPL","side":"buy","meta":{"__proto__":{"admin":true}}}`,
    detail: /^body: meta\.__proto__: the key "__proto__" is not allowed$/,
  },
  {
    name: '5,000-deep JSON',
    body: `{"botname":"Swing","symbol":"AAPL","side":"buy","x":${'['.repeat(5_000)}${']'.repeat(5_000)}}`,
    detail: /^body: x\.0\.0.*: is nested too deeply: at most 10 levels$/,
  },
  {
    name: 'a raw NUL byte in the body',
    body: `${NUL}{"botname":"Swing"}`,
    detail: /^body: must not contain a NUL character/,
  },
];

describe('hostile TradingView alerts', () => {
  it.each(cases)('refuses $name with a 400 naming it', async ({ body, detail }) => {
    const answer = await sendAlert(server, body, { token });
    expect(answer.status, JSON.stringify(answer.body)).toBe(400);
    expect(answer.body.success).toBe(false);
    expect(answer.body.detail).toMatch(detail);
  });

  it('executed none of them, logged them all, and still lists the log', async () => {
    const trades = await client.trades.list.query({ botId });
    expect(trades.total).toBe(0);
    const log = await client.signals.list.query({ limit: 500 });
    expect(log.total).toBe(cases.length);
    expect(new Set(log.signals.map((signal) => signal.status))).toEqual(new Set(['REJECTED']));
    expect((await client.bots.get.query({ botId })).status).toBe('ACTIVE');
  });

  it('still executes a well-formed alert with a fractional size', async () => {
    const answer = await sendAlert(server, seedAlert('Swing', { size: '0.123456789' }), { token });
    expect(answer.status).toBe(200);
    expect(answer.body.data.results[0]).toMatchObject({ success: true, quantity: 0.12345679 });
  });
});
