/**
 * Seeds 002 and 003's literal examples, run through the SDK as their callers would send them
 * (issue 12 items 8 and 9).
 */
import type { RunningServer } from '@tradewind/server';
import { startTestServer } from '@tradewind/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymousClient, clientWithToken, rejection } from '../support/clients.ts';

let server: RunningServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

/** Seed 003's register example, with its own password. */
const register = (email: string, password = 'securepassword') =>
  anonymousClient(server).auth.register.mutate({ email, password, firstName: 'John' });

describe("seed 003's examples", () => {
  it('registers with the password "securepassword" (length and a common-password check, no composition rules)', async () => {
    const tokens = await register('seed003@example.com');
    expect(tokens.accessToken).toEqual(expect.any(String));
  });

  it('refuses a common password and says the rules', async () => {
    const refused = await rejection(register('common@example.com', 'password123'));
    expect(refused.data?.httpStatus).toBe(400);
    expect(refused.message).toBe(
      'password: is too common (password rules: at least 10 characters, not a common or breached ' +
        'password and not built on your email; any characters, no composition rules (NIST SP 800-63B))',
    );
    const short = await rejection(register('short@example.com', 'secret'));
    expect(short.message).toMatch(/^password: must be at least 10 characters \(password rules: /);
  });

  it('creates a bot with strategy "momentum" and answers with the canonical name', async () => {
    const { accessToken } = await register('momentum@example.com');
    const client = clientWithToken(server, accessToken);
    const bot = await client.bots.create.mutate({
      mode: 'PAPER',
      initialCash: 1000,
      symbols: ['AAPL'],
      strategy: 'momentum',
    });
    expect(bot.strategy).toBe('Momentum');
    expect((await client.bots.get.query({ botId: bot.id })).strategy).toBe('Momentum');
  });
});

describe("seed 002's create example", () => {
  const seedConfig = {
    name: 'Momentum Strategy',
    description: 'Price momentum based strategy',
    category: 'momentum' as const,
    parameters: { fast_period: 12, slow_period: 26, signal_period: 9 },
    riskLevel: 'medium' as const,
    tags: ['momentum', 'technical'],
    timeframe: '1h' as const,
    symbols: ['AAPL', 'GOOGL', 'MSFT'],
  };

  it("accepts the snake_case parameter names and stores the algorithm's own", async () => {
    const { accessToken } = await register('seed002@example.com');
    const client = clientWithToken(server, accessToken);
    const created = await client.strategies.create.mutate({
      config: seedConfig,
      autoStart: false,
      validateParameters: true,
    });
    expect(created).toMatchObject({
      algorithm: 'Momentum',
      parameters: { fast: 12, slow: 26, signal: 9 },
    });
  });

  it('names the input path the caller sent in an error', async () => {
    const { accessToken } = await register('seed002-bad@example.com');
    const client = clientWithToken(server, accessToken);
    const refused = await rejection(
      client.strategies.create.mutate({
        config: { ...seedConfig, parameters: { fast_period: 40, slow_period: 26 } },
      }),
    );
    expect(refused.data?.httpStatus).toBe(400);
    expect(refused.message).toBe(
      'Invalid parameter "fast_period" for Momentum: must be less than slow (got fast 40, slow 26)',
    );
    expect(refused.data).toMatchObject({
      details: { field: 'config.parameters.fast_period' },
    });
  });

  it('lists the aliases with the templates', async () => {
    const { accessToken } = await register('templates@example.com');
    const templates = await clientWithToken(server, accessToken).strategies.templates.query();
    const momentum = templates.find((template) => template.id === 'momentum');
    expect(momentum?.parameterAliases).toEqual({
      fast_period: 'fast',
      slow_period: 'slow',
      signal_period: 'signal',
    });
  });
});
