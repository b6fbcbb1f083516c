import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { RunningServer } from '@tradewind/server';
import { startTestServer } from '@tradewind/server/testing';
import { freePort } from '@tradewind/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import packageJson from '../package.json' with { type: 'json' };
import { clientWithToken, registerUser } from './support/cli-fixtures.ts';
import { tradewind as run } from './support/run-tradewind.ts';

let configDir: string;
/** The binary with a config directory of its own, so no test reads the operator's profiles. */
function tradewind(args: string[], env: Record<string, string> = {}) {
  return run(args, { env: { TRADEWIND_CONFIG_DIR: configDir, ...env } });
}

let server: RunningServer;
beforeAll(async () => {
  configDir = await mkdtemp(path.join(os.tmpdir(), 'tradewind-cli-'));
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
  await rm(configDir, { recursive: true, force: true });
});

describe('tradewind CLI', () => {
  it('prints its version', async () => {
    const run = await tradewind(['--version']);
    expect(run.code).toBe(0);
    expect(run.stdout.trim()).toBe(packageJson.version);
  });

  it('status --json prints the status document for scripts', async () => {
    const run = await tradewind(['--url', server.url, 'status', '--json']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({
      status: 'operational',
      database: 'connected',
      version: server.deps.version,
    });
    // Bot counts are for signed-in callers only.
    expect(JSON.parse(run.stdout)).not.toHaveProperty('botsTotal');
  });

  it('status prints a table for people, finding the server through TRADEWIND_URL', async () => {
    const run = await tradewind(['status'], { TRADEWIND_URL: server.url });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Status\s*│\s*operational/);
    expect(run.stdout).not.toMatch(/Bots/);
    // With credentials, the caller's own bots are counted.
    const user = await registerUser(server, 'status');
    const { key } = await clientWithToken(server, user.tokens.accessToken).apiKeys.create.mutate({
      name: 'status',
    });
    const signedIn = await tradewind(['status'], {
      TRADEWIND_URL: server.url,
      TRADEWIND_API_KEY: key,
    });
    expect(signedIn.stdout).toMatch(/Bots\s*│\s*0 active \/ 0 total/);
  });

  it('fails with exit code 1 and one line when the server is down', async () => {
    const url = `http://127.0.0.1:${await freePort()}`;
    for (const args of [['status'], ['status', '--json']]) {
      const run = await tradewind(['--url', url, ...args]);
      expect(run.code).toBe(1);
      expect(run.stdout).toBe('');
      expect(run.stderr).toBe(
        `tradewind: cannot reach the Tradewind server at ${url} (connection refused)\n`,
      );
    }
  });

  it('rejects an unknown command with usage help and a non-zero exit', async () => {
    const run = await tradewind(['nonsense']);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toMatch(/unknown command 'nonsense'/);
  });
});
