import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '@tradewind/db';
import { freePort } from '@tradewind/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  PROCESS_START_TIMEOUT_MS,
  spawnServer,
  stopServer,
  waitForHealth,
} from './support/server-process.ts';

type Json = { result: { data: { json: Record<string, unknown> } } };

async function trpc(url: string, path: string, init: RequestInit = {}) {
  const response = await fetch(`${url}/trpc/${path}`, init);
  return ((await response.json()) as Json).result.data.json;
}

/** `system.status` as `accessToken`'s user: bot counts are the caller's own. */
function status(url: string, accessToken: string) {
  return trpc(url, 'system.status', { headers: { authorization: `Bearer ${accessToken}` } });
}

/** Signs up (or in) the keeper account over HTTP; returns its user id and access token. */
async function keeper(url: string, procedure: 'auth.register' | 'auth.login') {
  const credentials =
    procedure === 'auth.register'
      ? { email: 'keeper@example.com', password: 'correct horse 42', firstName: 'Keeper' }
      : { login: 'keeper@example.com', password: 'correct horse 42' };
  const tokens = (await trpc(url, procedure, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ json: credentials }),
  })) as { accessToken: string; user: { id: string } };
  return { userId: tokens.user.id, accessToken: tokens.accessToken };
}

describe('server process', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'tradewind-process-'));
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('refuses to start on a bad env value, naming the variable in one line', async () => {
    const server = spawnServer({ PORT: 'abc', TRADEWIND_DATA_DIR: dataDir });
    const [code] = await once(server.child, 'exit');
    expect(code).toBe(1);
    // bin/start.mjs may first say it is recompiling changed sources; the error itself is one line.
    const errors = server
      .stderr()
      .trim()
      .split('\n')
      .filter((line) => !line.includes('compiling the server'));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/PORT: .*\(got "abc"\)/);
  });

  it(
    'says what it is doing while starting, then where it listens',
    async () => {
      const server = spawnServer({
        PORT: String(await freePort()),
        TRADEWIND_DATA_DIR: dataDir,
        LOG_LEVEL: 'info',
      });
      await waitForHealth(server);
      expect(await stopServer(server)).toBe(0);
      // Not a terminal: JSON lines, the first saying what the wait is for.
      const lines = server
        .stdout()
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as { msg: string; startupMs?: number });
      expect(lines[0]?.msg).toMatch(/starting: opening the embedded database in .* and applying/);
      const listening = lines.find((line) => line.msg.includes(`listening on ${server.url}`));
      expect(listening?.startupMs).toBeGreaterThan(0);
    },
    PROCESS_START_TIMEOUT_MS * 2,
  );

  it(
    'pretty-prints its logs on a terminal in development',
    async () => {
      const port = await freePort();
      const command = `PORT=${port} TRADEWIND_DATA_DIR='${dataDir}' NODE_ENV=development LOG_LEVEL=info '${process.execPath}' bin/start.mjs`;
      // util-linux `script` gives the server a pseudo-terminal, as in a developer's shell.
      const child = spawn('script', ['-qec', command, '/dev/null'], {
        cwd: fileURLToPath(new URL('..', import.meta.url)),
        env: { ...process.env, DATABASE_URL: '' },
        stdio: ['ignore', 'pipe', 'pipe'],
        detached: true,
      });
      let output = '';
      child.stdout.on('data', (chunk) => {
        output += String(chunk);
      });
      const closed = once(child, 'close');
      try {
        const deadline = Date.now() + PROCESS_START_TIMEOUT_MS;
        while (!output.includes('listening on') && Date.now() < deadline) {
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      } finally {
        process.kill(-(child.pid as number), 'SIGTERM');
        await closed;
      }
      expect(output).toMatch(/INFO.*Tradewind .* starting: opening the embedded database/);
      expect(output).toMatch(/INFO.*Tradewind .* listening on http:\/\/127\.0\.0\.1:\d+/);
      expect(output).not.toContain('{"level"');
    },
    PROCESS_START_TIMEOUT_MS * 2,
  );

  it(
    'names the taken port and suggests PORT= when the port is in use',
    async () => {
      const taken = createServer();
      await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
      const address = taken.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      try {
        const server = spawnServer({ PORT: String(port), TRADEWIND_DATA_DIR: dataDir });
        const [code] = await once(server.child, 'exit');
        expect(code).toBe(1);
        expect(server.stderr().trim().split('\n')).toEqual([
          `tradewind-server: port ${port} on 127.0.0.1 is already in use (another Tradewind server?); stop it, or choose another port: PORT=${port + 1} npx -y pnpm@12.21.0 start`,
        ]);
      } finally {
        taken.close();
      }
    },
    PROCESS_START_TIMEOUT_MS * 2,
  );

  it(
    'keeps embedded data across a graceful stop and a new start',
    async () => {
      const env = { PORT: String(await freePort()), TRADEWIND_DATA_DIR: dataDir };
      const first = spawnServer(env);
      expect(await waitForHealth(first)).toMatchObject({
        status: 'ok',
        database: { connected: true, dialect: 'pglite' },
      });
      const registered = await keeper(first.url, 'auth.register');
      expect((await status(first.url, registered.accessToken)).botsTotal).toBe(0);
      expect(await stopServer(first)).toBe(0);

      // Write through the database directly while no server holds it.
      const db = await openDatabase({ dataDir: path.join(dataDir, 'pglite') });
      await db.prisma.bot.create({
        data: {
          userId: registered.userId,
          name: 'kept across restarts',
          status: 'COMPLETED',
          strategy: 'MovingAverage',
          initialCash: 10_000,
          currentCash: 10_000,
        },
      });
      await db.close();

      const second = spawnServer(env);
      await waitForHealth(second);
      const signedIn = await keeper(second.url, 'auth.login');
      expect(await status(second.url, signedIn.accessToken)).toMatchObject({
        botsTotal: 1,
        botsActive: 0,
      });
      expect(await stopServer(second)).toBe(0);
      // Two cold starts of a real process on an embedded database.
    },
    PROCESS_START_TIMEOUT_MS * 2,
  );
});
