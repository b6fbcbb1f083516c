/**
 * Seed 000's "Complete Bot Lifecycle" curl script, taken from the seed text and run by bash
 * unchanged except for the base URL and a real API key, against a real server.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import {
  ZEnterpriseBotDetailResponse,
  ZEnterpriseBotListResponse,
  ZEnterprisePerformanceResponse,
} from '@tradewind/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type EnterpriseAccount,
  type EnterpriseHarness,
  rest,
  startEnterpriseServer,
} from './support/enterprise-server.ts';
import { expectSeedShape, seedExample, seedScript } from './support/seed-000.ts';

const run = promisify(execFile);

let harness: EnterpriseHarness;
let account: EnterpriseAccount;

beforeAll(async () => {
  harness = await startEnterpriseServer();
  account = await harness.account('lifecycle');
});
afterAll(async () => {
  await harness?.close();
});

/** Splits `{...}{...}` (curl prints bodies back to back) into the JSON documents. */
function jsonDocuments(text: string): unknown[] {
  const documents: unknown[] = [];
  let depth = 0;
  let start = -1;
  let inString = false;
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index];
    if (inString) {
      if (char === '\\') index += 1;
      else if (char === '"') inString = false;
    } else if (char === '"') {
      inString = true;
    } else if (char === '{' || char === '[') {
      if (depth === 0) start = index;
      depth += 1;
    } else if (char === '}' || char === ']') {
      depth -= 1;
      if (depth === 0) documents.push(JSON.parse(text.slice(start, index + 1)));
    }
  }
  return documents;
}

async function requireTool(name: string) {
  await run('bash', ['-c', `command -v ${name}`]).catch(() => {
    throw new Error(`the seed's script needs ${name} on PATH (apt-get install ${name})`);
  });
}

describe('seed 000 "Complete Bot Lifecycle" script', () => {
  it('runs unchanged against a real server and every response has the seed shape', async () => {
    await requireTool('curl');
    await requireTool('jq');
    const original = seedScript('Complete Bot Lifecycle');
    const script = original
      .replaceAll('https://api.example.com', harness.server.url)
      .replaceAll('your_api_key', account.key);
    // Only the base URL and the key change.
    expect(script.replaceAll(harness.server.url, 'https://api.example.com')).toBe(
      original.replaceAll('your_api_key', account.key),
    );

    const { stdout } = await run('bash', ['-c', script], { timeout: 30_000 });
    // Steps 2-4 print their responses back to back (step 1's goes into BOT_RESPONSE).
    const documents = jsonDocuments(stdout);
    expect(documents).toHaveLength(3);
    const [monitor, stop, performance] = documents;

    // 1. Start: the script's bot is the only one; steps 2-4 are about it.
    const bots = await rest(harness.server, 'GET', '/bots', { key: account.key });
    const [bot] = ZEnterpriseBotListResponse.parse(bots.body).data;
    expect(bot).toBeDefined();

    // 2. Monitor: the bot with its trades.
    expectSeedShape(monitor, seedExample('Get Bot by ID', 'Example Response'), {
      nullable: ['end_time', 'final_cash'],
    });
    expect(ZEnterpriseBotDetailResponse.parse(monitor).data).toMatchObject({
      id: bot?.id,
      status: 'ACTIVE',
      mode: 'PAPER',
      initial_cash: 10_000,
    });

    // 3. Stop.
    expect(stop).toEqual(seedExample('Stop Bot', 'Example Response'));
    expect(bot?.status).toBe('COMPLETED');

    // 4. Final performance: the stopped bot's record.
    expectSeedShape(performance, seedExample('Get Performance Metrics', 'Example Response'), {
      nullable: ['sharpe_ratio', 'sortino_ratio', 'profit_factor'],
    });
    const [record] = ZEnterprisePerformanceResponse.parse(performance).data;
    expect(record).toMatchObject({
      session_id: bot?.id,
      strategy_name: 'MovingAverage',
      symbols: ['AAPL', 'GOOGL'],
      initial_capital: 10_000,
    });
  }, 60_000);
});
