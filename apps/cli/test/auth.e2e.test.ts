import { readFile, stat, writeFile } from 'node:fs/promises';
import { createTradewindClient } from '@tradewind/sdk';
import type { RunningServer } from '@tradewind/server';
import { startTestServer } from '@tradewind/server/testing';
import { Secret, TOTP } from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  clientWithToken,
  cliHome,
  oneLineFailure,
  registerUser,
  removeCliHomes,
} from './support/cli-fixtures.ts';

let server: RunningServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
  await removeCliHomes();
});

/** The code an authenticator app shows `stepsAhead` 30-second steps from now. */
function totpCode(secret: string, stepsAhead = 0): string {
  const totp = new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30 });
  return totp.generate({ timestamp: Date.now() + stepsAhead * 30_000 });
}

describe('tradewind login, whoami, logout', () => {
  it('signs in from a script, stores only tokens in a 0600 file, and says who is signed in', async () => {
    const user = await registerUser(server, 'login');
    const operator = await cliHome();
    const login = await operator.login(server, user);
    expect(login.stderr).toBe('');
    expect(login.code).toBe(0);
    expect(login.stdout).toBe(
      `Signed in to ${server.url} as ${user.email} (trader, free plan); profile "default"\n`,
    );

    expect((await stat(operator.credentialsFile)).mode & 0o777).toBe(0o600);
    expect((await stat(operator.configDir)).mode & 0o777).toBe(0o700);
    const raw = await readFile(operator.credentialsFile, 'utf8');
    expect(raw).not.toContain(user.password);
    const { profiles } = await operator.credentials();
    expect(profiles.default).toEqual({
      url: server.url,
      session: {
        accessToken: expect.any(String),
        refreshToken: expect.any(String),
        accessTokenExpiresAt: expect.any(String),
        sessionId: expect.any(String),
        email: user.email,
      },
    });

    // Later commands find the server through the profile: no --url needed.
    const whoami = await operator.run(['whoami', '--json']);
    expect(whoami.stderr).toBe('');
    expect(JSON.parse(whoami.stdout)).toMatchObject({
      email: user.email,
      role: 'trader',
      plan: 'free',
      twoFactorEnabled: false,
      permissions: expect.arrayContaining(['bots:read', 'apiKeys:manage']),
    });
    const table = await operator.run(['whoami']);
    expect(table.stdout).toMatch(new RegExp(`Email\\s*│\\s*${user.email}`));
    expect(table.stdout).toMatch(/Two-factor\s*│\s*off/);
    expect(table.stdout).toContain(profiles.default?.session?.sessionId);
  });

  it('fails in one line, storing nothing, on a wrong password', async () => {
    const user = await registerUser(server, 'wrong');
    const operator = await cliHome();
    const login = await operator.login(server, { ...user, password: 'not the password 1' });
    expect(oneLineFailure(login)).toMatch(/^Invalid login or password \(request \S+\)$/);
    await expect(stat(operator.credentialsFile)).rejects.toThrow(/ENOENT/);
  });

  it('explains what a script must pass instead of prompting', async () => {
    const operator = await cliHome();
    expect(oneLineFailure(await operator.run(['--url', server.url, 'login']))).toBe(
      'cannot prompt for the email without a terminal; pass --email <email> and --password-stdin',
    );
    expect(oneLineFailure(await operator.run(['login', '--password-stdin']))).toBe(
      '--password-stdin needs --email',
    );
    expect(oneLineFailure(await operator.run(['whoami']))).toBe(
      'not signed in (profile "default"); run `tradewind login` or set TRADEWIND_API_KEY',
    );
  });

  it('logs out on the server and locally, and again when the session already ended', async () => {
    const user = await registerUser(server, 'logout');
    const operator = await cliHome();
    await operator.login(server, user);
    const { accessToken } = (await operator.credentials()).profiles.default?.session ?? {};

    const logout = await operator.run(['logout']);
    expect(logout).toMatchObject({ code: 0, stderr: '' });
    expect(logout.stdout).toBe(`Signed out of ${server.url} (profile "default")\n`);
    expect((await operator.credentials()).profiles.default).toEqual({ url: server.url });
    await expect(clientWithToken(server, accessToken ?? '').auth.me.query()).rejects.toThrow(
      /Session has ended/,
    );
    expect((await operator.run(['logout'])).stdout).toBe(
      'Not signed in (profile "default"); nothing to do\n',
    );

    // Ended elsewhere first (e.g. from the dashboard): logout still succeeds.
    await operator.login(server, user);
    const { session } = (await operator.credentials()).profiles.default ?? {};
    await clientWithToken(server, user.tokens.accessToken).auth.sessions.terminate.mutate({
      sessionId: session?.sessionId ?? '',
    });
    expect(oneLineFailure(await operator.run(['whoami']))).toMatch(
      /^Session has ended; sign in again \(request \S+\); run `tradewind login` to sign in again$/,
    );
    expect((await operator.run(['logout'])).code).toBe(0);
    expect((await operator.credentials()).profiles.default?.session).toBeUndefined();
  });

  it("keeps profiles apart and never sends a profile's tokens to another server", async () => {
    const user = await registerUser(server, 'profiles');
    const operator = await cliHome();
    await operator.login(server, user, []);
    const staging = await operator.run(['--profile', 'staging', 'whoami']);
    expect(oneLineFailure(staging)).toBe(
      'not signed in (profile "staging"); run `tradewind login --profile staging` or set TRADEWIND_API_KEY',
    );
    const elsewhere = await operator.run(['--url', 'http://127.0.0.1:9', 'whoami']);
    expect(oneLineFailure(elsewhere)).toBe(
      `profile "default" is signed in to ${server.url}, not http://127.0.0.1:9; run \`tradewind login --url http://127.0.0.1:9\` to sign in there, or choose another --profile`,
    );
    const viaEnv = await operator.run(['whoami', '--json'], {
      env: { TRADEWIND_PROFILE: 'default', TRADEWIND_URL: `${server.url}/` },
    });
    expect(JSON.parse(viaEnv.stdout).email).toBe(user.email);
  });
});

