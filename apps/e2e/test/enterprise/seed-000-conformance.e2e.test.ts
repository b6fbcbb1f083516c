/**
 * Seed 000 taken at its word, through real HTTP: a key created with only a name drives the
 * whole enterprise API, bodiless POSTs accept the empty body Python's `requests` sends with a
 * JSON content type, `mode` is required, and an admin's key reaches only the admin's own bots.
 */
import { ZEnterpriseError, ZEnterpriseStartedBotResponse } from '@tradewind/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type EnterpriseAccount,
  type EnterpriseHarness,
  rest,
  startEnterpriseServer,
} from './support/enterprise-server.ts';

let harness: EnterpriseHarness;

const START = { mode: 'PAPER', initialCash: 10_000, symbols: ['AAPL'], strategy: 'MovingAverage' };
const JSON_TYPE = { 'content-type': 'application/json' };

beforeAll(async () => {
  harness = await startEnterpriseServer();
});
afterAll(async () => {
  await harness?.close();
});

async function startBot(account: EnterpriseAccount): Promise<number> {
  const started = await rest(harness.server, 'POST', '/bots', { key: account.key, body: START });
  expect(started.status, started.text).toBe(201);
  return ZEnterpriseStartedBotResponse.parse(started.body).data.id;
}

async function botStatus(botId: number) {
  const bot = await harness.server.deps.db.prisma.bot.findUniqueOrThrow({ where: { id: botId } });
  return bot.status;
}

describe('a key created with only a name', () => {
  it('starts, stops and watches bots and manages webhooks (full enterprise access)', async () => {
    const named = await harness.account('named', { scopes: null });
    const botId = await startBot(named);
    expect((await rest(harness.server, 'GET', `/bots/${botId}`, { key: named.key })).status).toBe(
      200,
    );
    const stopped = await rest(harness.server, 'POST', `/bots/${botId}/stop`, { key: named.key });
    expect(stopped.status, stopped.text).toBe(200);
    const hooks = await rest(harness.server, 'GET', '/webhooks', { key: named.key });
    expect(hooks.status, hooks.text).toBe(200);
  });

  it('is still capped by what its owner may do, and --scope narrows it', async () => {
    const narrow = await harness.account('narrow', { scopes: ['READ_ONLY'] });
    const refused = await rest(harness.server, 'POST', '/bots', { key: narrow.key, body: START });
    expect(refused.status).toBe(403);
    expect(ZEnterpriseError.parse(refused.body).error).toMatch(/bots:control/);
  });
});

describe('bodiless POSTs', () => {
  it('take an empty body sent as application/json as no body (the seed Python example)', async () => {
    const owner = await harness.account('python');
    const botId = await startBot(owner);
    const stopped = await rest(harness.server, 'POST', `/bots/${botId}/stop`, {
      key: owner.key,
      rawBody: '',
      headers: JSON_TYPE,
    });
    expect(stopped.status, stopped.text).toBe(200);
    expect(await botStatus(botId)).toBe('COMPLETED');
  });

  it('sends a webhook test event on an empty JSON body too', async () => {
    const owner = await harness.account('hooker', { scopes: null });
    const created = await rest(harness.server, 'POST', '/webhooks', {
      key: owner.key,
      body: { url: 'http://127.0.0.1:9/hook', events: ['bot.started'] },
    });
    expect(created.status, created.text).toBe(201);
    const id = (created.body as { data: { id: number } }).data.id;
    const tested = await rest(harness.server, 'POST', `/webhooks/${id}/test`, {
      key: owner.key,
      rawBody: '',
      headers: JSON_TYPE,
    });
    expect(tested.text).not.toMatch(/Empty JSON body/);
    expect(tested.status, tested.text).toBeLessThan(500);
    expect(tested.status, tested.text).not.toBe(400);
  });

  it('still refuses a malformed non-empty body with a clear 400, changing nothing', async () => {
    const owner = await harness.account('malformed');
    const botId = await startBot(owner);
    const refused = await rest(harness.server, 'POST', `/bots/${botId}/stop`, {
      key: owner.key,
      rawBody: '{"oops":',
      headers: JSON_TYPE,
    });
    expect(refused.status).toBe(400);
    expect(ZEnterpriseError.parse(refused.body).error).toMatch(/^Malformed JSON body/);
    expect(await botStatus(botId)).toBe('ACTIVE');
  });

  it('refuses an empty body where one is needed, naming it', async () => {
    const owner = await harness.account('nobody');
    const refused = await rest(harness.server, 'POST', '/bots', {
      key: owner.key,
      rawBody: '',
      headers: JSON_TYPE,
    });
    expect(refused.status).toBe(400);
    expect(ZEnterpriseError.parse(refused.body).error).toMatch(/^Invalid body/);
  });
});

describe('POST /bots', () => {
  it('requires mode (400 naming it) and starts nothing without it', async () => {
    const owner = await harness.account('modeless');
    const { mode: _mode, ...withoutMode } = START;
    const refused = await rest(harness.server, 'POST', '/bots', {
      key: owner.key,
      body: withoutMode,
    });
    expect(refused.status, refused.text).toBe(400);
    expect(ZEnterpriseError.parse(refused.body).error).toMatch(/^Invalid body: mode: /);
    const bots = await harness.server.deps.db.prisma.bot.count({
      where: { userId: owner.tokens.user.id },
    });
    expect(bots).toBe(0);
  });
});

describe("an admin's key on the enterprise API", () => {
  it("reaches only the admin's own bots: another user's is 404 and keeps running", async () => {
    const boss = await harness.account('boss', { role: 'admin' });
    const victim = await harness.account('victim');
    const botId = await startBot(victim);

    const read = await rest(harness.server, 'GET', `/bots/${botId}`, { key: boss.key });
    expect(read.status, read.text).toBe(404);
    expect(ZEnterpriseError.parse(read.body).error).toBe(`Bot ${botId} not found`);
    const stop = await rest(harness.server, 'POST', `/bots/${botId}/stop`, { key: boss.key });
    expect(stop.status, stop.text).toBe(404);
    expect(ZEnterpriseError.parse(stop.body).error).toBe(`Bot ${botId} not found`);
    expect(await botStatus(botId)).toBe('ACTIVE');

    // Its own bots it reaches as anyone does.
    const own = await startBot(boss);
    expect((await rest(harness.server, 'GET', `/bots/${own}`, { key: boss.key })).status).toBe(200);
  });
});
