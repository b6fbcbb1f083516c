/**
 * `Idempotency-Key` on mutating enterprise routes: the same key and body replay the first
 * answer (status and body) without acting twice; the same key with another body is refused;
 * keys belong to one credential (API key or session) with its permissions, and expire.
 */
import { ZEnterpriseError, ZEnterpriseStartedBotResponse } from '@tradewind/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientWithToken } from '../support/clients.ts';
import {
  type EnterpriseAccount,
  type EnterpriseHarness,
  rest,
  startEnterpriseServer,
} from './support/enterprise-server.ts';

let harness: EnterpriseHarness;

const START = { mode: 'PAPER', initialCash: 10_000, symbols: ['AAPL'], strategy: 'MovingAverage' };

beforeAll(async () => {
  harness = await startEnterpriseServer();
});
afterAll(async () => {
  await harness?.close();
});

const post = (account: EnterpriseAccount, path: string, key: string, body?: unknown) =>
  rest(harness.server, 'POST', path, {
    key: account.key,
    body,
    headers: { 'idempotency-key': key },
  });

const botsOf = (account: EnterpriseAccount) =>
  harness.server.deps.db.prisma.bot.count({ where: { userId: account.tokens.user.id } });

describe('Idempotency-Key', () => {
  it('replays the first start and stop instead of acting twice', async () => {
    const alice = await harness.account('alice');
    const first = await post(alice, '/bots', 'start-1', START);
    expect(first.status, first.text).toBe(201);
    expect(first.headers.get('idempotent-replayed')).toBeNull();

    // Same key, same body (keys in another order): the first answer, byte for byte.
    const reordered = Object.fromEntries(Object.entries(START).reverse());
    const again = await post(alice, '/bots', 'start-1', reordered);
    expect(again.status).toBe(201);
    expect(again.text).toBe(first.text);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await botsOf(alice)).toBe(1);

    const botId = ZEnterpriseStartedBotResponse.parse(first.body).data.id;
    const stopped = await post(alice, `/bots/${botId}/stop`, 'stop-1');
    expect(stopped.status).toBe(200);
    // Without the key a second stop would be a 409 (the bot is finished); with it, a replay.
    const stoppedAgain = await post(alice, `/bots/${botId}/stop`, 'stop-1');
    expect(stoppedAgain.status).toBe(200);
    expect(stoppedAgain.text).toBe(stopped.text);
    const plain = await rest(harness.server, 'POST', `/bots/${botId}/stop`, { key: alice.key });
    expect(plain.status).toBe(409);
  });

  it('refuses the same key with another body (422) and changes nothing', async () => {
    const bob = await harness.account('bob');
    const first = await post(bob, '/bots', 'bob-key', START);
    expect(first.status).toBe(201);
    const other = await post(bob, '/bots', 'bob-key', { ...START, initialCash: 5_000 });
    expect(other.status).toBe(422);
    expect(ZEnterpriseError.parse(other.body).error).toBe(
      'Idempotency-Key "bob-key" was already used with a different request; send a new key for a new request',
    );
    // Another route with the same key is another request too.
    const botId = ZEnterpriseStartedBotResponse.parse(first.body).data.id;
    expect((await post(bob, `/bots/${botId}/stop`, 'bob-key')).status).toBe(422);
    expect(await botsOf(bob)).toBe(1);
  });

  it('replays a refusal too, and keeps keys apart per account', async () => {
    const carol = await harness.account('carol');
    const dave = await harness.account('dave');
    expect((await post(carol, '/bots', 'shared', START)).status).toBe(201);
    // Carol's retry under a new key is refused (a bot is active); the refusal is replayed.
    const refused = await post(carol, '/bots', 'second', START);
    expect(refused.status).toBe(409);
    expect((await post(carol, '/bots', 'second', START)).text).toBe(refused.text);
    // Dave's "shared" is his own key: his bot starts.
    const daves = await post(dave, '/bots', 'shared', START);
    expect(daves.status).toBe(201);
    expect(await botsOf(dave)).toBe(1);
  });

  it('replays a stored 400, and never stores a call refused before authentication', async () => {
    const erin = await harness.account('erin');
    const bad = await post(erin, '/bots', 'erin-1', { ...START, initialCash: -1 });
    expect(bad.status).toBe(400);
    // The stored 400 is replayed for the same body...
    expect((await post(erin, '/bots', 'erin-1', { ...START, initialCash: -1 })).text).toBe(
      bad.text,
    );
    // ...and a caller without a valid key never reaches the store.
    const anonymous = await rest(harness.server, 'POST', '/bots', {
      body: START,
      headers: { 'idempotency-key': 'erin-2' },
    });
    expect(anonymous.status).toBe(401);
    expect((await post(erin, '/bots', 'erin-2', START)).status).toBe(201);
  });

  it('lets exactly one of two concurrent requests with one key act', async () => {
    const frank = await harness.account('frank');
    const answers = await Promise.all([
      post(frank, '/bots', 'race', START),
      post(frank, '/bots', 'race', START),
    ]);
    const statuses = answers.map((answer) => answer.status).sort();
    // The loser either waits for nothing (409 "still in progress") or sees the replay (201).
    expect([
      [201, 201],
      [201, 409],
    ]).toContainEqual(statuses);
    const loser = answers.find((answer) => answer.status === 409);
    if (loser) expect(ZEnterpriseError.parse(loser.body).error).toMatch(/still in progress/);
    expect(await botsOf(frank)).toBe(1);
  });

  it('forgets a key once it expires', async () => {
    const gina = await harness.account('gina');
    const first = await post(gina, '/bots', 'old', START);
    const botId = ZEnterpriseStartedBotResponse.parse(first.body).data.id;
    await rest(harness.server, 'POST', `/bots/${botId}/stop`, { key: gina.key });
    await harness.server.deps.db.prisma.idempotencyKey.updateMany({
      where: { key: 'old' },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    // Expired: the key is new again, so the same request acts again.
    const second = await post(gina, '/bots', 'old', START);
    expect(second.status).toBe(201);
    expect(second.text).not.toBe(first.text);
    expect(await botsOf(gina)).toBe(2);
  });

  it('refuses a malformed key (400)', async () => {
    const hank = await harness.account('hank');
    const answer = await post(hank, '/bots', 'x'.repeat(256), START);
    expect(answer.status).toBe(400);
    expect(ZEnterpriseError.parse(answer.body).error).toMatch(/^Invalid Idempotency-Key header/);
    expect(await botsOf(hank)).toBe(0);
  });

  it("never replays one credential's answer to another credential of the same user", async () => {
    const owner = await harness.account('keyed');
    const { key: reader } = await clientWithToken(
      harness.server,
      owner.tokens.accessToken,
    ).apiKeys.create.mutate({ name: 'reader', scopes: ['READ_ONLY'] });
    const headers = { 'idempotency-key': 'same-key' };

    // The READ_ONLY key's 403 is not what the CONTROL key gets back for the same request.
    const refused = await rest(harness.server, 'POST', '/bots', {
      key: reader,
      body: START,
      headers,
    });
    expect(refused.status).toBe(403);
    const started = await rest(harness.server, 'POST', '/bots', {
      key: owner.key,
      body: START,
      headers,
    });
    expect(started.status, started.text).toBe(201);
    expect(started.headers.get('idempotent-replayed')).toBeNull();

    // Nor does the signed-in session, or the READ_ONLY key again, get the CONTROL key's 201.
    const bySession = await rest(harness.server, 'POST', '/bots', {
      body: START,
      headers: { ...headers, authorization: `Bearer ${owner.tokens.accessToken}` },
    });
    expect(bySession.headers.get('idempotent-replayed')).toBeNull();
    expect(bySession.status).toBe(409);
    const readerAgain = await rest(harness.server, 'POST', '/bots', {
      key: reader,
      body: START,
      headers,
    });
    expect(readerAgain.status).toBe(403);
    expect(ZEnterpriseError.parse(readerAgain.body).error).toMatch(/bots:control/);
    const bots = await harness.server.deps.db.prisma.bot.count({
      where: { userId: owner.tokens.user.id },
    });
    expect(bots).toBe(1);
  });
});
