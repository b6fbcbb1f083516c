/**
 * Account lockout after repeated failed sign-ins (also when the guesses arrive in parallel),
 * and the per-principal rate limits with their headers, checked on raw HTTP responses against
 * servers running seed 004's real budgets (`rateLimitScale: 1`).
 */
import type { RunningServer } from '@tradewind/server';
import { startTestServer } from '@tradewind/server/testing';
import { freePort } from '@tradewind/testing';
import { Secret, TOTP } from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientWithToken, PASSWORD, registerUser } from '../support/clients.ts';
import { type RawResponse, rawMutation, rawQuery } from '../support/raw-trpc.ts';

function login(server: RunningServer, login: string, password: string) {
  return rawMutation(server.url, 'auth.login', { login, password });
}

function rateLimitHeaders(response: RawResponse) {
  return {
    limit: Number(response.headers.get('x-ratelimit-limit')),
    remaining: Number(response.headers.get('x-ratelimit-remaining')),
    reset: Number(response.headers.get('x-ratelimit-reset')),
  };
}

describe('account lockout', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server?.close();
  });

  it('locks after five failed logins, refusing even the right password with 429 and retry info', async () => {
    await registerUser(server, 'locked');
    for (let attempt = 1; attempt <= 5; attempt++) {
      const failed = await login(server, 'locked@example.com', `wrong password ${attempt}`);
      expect(failed.status, `attempt ${attempt}`).toBe(401);
      expect(failed.message).toBe('Invalid login or password');
    }
    const refused = await login(server, 'locked@example.com', PASSWORD);
    expect(refused.status).toBe(429);
    expect(refused.message).toMatch(/^Too many failed logins for this account; try again in \d+s$/);
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(JSON.stringify(refused.body)).toContain(`"retryAfter":${retryAfter}`);
    expect(JSON.stringify(refused.body)).toContain('"domainCode":"RATE_LIMIT"');

    // Once the lock has passed, the right password works and clears the count.
    const user = await server.deps.db.prisma.user.update({
      where: { email: 'locked@example.com' },
      data: { lockedUntil: new Date(Date.now() - 1_000) },
    });
    expect(user.failedLoginCount).toBe(5);
    expect((await login(server, 'locked@example.com', PASSWORD)).status).toBe(200);
    const after = await server.deps.db.prisma.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(after).toMatchObject({ failedLoginCount: 0, lockedUntil: null });
  });

  it('grows the lock after it expires and the guessing goes on', async () => {
    await registerUser(server, 'stubborn');
    for (let attempt = 1; attempt <= 5; attempt++) {
      await login(server, 'stubborn@example.com', `wrong password ${attempt}`);
    }
    await server.deps.db.prisma.user.update({
      where: { email: 'stubborn@example.com' },
      data: { lockedUntil: new Date(Date.now() - 1_000) },
    });
    expect((await login(server, 'stubborn@example.com', 'wrong password 6')).status).toBe(401);
    const refused = await login(server, 'stubborn@example.com', PASSWORD);
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(60);
    expect(retryAfter).toBeLessThanOrEqual(120);
  });

  it('checks at most five passwords of a burst of parallel guesses', async () => {
    await registerUser(server, 'burst');
    const guesses = await Promise.all(
      Array.from({ length: 15 }, (_, index) =>
        login(server, 'burst@example.com', `wrong password ${index}`),
      ),
    );
    const statuses = guesses.map((response) => response.status);
    expect(statuses.filter((status) => status === 401)).toHaveLength(5);
    expect(statuses.filter((status) => status === 429)).toHaveLength(10);
    expect((await login(server, 'burst@example.com', PASSWORD)).status).toBe(429);
  });

  it('does not count a sign-in that only lacked its two-factor code as a failure', async () => {
    const tokens = await registerUser(server, 'two-step');
    const client = clientWithToken(server, tokens.accessToken);
    const { secret } = await client.auth.twoFactor.enroll.mutate();
    const totp = new TOTP({ secret: Secret.fromBase32(secret) });
    await client.auth.twoFactor.verify.mutate({ totpCode: totp.generate() });
    for (let attempt = 1; attempt <= 4; attempt++) {
      await login(server, 'two-step@example.com', `wrong password ${attempt}`);
    }
    // The first step of a two-step sign-in (right password, no code yet), twice over.
    for (let step = 1; step <= 2; step++) {
      const firstStep = await login(server, 'two-step@example.com', PASSWORD);
      expect(firstStep.status).toBe(401);
      expect(firstStep.message).toBe('Two-factor code required');
    }
    const row = await server.deps.db.prisma.user.findUniqueOrThrow({
      where: { id: tokens.user.id },
    });
    expect(row).toMatchObject({ failedLoginCount: 4, lockedUntil: null });
    const signedIn = await rawMutation(server.url, 'auth.login', {
      login: 'two-step@example.com',
      password: PASSWORD,
      totpCode: totp.generate({ timestamp: Date.now() + 30_000 }),
    });
    expect(signedIn.status).toBe(200);
  });
});

