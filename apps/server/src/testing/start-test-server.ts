import { createTestDatabase } from '@tradewind/testing';
import { type Config, loadConfig } from '../config.ts';
import { type RunningServer, startServer } from '../start-server.ts';

/**
 * A real server on a free loopback port over a fresh copy of the migrated test database
 * (PGlite, or PostgreSQL under the PostgreSQL suite). `close()` stops both.
 */
export async function startTestServer(overrides: Partial<Config> = {}): Promise<RunningServer> {
  const db = await createTestDatabase();
  const config: Config = {
    ...loadConfig({ NODE_ENV: 'test', PORT: '0', LOG_LEVEL: 'silent' }),
    ...overrides,
  };
  const server = await startServer(config, { database: db });
  return {
    ...server,
    close: async () => {
      await server.close();
      await db.close();
    },
  };
}
