import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createTestDatabase } from '@tradewind/testing';
import { type Config, loadConfig } from '../config.ts';
import { type RunningServer, type StartServerOptions, startServer } from '../start-server.ts';

/**
 * A real server on a free loopback port over a fresh copy of the migrated test database
 * (PGlite, or PostgreSQL under the PostgreSQL suite), with its own data directory (mail,
 * generated secrets). Rate limits are scaled up so suites that make many calls are not
 * throttled; tests of the limits themselves pass `rateLimitScale: 1`. `close()` removes it all.
 */
export async function startTestServer(
  overrides: Partial<Config> = {},
  options: Pick<StartServerOptions, 'now'> = {},
): Promise<RunningServer> {
  const db = await createTestDatabase();
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'tradewind-test-'));
  const config: Config = {
    ...loadConfig({ NODE_ENV: 'test', PORT: '0', LOG_LEVEL: 'silent' }),
    dataDir,
    rateLimitScale: 1000,
    ...overrides,
  };
  const server = await startServer(config, { ...options, database: db });
  return {
    ...server,
    close: async () => {
      await server.close();
      await db.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
