/**
 * A strategy that throws puts its bot in ERROR, and the `bot.error` webhook a receiver gets
 * over HTTP carries the strategy's own stack frames: its file and line, relative to the
 * repository, with no server internals, dependencies or absolute paths (issue 12 item 7).
 */
import type { WebhookPayload } from '@tradewind/core';
import { startWebhookReceiver, trpcCall, type WebhookReceiver } from '@tradewind/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BotRunner } from '../src/runtime/bots/bot-runner.ts';
import type { RunningServer } from '../src/start-server.ts';
import { startTestServer } from '../src/testing/start-test-server.ts';
import { ExplodingStrategy } from './support/exploding-strategy.ts';

let server: RunningServer;
let receiver: WebhookReceiver;
let runner: BotRunner;

beforeAll(async () => {
  // The server's own runner is off: this one runs the user's (broken) strategy.
  server = await startTestServer({ botRunnerEnabled: false, webhookAllowPrivateUrls: true });
  receiver = await startWebhookReceiver();
  runner = new BotRunner(server.deps, {
    owner: 'stack-test',
    barMs: 10,
    leaseMs: 30_000,
    createStrategy: () => new ExplodingStrategy(3),
  });
});
afterAll(async () => {
  await runner?.stop();
  await server?.close();
  await receiver?.close();
});

describe('bot.error', () => {
  it("carries the strategy's own frames and nothing of the server's", {
    timeout: 120_000,
  }, async () => {
    const { accessToken } = await trpcCall<{ accessToken: string }>(server.url, 'auth.register', {
      email: 'stack@example.com',
      password: 'correct horse 42',
      firstName: 'Stack',
    });
    await trpcCall(
      server.url,
      'webhooks.create',
      { url: receiver.url, events: ['bot.error'] },
      accessToken,
    );
    const bot = await trpcCall<{ id: number }>(
      server.url,
      'bots.create',
      { initialCash: 10_000, symbols: ['AAPL'], strategy: 'MovingAverage' },
      accessToken,
    );
    runner.start();
    const [delivery] = await receiver.waitFor(1, 90_000);
    const payload = JSON.parse(delivery?.body ?? '{}') as WebhookPayload;
    expect(payload).toMatchObject({ event_type: 'bot.error', bot_id: bot.id });
    if (payload.event_type !== 'bot.error') throw new Error('expected bot.error');
    expect(payload.data.error_message).toMatch(/^no indicator for bar \d+$/);
    const stack = payload.data.error_stack ?? '';
    const lines = stack.split('\n');
    expect(lines[0]).toMatch(/^Error: no indicator for bar \d+$/);
    // The strategy's frames, innermost first: the throw, then the bar that called it.
    expect(lines[1]).toMatch(
      /^ {4}at ExplodingStrategy\.#explode \(apps\/server\/test\/support\/exploding-strategy\.ts:\d+:\d+\)$/,
    );
    expect(lines[2]).toMatch(
      /^ {4}at ExplodingStrategy\.onBar \(apps\/server\/test\/support\/exploding-strategy\.ts:\d+:\d+\)$/,
    );
    expect(lines).toHaveLength(3);
    expect(stack).not.toMatch(
      /node_modules|node:internal|apps\/server\/src|packages\/engine|\/tmp\/|\/work\//,
    );
    expect(stack).not.toContain(process.cwd());
  });
});
