import type { RunningServer } from '@tradewind/server';
import { startTestServer } from '@tradewind/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientsFor } from '../support/clients.ts';

let server: RunningServer;
let token: string;
let botId: number;

/** A seed 003 call with real HTTP: the JSON answer and its status. */
async function call(method: 'GET' | 'POST', path: string, body?: unknown, bearer = token) {
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers: {
      ...(bearer && { authorization: `Bearer ${bearer}` }),
      ...(body !== undefined && { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

beforeAll(async () => {
  // Bars a minute apart: the bot holds still.
  server = await startTestServer({ simulatorBarMs: 60_000 });
  const clients = clientsFor(server);
  token = (await clients.register('dave@example.com', 'Dave')).accessToken;
  const bot = await clients.withToken(token).bots.create.mutate({
    name: 'Delta',
    initialCash: 10_000,
    symbols: ['AAPL'],
    strategy: 'MovingAverage',
  });
  botId = bot.id;
}, 120_000);
afterAll(async () => {
  await server?.close();
});

describe("seed 003's AI chat over REST", () => {
  it('answers POST /api/ai/chat and POST /api/chat/message in the seed shapes', async () => {
    const chat = await call('POST', '/api/ai/chat', { message: 'How are my bots?' });
    expect(chat.status).toBe(200);
    expect(chat.json).toEqual({
      success: true,
      response: expect.stringMatching(
        /^You have 1 active bot \(1 in all\)\. Capital: USD 10,000\.00/,
      ),
      requires_confirmation: false,
      actions: [],
    });
    const message = await call('POST', '/api/chat/message', { message: 'Check my bots' });
    expect(message.json).toEqual({
      success: true,
      response: expect.stringMatching(/^You have 1 active bot/),
      timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
  });

  it('carries a confirmation token that POST /api/ai/chat/confirm spends once', async () => {
    const proposal = await call('POST', '/api/ai/chat', { message: 'pause delta' });
    expect(proposal.json).toMatchObject({
      requires_confirmation: true,
      actions: [
        {
          type: 'pause_bot',
          description: `pause Delta (#${botId})`,
          token: expect.stringMatching(/^twc_/),
          expires_at: expect.any(String),
        },
      ],
    });
    const [action] = proposal.json.actions as { token: string }[];
    const done = await call('POST', '/api/ai/chat/confirm', { token: action?.token });
    expect(done).toMatchObject({
      status: 200,
      json: { success: true, type: 'pause_bot', bot_ids: [botId] },
    });
    const again = await call('POST', '/api/ai/chat/confirm', { token: action?.token });
    expect(again).toMatchObject({
      status: 409,
      json: {
        success: false,
        error: 'token: this confirmation was already used',
        error_code: 'CONFLICT',
      },
    });
  });

  it('lists (limit, default 50), greets and clears', async () => {
    const history = await call('GET', '/api/ai/chat/history?limit=2');
    expect(history.status).toBe(200);
    expect(history.json.messages).toEqual([
      {
        role: 'assistant',
        content: expect.stringMatching(/^I can do this for you: pause Delta/),
        timestamp: expect.any(String),
      },
      { role: 'assistant', content: `Paused Delta (#${botId}).`, timestamp: expect.any(String) },
    ]);
    const all = await call('GET', '/api/ai/chat/history');
    expect((all.json.messages as { role: string }[]).map((message) => message.role)).toEqual([
      'user',
      'assistant',
      'user',
      'assistant',
      'user',
      'assistant',
      'assistant',
    ]);
    const greeting = await call('POST', '/api/ai/chat/greeting');
    expect(greeting.json).toEqual({
      success: true,
      greeting: 'Welcome back, Dave!',
      daily_report: {
        summary: expect.stringMatching(/^In the last 24 hours your bots made 0 trades/),
        highlights: ['Delta was paused on request'],
      },
    });
    expect((await call('POST', '/api/ai/chat/clear')).json).toEqual({
      success: true,
      message: 'Chat history cleared',
    });
    expect((await call('GET', '/api/ai/chat/history')).json).toEqual({
      success: true,
      messages: [],
    });
  });

  it('refuses bad input and missing credentials in the seed error schema', async () => {
    const empty = await call('POST', '/api/ai/chat', { message: '' });
    expect(empty).toMatchObject({
      status: 400,
      json: { success: false, error_code: 'VALIDATION_ERROR' },
    });
    expect(empty.json.error).toMatch(/message/);
    const huge = await call('POST', '/api/ai/chat', { message: 'x'.repeat(10_240) });
    expect(huge).toMatchObject({ status: 400, json: { error_code: 'VALIDATION_ERROR' } });
    expect(huge.json.error).toMatch(/message/);
    const limit = await call('GET', '/api/ai/chat/history?limit=abc');
    expect(limit).toMatchObject({ status: 400, json: { error_code: 'VALIDATION_ERROR' } });
    const anonymous = await call('POST', '/api/ai/chat', { message: 'hi' }, '');
    expect(anonymous).toMatchObject({ status: 401, json: { error_code: 'AUTH_REQUIRED' } });
    expect(JSON.stringify([empty, huge, limit, anonymous])).not.toMatch(/at \/|\.ts:|prisma/i);
  });
});
