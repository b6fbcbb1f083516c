/** A server process on the embedded database for benchmarks that drive it over loopback. */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '@tradewind/testing';

export type BenchServer = { url: string; stop(): Promise<void> };

async function waitForHealth(url: string): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`${url}/health`)).ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error('server did not start');
}

/**
 * Starts `src/main.ts` on a free port with a fresh PGlite data directory, rate limits and
 * stream caps out of the way, and `env` on top; resolves once `/health` answers.
 * `BENCH_SERVER_NODE_ARGS` (space-separated) goes to the server's node, e.g. `--cpu-prof`.
 */
export async function startBenchServer(env: Record<string, string>): Promise<BenchServer> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'tradewind-bench-'));
  const port = await freePort();
  const serverDir = fileURLToPath(new URL('../../../apps/server/', import.meta.url));
  const nodeArgs = process.env.BENCH_SERVER_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', 'src/main.ts'], {
    cwd: serverDir,
    env: {
      ...process.env,
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      DATABASE_URL: '',
      PORT: String(port),
      TRADEWIND_DATA_DIR: dataDir,
      RATE_LIMIT_SCALE: '100000',
      REALTIME_MAX_CONNECTIONS_PER_USER: '100000',
      ...env,
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const stop = async () => {
    child.kill('SIGTERM');
    await exited;
    await rm(dataDir, { recursive: true, force: true });
  };
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitForHealth(url);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, stop };
}
