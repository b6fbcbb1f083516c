/**
 * Password reset: the request never reveals whether an email is registered; the mailed token
 * (read from the file mailer's `<dataDir>/mail`) sets a new password once, ends every session,
 * and dies on use or expiry.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { RunningServer } from '@tradewind/server';
import { startTestServer } from '@tradewind/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  anonymousClient,
  clientWithApiKey,
  clientWithToken,
  PASSWORD,
  registerUser,
  rejection,
} from '../support/clients.ts';
import { type RawResponse, rawMutation } from '../support/raw-trpc.ts';

const NEW_PASSWORD = 'battery staple 77';

type StoredMail = { to: string; subject: string; text: string };

let server: RunningServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

/** What the file mailer stored under `<dataDir>/mail`, one JSON file per message, by name. */
async function mailbox(): Promise<Map<string, StoredMail>> {
  const directory = path.join(server.deps.config.dataDir, 'mail');
  const names = (await readdir(directory).catch(() => [] as string[])).filter((name) =>
    name.endsWith('.json'),
  );
  const mails = await Promise.all(
    names.map(async (name) => JSON.parse(await readFile(path.join(directory, name), 'utf8'))),
  );
  return new Map(names.map((name, index) => [name, mails[index] as StoredMail]));
}

async function requestReset(email: string): Promise<RawResponse> {
  return rawMutation(server.url, 'auth.passwordReset.request', { email });
}

/** Requests a reset for `email`; returns the one mail it produced and the token in it. */
async function mailedReset(email: string): Promise<{ mail: StoredMail; token: string }> {
  const before = await mailbox();
  expect((await requestReset(email)).status).toBe(200);
  const added = [...(await mailbox())].filter(([name]) => !before.has(name));
  expect(added).toHaveLength(1);
  const mail = added[0]?.[1] as StoredMail;
  expect(mail.to).toBe(email);
  const token = mail.text.match(/\btwp_[\w-]+/)?.[0];
  expect(token).toBeDefined();
  return { mail, token: token as string };
}

async function mailedToken(email: string): Promise<string> {
  return (await mailedReset(email)).token;
}

function complete(token: string, newPassword = NEW_PASSWORD) {
  return anonymousClient(server).auth.passwordReset.complete.mutate({ token, newPassword });
}

function login(email: string, password: string) {
  return anonymousClient(server).auth.login.mutate({ login: email, password });
}

describe('password reset', () => {
  it('answers a known and an unknown email identically, mailing only the known one', async () => {
    await registerUser(server, 'known');
    const before = (await mailbox()).size;
    const unknown = await requestReset('nobody-here@example.com');
    expect((await mailbox()).size).toBe(before);
    const known = await requestReset('known@example.com');
    expect((await mailbox()).size).toBe(before + 1);

    expect(known.status).toBe(unknown.status);
    expect(known.body).toEqual(unknown.body);
    expect(known.body).toEqual({
      result: {
        data: {
          json: {
            success: true,
            message: 'If an account exists with this email, reset instructions will be sent',
          },
        },
      },
    });
    const headerNames = (response: RawResponse) => [...response.headers.keys()].sort();
    expect(headerNames(known)).toEqual(headerNames(unknown));
  });

  it('mails a token that sets the new password once and ends every session', async () => {
    const first = await registerUser(server, 'forgetful');
    const second = await login('forgetful@example.com', PASSWORD);
    const { mail, token } = await mailedReset('forgetful@example.com');
    expect(mail.subject).toBe('Reset your Tradewind password');

    await expect(complete(token)).resolves.toEqual({
      success: true,
      message: 'Password reset successful',
    });

    // Every session of the account ended, access and refresh tokens alike.
    for (const tokens of [first, second]) {
      const me = await rejection(clientWithToken(server, tokens.accessToken).auth.me.query());
      expect(me.data?.httpStatus).toBe(401);
      const refreshed = await rejection(
        anonymousClient(server).auth.refresh.mutate({ refreshToken: tokens.refreshToken }),
      );
      expect(refreshed.data?.httpStatus).toBe(401);
    }
    expect((await rejection(login('forgetful@example.com', PASSWORD))).data?.httpStatus).toBe(401);
    expect((await login('forgetful@example.com', NEW_PASSWORD)).user.email).toBe(
      'forgetful@example.com',
    );

    // The token is single-use.
    const reused = await rejection(complete(token, 'a third password 99'));
    expect(reused.data?.httpStatus).toBe(400);
    expect(reused.message).toBe('token: invalid or expired reset token');
    await expect(login('forgetful@example.com', NEW_PASSWORD)).resolves.toBeDefined();
  });

  it('leaves API keys working unless the reset asks to revoke them all', async () => {
    const kept = await registerUser(server, 'keeper');
    const keeperKey = await clientWithToken(server, kept.accessToken).apiKeys.create.mutate({
      name: 'kept',
    });
    await complete(await mailedToken('keeper@example.com'));
    expect((await clientWithApiKey(server, keeperKey.key).auth.me.query()).id).toBe(kept.user.id);

    const wary = await registerUser(server, 'wary');
    const keys = await Promise.all(
      ['one', 'two'].map((name) =>
        clientWithToken(server, wary.accessToken).apiKeys.create.mutate({ name }),
      ),
    );
    const answer = await anonymousClient(server).auth.passwordReset.complete.mutate({
      token: await mailedToken('wary@example.com'),
      newPassword: NEW_PASSWORD,
      revokeApiKeys: true,
    });
    expect(answer).toEqual({
      success: true,
      message: 'Password reset successful; 2 API key(s) revoked',
    });
    for (const { key } of keys) {
      const refused = await rejection(clientWithApiKey(server, key).auth.me.query());
      expect(refused.message).toBe('API key has been revoked');
    }
  });

  it('refuses an expired token and leaves the password as it was', async () => {
    await registerUser(server, 'late');
    const token = await mailedToken('late@example.com');
    const user = await server.deps.db.prisma.user.findUniqueOrThrow({
      where: { email: 'late@example.com' },
    });
    await server.deps.db.prisma.passwordResetToken.updateMany({
      where: { userId: user.id },
      data: { expiresAt: new Date(Date.now() - 1_000) },
    });
    const expired = await rejection(complete(token));
    expect(expired.data?.httpStatus).toBe(400);
    expect(expired.message).toBe('token: invalid or expired reset token');
    await expect(login('late@example.com', PASSWORD)).resolves.toBeDefined();
  });

  it('kills the other outstanding reset tokens of the account once one is used', async () => {
    await registerUser(server, 'twice');
    const older = await mailedToken('twice@example.com');
    const newer = await mailedToken('twice@example.com');
    await complete(newer);
    const stale = await rejection(complete(older, 'sneaky password 55'));
    expect(stale.message).toBe('token: invalid or expired reset token');
    await expect(login('twice@example.com', NEW_PASSWORD)).resolves.toBeDefined();
  });

  it('names the problem with a weak new password and keeps the token usable', async () => {
    await registerUser(server, 'weak');
    const token = await mailedToken('weak@example.com');
    const weak = await rejection(complete(token, 'short'));
    expect(weak.data?.httpStatus).toBe(400);
    expect(weak.message).toMatch(/^newPassword: must be at least 10 characters/);
    await expect(complete(token)).resolves.toMatchObject({ success: true });
  });

  it('refuses a made-up token', async () => {
    const response = await rawMutation(server.url, 'auth.passwordReset.complete', {
      token: 'twp_made-up',
      newPassword: NEW_PASSWORD,
    });
    expect(response.status).toBe(400);
    expect(response.message).toBe('token: invalid or expired reset token');
  });
});