describe('tradewind sessions', () => {
  it('lists sessions marking the current one, and terminates another', async () => {
    const user = await registerUser(server, 'sessions');
    const laptop = await cliHome();
    await laptop.login(server, user);
    await laptop.login(server, user, ['--profile', 'second']);
    const credentials = await laptop.credentials();
    const current = credentials.profiles.default?.session?.sessionId;
    const second = credentials.profiles.second?.session?.sessionId;

    const list = await laptop.run(['sessions', 'list', '--json']);
    const sessions = JSON.parse(list.stdout);
    // The registration's session and the two CLI logins.
    expect(sessions).toHaveLength(3);
    const mine = sessions.find((session: { current: boolean }) => session.current);
    expect(mine.id).toBe(current);
    expect(mine.deviceInfo.deviceType).toBe('cli');
    expect(mine.deviceInfo.userAgent).toMatch(/^tradewind-cli\/\d+\.\d+\.\d+ \(node /);

    const table = await laptop.run(['sessions', 'list']);
    expect(table.stdout).toMatch(new RegExp(`│ \\* +│ ${current}`));

    const terminate = await laptop.run(['sessions', 'terminate', second ?? '']);
    expect(terminate.stdout).toBe(`Terminated session ${second}\n`);
    expect(oneLineFailure(await laptop.run(['--profile', 'second', 'whoami']))).toMatch(
      /^Session has ended; .*run `tradewind login --profile second` to sign in again$/,
    );

    const self = await laptop.run(['sessions', 'terminate', current ?? '']);
    expect(self.stdout).toMatch(/the one this CLI used; profile "default" is signed out/);
    expect((await laptop.credentials()).profiles.default?.session).toBeUndefined();
  });
});

describe('token refresh', () => {
  it('refreshes an expired access token and stores the rotated pair', async () => {
    const user = await registerUser(server, 'refresh');
    const operator = await cliHome();
    await operator.login(server, user);
    const before = await operator.credentials();
    const stored = before.profiles.default?.session;
    if (!stored) throw new Error('not signed in');
    await writeFile(
      operator.credentialsFile,
      JSON.stringify({
        ...before,
        profiles: {
          default: {
            url: server.url,
            session: { ...stored, accessTokenExpiresAt: new Date(Date.now() - 1000).toISOString() },
          },
        },
      }),
    );

    const whoami = await operator.run(['whoami', '--json']);
    expect(whoami.stderr).toBe('');
    expect(JSON.parse(whoami.stdout).email).toBe(user.email);
    const after = (await operator.credentials()).profiles.default?.session;
    expect(after?.sessionId).toBe(stored.sessionId);
    expect(after?.refreshToken).not.toBe(stored.refreshToken);
    // (The access token itself may be byte-identical: same claims within the same second.)
    expect(Date.parse(after?.accessTokenExpiresAt ?? '')).toBeGreaterThan(Date.now());
    expect((await stat(operator.credentialsFile)).mode & 0o777).toBe(0o600);
  });

  it('refreshes once when the server says the access token expired, though the store did not', async () => {
    const user = await registerUser(server, 'expired');
    const operator = await cliHome();
    await operator.login(server, user);
    const before = await operator.credentials();
    const stored = before.profiles.default?.session;
    if (!stored) throw new Error('not signed in');
    const me = await clientWithToken(server, stored.accessToken).auth.me.query();
    const expired = await server.deps.accessTokens.sign(
      { userId: me.id, sessionId: stored.sessionId },
      new Date(Date.now() - 2 * 86_400_000),
    );
    before.profiles.default = { url: server.url, session: { ...stored, accessToken: expired } };
    await writeFile(operator.credentialsFile, JSON.stringify(before));

    expect((await operator.run(['whoami'])).code).toBe(0);
    const after = (await operator.credentials()).profiles.default?.session;
    expect(after?.refreshToken).not.toBe(stored.refreshToken);
  });
});

describe('tradewind 2fa', () => {
  it('enrols and verifies from the CLI, then login needs --totp', async () => {
    const user = await registerUser(server, 'twofactor');
    const operator = await cliHome();
    await operator.login(server, user);

    const enroll = await operator.run(['2fa', 'enroll']);
    expect(enroll.code).toBe(0);
    const secret = enroll.stdout.match(/Secret\s*│\s*([A-Z2-7]+)/)?.[1] ?? '';
    expect(secret).not.toBe('');
    expect(enroll.stdout).toMatch(/URI\s*│\s*otpauth:\/\/totp\//);
    expect(enroll.stdout).toMatch(/[█▀▄]{7}/);

    const verify = await operator.run(['2fa', 'verify', totpCode(secret)]);
    expect(verify).toMatchObject({ code: 0, stderr: '' });
    expect((await operator.run(['whoami'])).stdout).toMatch(/Two-factor\s*│\s*on/);

    const noCode = await operator.login(server, user);
    expect(oneLineFailure(noCode)).toBe(
      'cannot prompt for the two-factor code without a terminal; pass --totp <code>',
    );
    // The verify step's code was spent; the next step's is within the accepted drift.
    const next = totpCode(secret, 1);
    const login = await operator.login(server, user, ['--totp', next]);
    expect(login).toMatchObject({ code: 0, stderr: '' });
    const replay = await operator.login(server, user, ['--totp', next]);
    expect(oneLineFailure(replay)).toMatch(/^Invalid two-factor code/);
  });

  it('disables two-factor with the password on stdin and a code', async () => {
    const user = await registerUser(server, 'disable');
    const operator = await cliHome();
    await operator.login(server, user);
    const enroll = await operator.run(['2fa', 'enroll', '--json']);
    const enrollment = JSON.parse(enroll.stdout);
    expect(enrollment.qrCode).toMatch(/^data:image\/png;base64,/);
    await operator.run(['2fa', 'verify', totpCode(enrollment.secret)]);

    const badCode = await operator.run(['2fa', 'disable', '--totp', '12345']);
    expect(badCode.code).not.toBe(0);
    expect(badCode.stderr).toMatch(/--totp.*6 digits/);
    const wrongPassword = await operator.run(
      ['2fa', 'disable', '--password-stdin', '--totp', totpCode(enrollment.secret, 1)],
      { stdin: 'not the password 1' },
    );
    expect(wrongPassword.code).toBe(1);
    const disable = await operator.run(
      ['2fa', 'disable', '--password-stdin', '--totp', totpCode(enrollment.secret, 1)],
      { stdin: user.password },
    );
    expect(disable).toMatchObject({ code: 0, stderr: '' });
    expect((await operator.run(['whoami'])).stdout).toMatch(/Two-factor\s*│\s*off/);
  });
});

describe('tradewind password reset and mail', () => {
  it('requests a reset, reads the token with `mail`, and sets a new password', async () => {
    const user = await registerUser(server, 'reset');
    const operator = await cliHome();
    const request = await operator.run([
      '--url',
      server.url,
      'password',
      'reset',
      '--email',
      user.email,
    ]);
    expect(request.code).toBe(0);
    expect(request.stdout).toMatch(/If an account exists with this email/);

    const dataDir = server.deps.config.dataDir;
    const mail = await operator.run(['mail', '--json', '--to', user.email], {
      env: { TRADEWIND_DATA_DIR: dataDir },
    });
    const messages = JSON.parse(mail.stdout);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ to: user.email, subject: 'Reset your Tradewind password' });
    const token = messages[0].text.match(/twp_\S+/)?.[0];
    const people = await operator.run(['mail', '--data-dir', dataDir, '--to', user.email]);
    expect(people.stdout).toMatch(/^── 1\/1 · \d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ · to /);
    expect(people.stdout).toContain(token);

    const complete = await operator.run(
      ['--url', server.url, 'password', 'reset', '--token', token, '--password-stdin'],
      { stdin: 'a brand new one 7\n' },
    );
    expect(complete).toMatchObject({ code: 0, stderr: '' });
    const reused = await operator.run(
      ['--url', server.url, 'password', 'reset', '--token', token, '--password-stdin'],
      { stdin: 'another new one 8\n' },
    );
    expect(oneLineFailure(reused)).toMatch(/^token: invalid or expired reset token/);
    const login = await operator.login(server, { ...user, password: 'a brand new one 7' });
    expect(login.code).toBe(0);
    await expect(
      createTradewindClient({ url: server.url }).auth.login.mutate({
        login: user.email,
        password: user.password,
      }),
    ).rejects.toThrow(/Invalid login or password/);
  });

  it('says so when there is no mail', async () => {
    const operator = await cliHome();
    const empty = await operator.run(['mail', '--data-dir', operator.configDir]);
    expect(empty.stdout).toMatch(/^No mail in .*mail\n$/);
    expect(
      JSON.parse((await operator.run(['mail', '--json', '--data-dir', '/nonexistent'])).stdout),
    ).toEqual([]);
  });
});
