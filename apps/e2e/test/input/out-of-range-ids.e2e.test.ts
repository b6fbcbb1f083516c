/**
 * Every id-taking procedure, through the SDK, with ids beyond the int4 columns they name
 * (2^31, 2^53 - 1): a 400 naming the field, never a 500 with the database's "out of range"
 * text; the largest id that fits is an ordinary id (not found, or an empty list).
 */
import type { TradewindClient } from '@tradewind/sdk';
import type { RunningServer } from '@tradewind/server';
import { startTestServer } from '@tradewind/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientWithToken, failure, registerUser } from '../support/clients.ts';

let server: RunningServer;
let client: TradewindClient;
beforeAll(async () => {
  server = await startTestServer();
  client = clientWithToken(server, (await registerUser(server, 'ids')).accessToken);
}, 120_000);
afterAll(async () => {
  await server?.close();
});

const MAX_INT4 = 2_147_483_647;

/** One call per id-taking procedure; `noun` is what the refusal must call the id. */
const calls: { name: string; noun: string; call: (id: number) => Promise<unknown> }[] = [
  { name: 'bots.get', noun: 'bot', call: (botId) => client.bots.get.query({ botId }) },
  { name: 'bots.pause', noun: 'bot', call: (botId) => client.bots.pause.mutate({ botId }) },
  { name: 'bots.resume', noun: 'bot', call: (botId) => client.bots.resume.mutate({ botId }) },
  { name: 'bots.stop', noun: 'bot', call: (botId) => client.bots.stop.mutate({ botId }) },
  { name: 'bots.delete', noun: 'bot', call: (botId) => client.bots.delete.mutate({ botId }) },
  {
    name: 'bots.forceEnter',
    noun: 'bot',
    call: (botId) => client.bots.forceEnter.mutate({ botId, symbol: 'IBM' }),
  },
  {
    name: 'bots.forceExit',
    noun: 'bot',
    call: (botId) => client.bots.forceExit.mutate({ botId, symbol: 'IBM' }),
  },
  {
    name: 'performance.bot',
    noun: 'bot',
    call: (botId) => client.performance.bot.query({ botId }),
  },
  { name: 'trades.list', noun: 'bot', call: (botId) => client.trades.list.query({ botId }) },
  { name: 'alerts.list', noun: 'bot', call: (botId) => client.alerts.list.query({ botId }) },
  { name: 'signals.list', noun: 'bot', call: (botId) => client.signals.list.query({ botId }) },
  {
    name: 'strategies.get',
    noun: 'strategy',
    call: (strategyId) => client.strategies.get.query({ strategyId }),
  },
  {
    name: 'strategies.delete',
    noun: 'strategy',
    call: (strategyId) => client.strategies.delete.mutate({ strategyId }),
  },
  {
    name: 'strategies.start',
    noun: 'strategy',
    call: (strategyId) => client.strategies.start.mutate({ strategyId }),
  },
  {
    name: 'strategies.history',
    noun: 'strategy',
    call: (strategyId) => client.strategies.history.query({ strategyId }),
  },
  {
    name: 'strategies.share',
    noun: 'strategy',
    call: (strategyId) =>
      client.strategies.share.mutate({ strategyId, email: 'x@example.com', permissions: ['read'] }),
  },
  {
    name: 'backtests.get',
    noun: 'backtest',
    call: (backtestId) => client.backtests.get.query({ backtestId }),
  },
  {
    name: 'backtests.cancel',
    noun: 'backtest',
    call: (backtestId) => client.backtests.cancel.mutate({ backtestId }),
  },
  { name: 'webhooks.get', noun: 'webhook', call: (id) => client.webhooks.get.query({ id }) },
  {
    name: 'webhooks.toggle',
    noun: 'webhook',
    call: (id) => client.webhooks.toggle.mutate({ id, active: false }),
  },
  { name: 'webhooks.delete', noun: 'webhook', call: (id) => client.webhooks.delete.mutate({ id }) },
];

describe('ids beyond the int4 columns', () => {
  it.each(calls)('$name refuses 2^31 and 2^53 - 1 with a 400 naming the id', async (entry) => {
    for (const id of [MAX_INT4 + 1, Number.MAX_SAFE_INTEGER]) {
      const refused = await failure(entry.call(id));
      expect(refused, `${entry.name}(${id})`).toMatchObject({
        status: 400,
        code: 'VALIDATION_ERROR',
      });
      expect(refused.message).toContain(
        `must be a ${entry.noun} id (an integer from 1 to ${MAX_INT4})`,
      );
    }
  });

  it.each(calls)('$name treats the largest id that fits as any other id', async (entry) => {
    // Lists answer (empty); the rest find nothing: either way no 500.
    const outcome = await entry.call(MAX_INT4).then(
      () => undefined,
      (error: unknown) => failure(Promise.reject(error)),
    );
    if (outcome) {
      expect(outcome.status, `${entry.name}: ${outcome.message}`).toBeGreaterThanOrEqual(400);
      expect(outcome.status).toBeLessThan(500);
      expect(outcome.message).not.toMatch(/out of range|prisma|invocation/i);
    }
  });
});
