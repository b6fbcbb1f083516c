/**
 * Seed 000 is the contract: every enterprise response has exactly the field names and JSON
 * types of the seed's example for that endpoint (parsed from the seed text itself), and none
 * carries personal data.
 */
import {
  ZEnterpriseActiveBotResponse,
  ZEnterpriseBotDetailResponse,
  ZEnterpriseBotListResponse,
  ZEnterpriseError,
  ZEnterpriseMessageResponse,
  ZEnterprisePerformanceResponse,
  ZEnterpriseStartedBotResponse,
  ZEnterpriseStatsResponse,
} from '@tradewind/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { until } from '../support/until.ts';
import {
  type EnterpriseAccount,
  type EnterpriseHarness,
  type RestAnswer,
  rest,
  startEnterpriseServer,
} from './support/enterprise-server.ts';
import { expectSeedShape, seedExample } from './support/seed-000.ts';

let harness: EnterpriseHarness;
let alice: EnterpriseAccount;
const answers: RestAnswer[] = [];

beforeAll(async () => {
  harness = await startEnterpriseServer();
  alice = await harness.account('alice');
});
afterAll(async () => {
  await harness?.close();
});

async function call(method: string, path: string, body?: unknown) {
  const answer = await rest(harness.server, method, path, { key: alice.key, body });
  answers.push(answer);
  return answer;
}

/** The seed's error example plus our request id, nothing else. */
function expectSeedError(answer: RestAnswer, example: unknown) {
  const { request_id: requestId, ...envelope } = ZEnterpriseError.parse(answer.body);
  expect(requestId).toBe(answer.headers.get('x-request-id'));
  expect(envelope).toEqual(example);
}

describe('enterprise responses match seed 000 field for field', () => {
  it('covers every endpoint of the seed with a real bot from start to finish', async () => {
    const noActive = await call('GET', '/bots/active');
    expect(noActive.status).toBe(404);
    expectSeedError(noActive, seedExample('Get Active Bot', 'Error Response (No Active Bot)'));

    // The seed's request body, with its end time moved into the future.
    const request = seedExample('Start Bot', 'Request Body') as Record<string, unknown>;
    const started = await call('POST', '/bots', {
      ...request,
      scheduledEndTime: new Date(Date.now() + 3_600_000).toISOString(),
    });
    expect(started.status, started.text).toBe(201);
    expectSeedShape(started.body, seedExample('Start Bot', 'Example Response'));
    const botId = ZEnterpriseStartedBotResponse.parse(started.body).data.id;

    const second = await call('POST', '/bots', { ...request, scheduledEndTime: undefined });
    expect(second.status).toBe(409);
    const conflict = seedExample('Start Bot', 'Error Response (Active Bot Exists)') as object;
    expectSeedError(second, { ...conflict, activeBotId: botId });

    const active = await call('GET', '/bots/active');
    expect(active.status).toBe(200);
    expectSeedShape(active.body, seedExample('Get Active Bot', 'Example Response'));
    expect(ZEnterpriseActiveBotResponse.parse(active.body).data.id).toBe(botId);

    // Wait for a closed round trip, so trades show both a null and a numeric pnl.
    const traded = await until(
      () => call('GET', `/bots/${botId}`),
      (answer) =>
        ZEnterpriseBotDetailResponse.parse(answer.body).data.trades.some(
          (trade) => trade.pnl !== null,
        ),
      30_000,
    );
    // The seed's example is a finished bot; a running one has no end time or final cash yet.
    expectSeedShape(traded.body, seedExample('Get Bot by ID', 'Example Response'), {
      nullable: ['end_time', 'final_cash'],
    });

    const list = await call('GET', '/bots?limit=10');
    expect(list.status).toBe(200);
    expectSeedShape(list.body, seedExample('Get All Bots', 'Example Response'));
    expect(ZEnterpriseBotListResponse.parse(list.body).data.map((bot) => bot.id)).toEqual([botId]);

    const stopped = await call('POST', `/bots/${botId}/stop`);
    expect(stopped.status).toBe(200);
    expect(stopped.body).toEqual(seedExample('Stop Bot', 'Example Response'));
    ZEnterpriseMessageResponse.parse(stopped.body);

    const finished = await call('GET', `/bots/${botId}`);
    expectSeedShape(finished.body, seedExample('Get Bot by ID', 'Example Response'));
    const detail = ZEnterpriseBotDetailResponse.parse(finished.body).data;
    expect(detail).toMatchObject({ status: 'COMPLETED', mode: 'PAPER', initial_cash: 10_000 });
    expect(detail.end_time).not.toBeNull();
    expect(detail.final_cash).not.toBeNull();

    const performance = await call('GET', '/performance?limit=20');
    expect(performance.status).toBe(200);
    // Ratios are null when undefined (no volatility, no losing trade): our documented contract.
    expectSeedShape(performance.body, seedExample('Get Performance Metrics', 'Example Response'), {
      nullable: ['sharpe_ratio', 'sortino_ratio', 'profit_factor'],
    });
    const [record] = ZEnterprisePerformanceResponse.parse(performance.body).data;
    expect(record).toMatchObject({
      session_id: botId,
      strategy_name: 'MovingAverage',
      symbols: ['AAPL', 'GOOGL', 'MSFT'],
      initial_capital: 10_000,
      total_trades: expect.any(Number),
    });

    const stats = await call('GET', '/stats');
    expect(stats.status).toBe(200);
    expectSeedShape(stats.body, seedExample('Get Stats Summary', 'Example Response'));
    expect(ZEnterpriseStatsResponse.parse(stats.body).data).toMatchObject({
      total_bots: 1,
      active_bots: 0,
    });
  }, 60_000);

  it('never answers with an email, a username or a user id', () => {
    expect(answers.length).toBeGreaterThan(8);
    for (const answer of answers) {
      expect(answer.text).not.toContain(alice.tokens.user.id);
      expect(answer.text).not.toContain(alice.tokens.user.email);
      expect(answer.text).not.toMatch(/"(email|username|user_id|userId|owner)"/);
    }
  });
});
