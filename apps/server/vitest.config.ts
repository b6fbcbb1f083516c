import { testDatabaseConfig } from '@tradewind/testing/vitest-config';
import { defineConfig } from 'vitest/config';

export default defineConfig(async () => ({
  test: await testDatabaseConfig('pglite', {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // One worker process runs file after file instead of a fresh one per file: PGlite's WASM,
    // Prisma's query compiler and the server's modules load once, not once per file. Each file
    // still opens its own databases and servers and closes them; none mocks modules or
    // changes globals.
    isolate: false,
    // PostgreSQL-only tests run in the PostgreSQL suite (vitest.postgres.config.ts).
    exclude: ['**/*.pg.test.ts', '**/node_modules/**'],
  }),
}));
