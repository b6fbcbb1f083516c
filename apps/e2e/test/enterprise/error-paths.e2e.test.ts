/**
 * Every way an enterprise call can go wrong answers in seed 000's error envelope, with the
 * right status and a message naming the problem, carries the request id, and is never a 500.
 */
import { ZEnterpriseError, ZEnterpriseStartedBotResponse } from '@tradewind/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type EnterpriseAccount,
  type EnterpriseHarness,
  type RestAnswer,
  rest,
  startEnterpriseServer,
} from './support/enterprise-server.ts';

let harness: EnterpriseHarness;
let alice: EnterpriseAccount;
let bob: EnterpriseAccount;
let aliceBotId: number;

const START = { mode: 'PAPER', initialCash: 10_000, symbols: ['AAPL'], strategy: 'MovingAverage' };

beforeAll(async () => {
  harness = await startEnterpriseServer();
  alice = await harness.account('alice');
  bob = await harness.account('bob');
  const started = await rest(harness.server, 'POST', '/bots', { key: alice.key, body: START });
  aliceBotId = ZEnterpriseStartedBotResponse.parse(started.body).data.id;
});
afterAll(async () => {
  await harness?.close();
});

/** Asserts the envelope, status and message; returns the body for further checks. */
function expectError(answer: RestAnswer, status: number, message: string | RegExp) {
  expect(answer.status, answer.text).toBe(status);
  expect(answer.headers.get('content-type')).toMatch(/^application\/json/);
  const body = ZEnterpriseError.parse(answer.body);
  expect(body.success).toBe(false);
  expect(body.error).toMatch(message);
  expect(body.request_id).toBe(answer.headers.get('x-request-id'));
  return body;
}

const call = (method: string, path: string, options: Parameters<typeof rest>[3] = {}) =>
  rest(harness.server, method, path, options);

