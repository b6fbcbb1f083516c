import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

const serverDir = fileURLToPath(new URL('../..', import.meta.url));

export type ServerProcess = {
  child: ChildProcess;
  url: string;
  stdout: () => string;
  stderr: () => string;
};

/**
 * How long a real server process may take to answer /health: a cold start on an embedded
 * database of a loaded 2-core CI machine takes tens of seconds.
 */
export const PROCESS_START_TIMEOUT_MS = 120_000;

/** Starts the server as a real process, the way `pnpm start` does (the compiled bundle). */
export function spawnServer(env: Record<string, string>): ServerProcess {
  const child = spawn(process.execPath, ['bin/start.mjs'], {
    cwd: serverDir,
    // Embedded database unless the caller names one, whatever the test runner's environment says.
    env: { ...process.env, NODE_ENV: 'test', LOG_LEVEL: 'warn', DATABASE_URL: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // A test that fails midway must not leave its server running after the test process ends.
  const orphan = () => child.kill('SIGKILL');
  process.once('exit', orphan);
  child.once('exit', () => process.off('exit', orphan));
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk) => {
    stdout += String(chunk);
  });
  child.stderr?.on('data', (chunk) => {
    stderr += String(chunk);
  });
  return {
    child,
    url: `http://127.0.0.1:${env.PORT}`,
    stdout: () => stdout,
    stderr: () => stderr,
  };
}

export async function waitForHealth(
  server: ServerProcess,
  timeoutMs = PROCESS_START_TIMEOUT_MS,
): Promise<unknown> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.child.exitCode !== null) {
      throw new Error(`server exited with ${server.child.exitCode}: ${server.stderr()}`);
    }
    try {
      const response = await fetch(`${server.url}/health`);
      if (response.ok) return response.json();
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`server did not become healthy: ${server.stderr()}`);
}

export async function stopServer(server: ServerProcess): Promise<number | null> {
  const exited = once(server.child, 'exit');
  server.child.kill('SIGTERM');
  const [code] = await exited;
  return code as number | null;
}
