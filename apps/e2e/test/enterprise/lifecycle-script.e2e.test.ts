/**
 * Seed 000's "Complete Bot Lifecycle" curl script and its Python example, taken from the seed
 * text and run by bash and python3 unchanged except for the base URL and a real API key, against
 * a real server. The key is made the way the seed says: `tradewind keys create --name x`, with
 * nothing but a name.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { tradewind } from '@tradewind/cli/testing';
import {
  ZEnterpriseBotDetailResponse,
  ZEnterpriseBotListResponse,
  ZEnterprisePerformanceResponse,
} from '@tradewind/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD } from '../support/clients.ts';
import {
  type EnterpriseAccount,
  type EnterpriseHarness,
  rest,
  startEnterpriseServer,
} from './support/enterprise-server.ts';
import { expectSeedShape, seedCode, seedExample } from './support/seed-000.ts';

const run = promisify(execFile);

let harness: EnterpriseHarness;
let account: EnterpriseAccount;

/** Signs in with the CLI and runs `tradewind keys create --name <name>`, as the seed's user would. */
async function cliKey(email: string, name: string): Promise<string> {
  const home = { TRADEWIND_CONFIG_DIR: await mkdtemp(path.join(os.tmpdir(), 'tradewind-seed-')) };
  const url = ['--url', harness.server.url];
  try {
    const login = await tradewind([...url, 'login', '--email', email, '--password-stdin'], {
      env: home,
      stdin: `${PASSWORD}\n`,
    });
    expect(login.code, login.stderr).toBe(0);
    const created = await tradewind([...url, 'keys', 'create', '--name', name, '--json'], {
      env: home,
    });
    expect(created.code, created.stderr).toBe(0);
    return (JSON.parse(created.stdout) as { key: string }).key;
  } finally {
    await rm(home.TRADEWIND_CONFIG_DIR, { recursive: true, force: true });
  }
}

beforeAll(async () => {
  harness = await startEnterpriseServer();
  const owner = await harness.account('lifecycle');
  account = { ...owner, key: await cliKey(owner.tokens.user.email, 'x') };
}, 120_000);
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
    const original = seedCode('Complete Bot Lifecycle', 'bash');
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

describe('seed 000 "Python SDK Example"', () => {
  it('runs unchanged with python3 and requests: start, read, stop', async () => {
    await run('python3', ['-c', 'import requests']).catch(() => {
      throw new Error(
        "the seed's Python example needs python3 with requests (pip install requests)",
      );
    });
    const original = seedCode('Python SDK Example', 'python');
    const script = original
      .replaceAll('https://api.example.com', harness.server.url)
      .replaceAll('your_api_key_here', account.key);
    expect(script.replaceAll(harness.server.url, 'https://api.example.com')).toBe(
      original.replaceAll('your_api_key_here', account.key),
    );
    // The example ends after the stop; print what it holds so the test can check each step.
    const probe = `${script}\nimport json\nprint(json.dumps({"bot": bot, "details": bot_details, "stop": response.status_code}))\n`;
    const { stdout } = await run('python3', ['-c', probe], { timeout: 60_000 });
    const { bot, details, stop } = JSON.parse(stdout) as {
      bot: { id: number; status: string };
      details: { id: number };
      stop: number;
    };
    expect(bot.status).toBe('ACTIVE');
    expect(details.id).toBe(bot.id);
    expect(stop).toBe(200);
    const stored = await harness.server.deps.db.prisma.bot.findUniqueOrThrow({
      where: { id: bot.id },
    });
    expect(stored.status).toBe('COMPLETED');
  }, 90_000);
});
