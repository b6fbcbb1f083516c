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

const anonymous = () => anonymousClient(server);
const withToken = (token: string) => clientWithToken(server, token);

describe('register, login, me', () => {
  it('registers, signs in by email and by username, and answers me', async () => {
    const registered = await anonymous().auth.register.mutate({
      email: 'Alice@Example.com',
      password: 'correct horse 42',
      firstName: 'Alice',
      username: 'alice',
    });
    expect(registered.user).toMatchObject({
      email: 'alice@example.com',
      role: 'trader',
      plan: 'free',
      twoFactorEnabled: false,
    });
    expect(registered.expiresIn).toBe(86_400);

    for (const loginName of ['alice@example.com', 'alice']) {
      const tokens = await anonymous().auth.login.mutate({
        login: loginName,
        password: 'correct horse 42',
      });
      const me = await withToken(tokens.accessToken).auth.me.query();
      expect(me.id).toBe(registered.user.id);
      expect(me.permissions).toContain('bots:control');
      expect(JSON.stringify(me)).not.toMatch(/hash|totp|secret/i);
    }
  });

  it('answers an unknown user and a wrong password the same way', async () => {
    const unknown = await rejection(
      anonymous().auth.login.mutate({ login: 'nobody@example.com', password: 'whatever 123' }),
    );
    const wrong = await rejection(
      anonymous().auth.login.mutate({ login: 'alice@example.com', password: 'wrong password 1' }),
    );
    expect(unknown.message).toBe(wrong.message);
    expect(unknown.data?.httpStatus).toBe(401);
    expect(wrong.data?.httpStatus).toBe(401);
  });

  it('refuses weak passwords and duplicate emails with the field named, creating nothing', async () => {
    const weak = await rejection(
      anonymous().auth.register.mutate({
        email: 'bob@example.com',
        password: 'abc',
        firstName: 'B',
      }),
    );
    expect(weak.data?.httpStatus).toBe(400);
    expect(weak.message).toMatch(/^password: must be at least 10 characters/);
    const duplicate = await rejection(
      anonymous().auth.register.mutate({
        email: 'ALICE@example.com',
        password: 'another good 77',
        firstName: 'Imposter',
      }),
    );
    expect(duplicate.data?.httpStatus).toBe(409);
    expect(duplicate.message).toMatch(/^email:/);
    expect(await server.deps.db.prisma.user.count()).toBe(1);
  });

  it('requires authentication for me and refuses garbage tokens with 401', async () => {
    expect((await rejection(anonymous().auth.me.query())).data?.httpStatus).toBe(401);
    const garbage = await rejection(withToken('not-a-jwt').auth.me.query());
    expect(garbage.data?.httpStatus).toBe(401);
    expect(garbage.message).toBe('Invalid access token');
  });
});
