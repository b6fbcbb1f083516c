import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { RunningServer } from '@tradewind/server';
import { startTestServer } from '@tradewind/server/testing';
import { freePort } from '@tradewind/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import packageJson from '../package.json' with { type: 'json' };

const bin = fileURLToPath(new URL('../bin/tradewind.mjs', import.meta.url));

type Run = { code: number | null; stdout: string; stderr: string };

/** Runs the real `tradewind` binary as a child process. */
function tradewind(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], {
      env: { ...process.env, TRADEWIND_URL: '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += String(chunk);
    });
    child.stderr.on('data', (chunk) => {
      stderr += String(chunk);
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

let server: RunningServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
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
      botsActive: 0,
      botsTotal: 0,
    });
  });

  it('status prints a table for people, finding the server through TRADEWIND_URL', async () => {
    const run = await tradewind(['status'], { TRADEWIND_URL: server.url });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Status\s*│\s*operational/);
    expect(run.stdout).toMatch(/Bots\s*│\s*0 active \/ 0 total/);
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
