/**
 * `Idempotency-Key`s belong to one credential with its permissions: a key used by one API key
 * (or one signed-in session) is never replayed to another credential of the same user, so a
 * READ_ONLY key cannot collect a CONTROL key's 201, nor a CONTROL key a READ_ONLY key's 403.
 */
import { ZEnterpriseError } from '@tradewind/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientWithToken } from '../support/clients.ts';
import {
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

describe('Idempotency-Key per credential', () => {
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
