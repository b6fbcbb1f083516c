import type { AuthTokens, CreatedApiKey } from '@tradewind/core';
import { trpcCall } from '@tradewind/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { PASSWORD } from '../support/clients.ts';
import { type ServerProcess, startServerProcess } from '../support/server-process.ts';
import { eventually } from './stream-clients.ts';

let server: ServerProcess;

beforeAll(async () => {
  // Info level: every request is logged with its URL, as in production.
  server = await startServerProcess({ LOG_LEVEL: 'info' });
}, 180_000);
afterAll(async () => {
  await server?.stop();
}, 60_000);

/** Opens an SSE stream, waits for its headers, and leaves. */
async function touchSse(url: string, headers: Record<string, string> = {}): Promise<number> {
  const controller = new AbortController();
  const response = await fetch(url, { headers, signal: controller.signal });
  controller.abort();
  return response.status;
}

/** Opens a gateway WebSocket and closes it once open (or once refused). */
function touchGateway(url: string, headers: Record<string, string> = {}): Promise<void> {
  return new Promise((resolve) => {
    const socket = new WebSocket(url, { headers });
    socket.once('open', () => socket.close());
    socket.once('close', () => resolve());
    socket.once('error', () => resolve());
  });
}

describe('the server log carries no credentials', () => {
  it('redacts tokens, keys and secrets from every logged URL and header', async () => {
    const email = 'logs@example.com';
    const tokens = await trpcCall<AuthTokens>(server.url, 'auth.register', {
      email,
      password: PASSWORD,
      firstName: 'Logs',
    });
    const jwt = tokens.accessToken;
    const created = await trpcCall<CreatedApiKey>(
      server.url,
      'apiKeys.create',
      { name: 'logged', scopes: ['READ_ONLY'] },
      jwt,
    );
    const { token: tradingView } = await trpcCall<{ token: string }>(
      server.url,
      'signals.rotateToken',
      undefined,
      jwt,
    );
    const wsBase = server.url.replace(/^http/, 'ws');

    // Every door that takes a credential, each way it can be sent.
    expect(await touchSse(`${server.url}/api/realtime/events?token=${created.key}`)).toBe(200);
    expect(await touchSse(`${server.url}/api/realtime/events?token=${jwt}`)).toBe(200);
    await touchSse(`${server.url}/api/realtime/events`, { 'x-api-key': created.key });
    await touchGateway(`${wsBase}/api/ws?token=${jwt}`);
    await touchGateway(`${wsBase}/ws/strategies/alerts?token=${created.key}`);
    await touchGateway(`${wsBase}/api/ws`, { authorization: `Bearer ${jwt}` });
    await fetch(`${server.url}/websocket/stats?token=${jwt}&token=${created.key}`);
    await fetch(`${server.url}/websocket/stats?access_token=${jwt}`);
    await fetch(`${server.url}/api/v1/webhook/tradingview?token=${tradingView}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ symbol: 'AAPL', side: 'buy', size: '1', botname: 'none' }),
    });
    await fetch(`${server.url}/nowhere/${tradingView}?key=${created.secret}`);
    await fetch(`${server.url}/trpc/bots.list`, { headers: { 'x-api-key': created.key } });
    await fetch(`${server.url}/trpc/bots.list`, { headers: { authorization: `Bearer ${jwt}` } });
    await trpcCall(server.url, 'auth.refresh', { refreshToken: tokens.refreshToken });
    await trpcCall(server.url, 'auth.login', { login: email, password: PASSWORD });

    // The last request's line is written: everything before it is in the log too.
    await eventually(
      () => (server.stdout().includes('/trpc/auth.login') ? true : undefined),
      'the log of the last request',
      30_000,
    );
    const log = server.stdout();
    const secrets = {
      'access token': jwt,
      'refresh token': tokens.refreshToken,
      'API key': created.key,
      'API key secret': created.secret,
      'TradingView token': tradingView,
      password: PASSWORD,
    };
    for (const [name, secret] of Object.entries(secrets)) {
      expect({ name, logged: log.includes(secret) }).toEqual({ name, logged: false });
    }
    // The requests are there, their credentials replaced.
    expect(log).toContain('"/api/realtime/events?token=[REDACTED]"');
    expect(log).toContain('"/api/ws?token=[REDACTED]"');
    expect(log).toContain('"/api/v1/webhook/tradingview?token=[REDACTED]"');
    expect(log).toContain('"/websocket/stats?token=[REDACTED]&token=[REDACTED]"');
    expect(log).toContain('"/nowhere/[REDACTED]?key=[REDACTED]"');
  }, 120_000);
});
