import { testDatabaseConfig } from '@tradewind/testing/vitest-config';
import { defineConfig } from 'vitest/config';

// The same tests as vitest.config.ts plus the PostgreSQL-only `*.pg.test.ts`, on the
// PostgreSQL server at DATABASE_URL (else 127.0.0.1:5432); skipped, saying so, when none
// answers. Tests that also need Redis skip themselves, saying so, when none answers.
export default defineConfig(async () => ({
  test: await testDatabaseConfig('postgresql', {
    include: ['test/**/*.test.ts'],
    // One worker process runs file after file instead of a fresh one per file: PGlite's WASM,
    // Prisma's query compiler and the server's modules load once, not once per file. Each file
    // still starts its own servers on its own databases and closes them; none mocks modules or
    // changes globals.
    isolate: false,
  }),
}));
