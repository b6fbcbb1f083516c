import { testDatabaseConfig } from '@tradewind/testing/vitest-config';
import { defineConfig } from 'vitest/config';

// The same tests as vitest.config.ts, on the PostgreSQL server at DATABASE_URL (else
// 127.0.0.1:5432); skipped, saying so, when none answers.
export default defineConfig(async () => ({
  test: await testDatabaseConfig('postgresql', {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // One worker process runs file after file instead of a fresh one per file: PGlite's WASM,
    // Prisma's query compiler and the server's modules load once, not once per file. Each file
    // still opens its own databases and servers and closes them; none mocks modules or
    // changes globals.
    isolate: false,
  }),
}));
