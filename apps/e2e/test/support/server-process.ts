/**
 * Real server processes (`node bin/start.mjs`, the compiled bundle, as `pnpm start` runs it),
 * for tests about several processes sharing a database and Redis.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '@tradewind/testing';

// The server package's directory, found the way Node finds the package (src/index.ts -> ..).
const serverDir = fileURLToPath(new URL('..', import.meta.resolve('@tradewind/server')));

export type ServerProcess = {
  url: string;
  child: ChildProcess;
  /** What the process wrote to stderr so far, for failure messages. */
  stderr(): string;
  /** What the process wrote to stdout so far (its log lines). */
  stdout(): string;
  /** SIGTERM, then SIGKILL if it has not exited within 10 s; removes its data directory. */
  stop(): Promise<void>;
};

/** Starts a server process with `env` on top of a quiet test environment; waits until healthy. */
export async function startServerProcess(
  env: Record<string, string>,
  // A cold start (migrating a fresh embedded database) on a loaded 2-core CI machine: see below.
  healthTimeoutMs = 120_000,
): Promise<ServerProcess> {
  const port = await freePort();
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'tradewind-process-'));
  const child = spawn(process.execPath, ['bin/start.mjs'], {
    cwd: serverDir,
    env: {
      ...process.env,
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      HOST: '127.0.0.1',
      PORT: String(port),
      TRADEWIND_DATA_DIR: dataDir,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  child.stdout?.on('data', (chunk) => {
    stdout += String(chunk);
  });
  let stderr = '';
  child.stderr?.on('data', (chunk) => {
    stderr += String(chunk);
  });
  const exited = once(child, 'exit');
  const server: ServerProcess = {
    url: `http://127.0.0.1:${port}`,
    child,
    stderr: () => stderr,
    stdout: () => stdout,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(timer);
      }
      await rm(dataDir, { recursive: true, force: true });
    },
  };
  try {
    await waitForHealth(server, healthTimeoutMs);
  } catch (error) {
    await server.stop();
    throw error;
  }
  return server;
}

// A cold start on a loaded 2-core CI machine takes tens of seconds.
async function waitForHealth(server: ServerProcess, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.child.exitCode !== null) {
      throw new Error(`server exited with ${server.child.exitCode}: ${server.stderr()}`);
    }
    const healthy = await fetch(`${server.url}/health`).then(
      (response) => response.ok,
      () => false,
    );
    if (healthy) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`server did not become healthy within ${timeoutMs} ms: ${server.stderr()}`);
}
