import type { RunningServer } from '@tradewind/server';
import { startTestServer } from '@tradewind/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliHome, oneLineFailure, registerUser, removeCliHomes } from './support/cli-fixtures.ts';

let server: RunningServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
  await removeCliHomes();
});

describe('tradewind keys', () => {
  it('login -> keys create -> a call with the key -> keys revoke -> the same call fails', async () => {
    const user = await registerUser(server, 'keys');
    const operator = await cliHome();
    expect((await operator.login(server, user)).code).toBe(0);

    const create = await operator.run(['keys', 'create', '--name', 'ci', '--json']);
    expect(create.stderr).toBe('');
    expect(create.code).toBe(0);
    const created = JSON.parse(create.stdout);
    expect(created).toMatchObject({ name: 'ci', rateLimitPerHour: 1000, enabled: true });
    expect(created.key).toMatch(/^twk_/);
    expect(created.secret).toMatch(/^tws_/);
    expect(created.prefix).toBe(created.key.slice(0, 8));

    // A script on another machine: no profile at all, only the key, and the server's URL.
    const script = await cliHome();
    const withKey = { TRADEWIND_API_KEY: created.key, TRADEWIND_URL: server.url };
    const whoami = await script.run(['whoami', '--json'], { env: withKey });
    expect(whoami.stderr).toBe('');
    expect(JSON.parse(whoami.stdout)).toMatchObject({ email: user.email });
    expect((await script.run(['status', '--json'], { env: withKey })).code).toBe(0);
    const table = await script.run(['whoami'], { env: withKey });
    expect(table.stdout).toMatch(/Signed in with\s*│\s*API key \(TRADEWIND_API_KEY\)/);

    const list = await operator.run(['keys', 'list', '--json']);
    const listed = JSON.parse(list.stdout);
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({ id: created.id, prefix: created.prefix, enabled: true });
    expect(listed[0].lastUsedAt).not.toBeNull();
    expect(list.stdout).not.toContain(created.key);

    const revoke = await operator.run(['keys', 'revoke', created.id]);
    expect(revoke).toMatchObject({
      code: 0,
      stderr: '',
      stdout: `Revoked API key ${created.id}\n`,
    });

    for (const args of [['whoami'], ['whoami', '--json'], ['status']]) {
      const refused = await script.run(args, { env: withKey });
      expect(oneLineFailure(refused)).toMatch(/^API key has been revoked \(request \S+\)$/);
    }
    const after = await operator.run(['keys', 'list']);
    expect(after.stdout).toMatch(/revoked/);
  });

  it('prints a new key once, with a warning, for people', async () => {
    const operator = await cliHome();
    await operator.login(server, await registerUser(server, 'people'));
    const create = await operator.run([
      'keys',
      'create',
      '--name',
      'dashboard',
      '--scope',
      'READ_ONLY',
      'bots:control',
      '--rate-limit',
      '50',
      '--expires-in-days',
      '7',
    ]);
    expect(create.code).toBe(0);
    expect(create.stdout).toMatch(/Key\s*│\s*twk_\S+/);
    expect(create.stdout).toMatch(/Secret\s*│\s*tws_\S+/);
    expect(create.stdout).toMatch(/Rate limit\s*│\s*50 calls\/hour/);
    expect(create.stdout).toMatch(/bots:control/);
    expect(create.stdout).toContain('never shown again');
    const list = await operator.run(['keys', 'list']);
    expect(list.stdout).toMatch(/dashboard/);
    expect(list.stdout).toMatch(/active/);
  });

  it('refuses bad input in one line before or at the server', async () => {
    const operator = await cliHome();
    await operator.login(server, await registerUser(server, 'bad'));
    const badLimit = await operator.run(['keys', 'create', '--name', 'x', '--rate-limit', 'lots']);
    expect(badLimit.code).not.toBe(0);
    expect(badLimit.stderr).toMatch(/--rate-limit.*must be a whole number/);
    const badScope = await operator.run(['keys', 'create', '--name', 'x', '--scope', 'EVERYTHING']);
    expect(oneLineFailure(badScope)).toMatch(
      /^scopes\[0\]: Invalid option: expected one of .*"READ_ONLY".*\(request \S+\)$/,
    );
    const unknown = await operator.run(['keys', 'revoke', '00000000-0000-4000-8000-000000000000']);
    expect(oneLineFailure(unknown)).toMatch(/^API key not found/);
  });

  it('says to sign in when there is neither a session nor a key', async () => {
    const nobody = await cliHome();
    for (const args of [
      ['keys', 'list'],
      ['keys', 'create', '--name', 'x'],
    ]) {
      expect(oneLineFailure(await nobody.run(['--url', server.url, ...args]))).toBe(
        'not signed in (profile "default"); run `tradewind login` or set TRADEWIND_API_KEY',
      );
    }
  });
});