describe('rate limits (seed 004 budgets)', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startTestServer({ rateLimitScale: 1 });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('refuses the 21st anonymous call within a minute with 429, X-RateLimit-* and Retry-After', async () => {
    const startedAt = Math.floor(Date.now() / 1000);
    for (let call = 1; call <= 20; call++) {
      const response = await rawQuery(server.url, 'auth.me');
      expect(response.status, `call ${call}`).toBe(401);
      const headers = rateLimitHeaders(response);
      expect(headers).toMatchObject({ limit: 20, remaining: 20 - call });
      expect(headers.reset).toBeGreaterThanOrEqual(startedAt);
      expect(headers.reset).toBeLessThanOrEqual(startedAt + 61);
    }
    const refused = await rawQuery(server.url, 'auth.me');
    expect(refused.status).toBe(429);
    expect(refused.message).toMatch(/^Too many requests: limit 20; retry in \d+s$/);
    expect(rateLimitHeaders(refused)).toMatchObject({ limit: 20, remaining: 0 });
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(JSON.stringify(refused.body)).toContain('"domainCode":"RATE_LIMIT"');
  });
});

describe('rate limits while Redis is unreachable', () => {
  let server: RunningServer;
  beforeAll(async () => {
    // Nothing listens on this port: every Redis command would fail.
    const redisUrl = `redis://127.0.0.1:${await freePort()}`;
    server = await startTestServer({ rateLimitScale: 1, redisUrl });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('keeps enforcing the budget in memory instead of failing calls with 500', async () => {
    for (let call = 1; call <= 20; call++) {
      const response = await rawQuery(server.url, 'auth.me');
      expect(response.status, `call ${call}`).toBe(401);
      expect(rateLimitHeaders(response)).toMatchObject({ limit: 20, remaining: 20 - call });
    }
    expect((await rawQuery(server.url, 'auth.me')).status).toBe(429);
  });
});

describe('rate limit headers on normal responses', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startTestServer({ rateLimitScale: 1 });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('reports the budget a signed-in user spends, per user, on successful calls', async () => {
    const tokens = await registerUser(server, 'counted');
    const headers = { authorization: `Bearer ${tokens.accessToken}` };
    const first = await rawQuery(server.url, 'auth.me', undefined, { headers });
    expect(first.status).toBe(200);
    expect(rateLimitHeaders(first)).toMatchObject({ limit: 100, remaining: 99 });
    const second = await rawQuery(server.url, 'auth.sessions.list', undefined, { headers });
    expect(second.status).toBe(200);
    expect(rateLimitHeaders(second)).toMatchObject({ limit: 100, remaining: 98 });
    expect(second.headers.get('retry-after')).toBeNull();
  });

  it('spends the tighter credential budget of the address on sign-in calls', async () => {
    // The registration above spent one credential attempt of 127.0.0.1.
    const statuses: number[] = [];
    let last: RawResponse | undefined;
    for (let call = 1; call <= 10; call++) {
      last = await login(server, 'nobody@example.com', 'wrong password 1');
      statuses.push(last.status);
    }
    expect(statuses.slice(0, 9)).toEqual(Array(9).fill(401));
    expect(statuses[9]).toBe(429);
    expect(last?.message).toMatch(/^Too many requests: limit 10; retry in \d+s$/);
    expect(last && rateLimitHeaders(last)).toMatchObject({ limit: 10, remaining: 0 });
  });
});