describe('authentication and plan', () => {
  it('refuses a call without a key (401)', async () => {
    expectError(await call('GET', '/bots'), 401, /^API key required/);
  });

  it('refuses an unknown key and a malformed Authorization header (401)', async () => {
    expectError(await call('GET', '/stats', { key: 'twk_not-a-real-key' }), 401, 'Invalid API key');
    expectError(
      await call('GET', '/stats', { headers: { authorization: `Basic ${alice.key}` } }),
      401,
      /Malformed Authorization header/,
    );
  });

  it('accepts the key as a bearer token too', async () => {
    const answer = await call('GET', '/stats', {
      headers: { authorization: `Bearer ${alice.key}` },
    });
    expect(answer.status).toBe(200);
  });

  it('refuses a revoked key (401)', async () => {
    const carol = await harness.account('carol');
    expect((await call('GET', '/stats', { key: carol.key })).status).toBe(200);
    await harness.revoke(carol);
    expectError(await call('GET', '/stats', { key: carol.key }), 401, 'API key has been revoked');
  });

  it('refuses an expired key (401)', async () => {
    const dana = await harness.account('dana');
    await harness.server.deps.db.prisma.apiKey.update({
      where: { id: dana.apiKeyId },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    expectError(await call('GET', '/bots', { key: dana.key }), 401, 'API key has expired');
  });

  it('refuses a key of an account not on the Enterprise plan (403), on every route', async () => {
    for (const plan of ['free', 'pro'] as const) {
      const user = await harness.account(`${plan}-user`, { plan });
      for (const [method, path] of [
        ['GET', '/bots'],
        ['GET', '/stats'],
        ['POST', '/bots'],
      ] as const) {
        const answer = await call(method, path, {
          key: user.key,
          ...(method === 'POST' && { body: START }),
        });
        expectError(answer, 403, /^Enterprise tier subscription required/);
      }
    }
  });

  it("refuses what the key's scopes do not allow (403) and starts nothing", async () => {
    const reader = await harness.account('reader', { scopes: ['READ_ONLY'] });
    expect((await call('GET', '/bots', { key: reader.key })).status).toBe(200);
    expectError(
      await call('POST', '/bots', { key: reader.key, body: START }),
      403,
      'Permission denied: needs bots:control',
    );
    expect(
      await harness.server.deps.db.prisma.bot.count({ where: { userId: reader.tokens.user.id } }),
    ).toBe(0);
  });

  it('answers 429 in the envelope, with rate-limit headers, when a key is over its limit', async () => {
    const { key: limited } = await harness.account('limited', { rateLimitPerHour: 1 });
    const answers: RestAnswer[] = [];
    for (let index = 0; index < 3; index += 1) {
      answers.push(await call('GET', '/stats', { key: limited }));
    }
    expect(answers.map((answer) => answer.status)).toEqual([200, 429, 429]);
    const refused = answers[1] as RestAnswer;
    expectError(refused, 429, /^Too many requests/);
    expect(refused.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});

describe('resources', () => {
  it("hides another user's bot (404) and leaves it running", async () => {
    expectError(await call('GET', `/bots/${aliceBotId}`, { key: bob.key }), 404, /not found/i);
    expectError(
      await call('POST', `/bots/${aliceBotId}/stop`, { key: bob.key }),
      404,
      /not found/i,
    );
    const mine = await call('GET', `/bots/${aliceBotId}`, { key: alice.key });
    expect((mine.body as { data: { status: string } }).data.status).toBe('ACTIVE');
  });

  it('answers 404 for an unknown bot and 400 for a bot id that is not one', async () => {
    expectError(await call('GET', '/bots/999999', { key: alice.key }), 404, /not found/i);
    expectError(
      await call('GET', '/bots/abc', { key: alice.key }),
      400,
      'Invalid path: botId: must be a bot id (an integer from 1 to 2147483647)',
    );
    expectError(await call('POST', '/bots/0/stop', { key: alice.key }), 400, /botId/);
  });

  it('answers 400, never 500, for path ids beyond the int4 columns', async () => {
    const outOfRange =
      /^Invalid path: botId: must be a bot id \(an integer from 1 to 2147483647\)$/;
    expectError(await call('GET', '/bots/2147483648', { key: alice.key }), 400, outOfRange);
    expectError(
      await call('POST', '/bots/9007199254740991/stop', { key: alice.key }),
      400,
      outOfRange,
    );
    expectError(
      await call('GET', '/bots/99999999999999999999', { key: alice.key }),
      400,
      outOfRange,
    );
    expectError(
      await call('GET', '/webhooks/2147483648', { key: alice.key }),
      400,
      /^Invalid path: webhookId: must be a webhook id \(an integer from 1 to 2147483647\)$/,
    );
    expectError(await call('GET', '/bots/2147483647', { key: alice.key }), 404, /not found/i);
  });

  it('answers 404 "No active bot found" when no bot runs', async () => {
    expectError(await call('GET', '/bots/active', { key: bob.key }), 404, 'No active bot found');
  });

  it('refuses a second active bot (409) with the active bot id', async () => {
    const body = expectError(
      await call('POST', '/bots', { key: alice.key, body: START }),
      409,
      'User already has an active trading session',
    );
    expect(body.activeBotId).toBe(aliceBotId);
  });

  it('answers unknown routes under /api/enterprise with 404 in the envelope', async () => {
    expectError(
      await call('GET', '/nope', { key: alice.key }),
      404,
      'Unknown route: GET /api/enterprise/nope',
    );
    expectError(await call('DELETE', '/bots', { key: alice.key }), 404, /^Unknown route/);
    expectError(await call('GET', '/nope'), 404, /^Unknown route/);
  });
});

describe('input', () => {
  it('validates ?limit= (1..1000, default 50)', async () => {
    expectError(
      await call('GET', '/bots?limit=1001', { key: alice.key }),
      400,
      'Invalid query: limit: must be at most 1000',
    );
    expectError(await call('GET', '/bots?limit=0', { key: alice.key }), 400, /limit/);
    expectError(
      await call('GET', '/performance?limit=ten', { key: alice.key }),
      400,
      /Invalid query: limit: must be a number/,
    );
    expect((await call('GET', '/bots?limit=1000', { key: alice.key })).status).toBe(200);
  });

  it('refuses 5,000-deep JSON and NUL characters (400) naming where, and starts nothing', async () => {
    const before = await harness.server.deps.db.prisma.bot.count();
    expectError(
      await call('POST', '/bots', {
        key: bob.key,
        rawBody: `{"mode":"PAPER","initialCash":10000,"symbols":["AAPL"],"strategy":"MovingAverage","params":${'{"a":'.repeat(5_000)}1${'}'.repeat(5_000)}}`,
        headers: { 'content-type': 'application/json' },
      }),
      400,
      /params/,
    );
    expectError(
      await call('POST', '/bots', {
        key: bob.key,
        body: { ...START, strategy: 'Moving\u0000Average' },
      }),
      400,
      /strategy: must not contain a NUL character/,
    );
    expect(await harness.server.deps.db.prisma.bot.count()).toBe(before);
  });

  it('refuses malformed JSON (400) and names the problem', async () => {
    expectError(
      await call('POST', '/bots', {
        key: bob.key,
        rawBody: '{"mode": "PAPER",',
        headers: { 'content-type': 'application/json' },
      }),
      400,
      /^Malformed JSON body/,
    );
  });

  it('refuses wrong types and unknown fields (400), naming each field, and starts nothing', async () => {
    const before = await harness.server.deps.db.prisma.bot.count();
    expectError(
      await call('POST', '/bots', { key: bob.key, body: { ...START, initialCash: 'lots' } }),
      400,
      'Invalid body: initialCash: must be a number',
    );
    expectError(
      await call('POST', '/bots', { key: bob.key, body: { ...START, symbols: 'AAPL' } }),
      400,
      /^Invalid body: symbols: /,
    );
    expectError(
      await call('POST', '/bots', { key: bob.key, body: { ...START, mode: 'MARGIN' } }),
      400,
      /^Invalid body: mode: /,
    );
    expectError(
      await call('POST', '/bots', { key: bob.key, body: { ...START, leverage: 10 } }),
      400,
      /Unrecognized key: "leverage"/,
    );
    expectError(
      await call('POST', '/bots', { key: bob.key, body: [START] }),
      400,
      /^Invalid body: /,
    );
    // The procedure's own rules (here: an unknown strategy) come back the same way.
    expectError(
      await call('POST', '/bots', { key: bob.key, body: { ...START, strategy: 'Nope' } }),
      400,
      /Unknown strategy "Nope"/,
    );
    expect(await harness.server.deps.db.prisma.bot.count()).toBe(before);
  });

  it('refuses a body that is too large (413) or not JSON (415)', async () => {
    expectError(
      await call('POST', '/bots', {
        key: bob.key,
        rawBody: JSON.stringify({ ...START, strategy: 'x'.repeat(2 * 1024 * 1024) }),
        headers: { 'content-type': 'application/json' },
      }),
      413,
      'Request body is too large',
    );
    expectError(
      await call('POST', '/bots', {
        key: bob.key,
        rawBody: 'mode=PAPER',
        headers: { 'content-type': 'text/plain' },
      }),
      415,
      /^Unsupported Content-Type/,
    );
  });
});
