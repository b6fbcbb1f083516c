import { testDatabaseConfig } from '@tradewind/testing/vitest-config';
import { configDefaults, defineConfig } from 'vitest/config';

// `*.pg.test.ts` need PostgreSQL (several server processes on one database) and run only in
// the PostgreSQL suite (vitest.postgres.config.ts).
export default defineConfig(async () => ({
  test: await testDatabaseConfig('pglite', {
    include: ['test/**/*.test.ts'],
    // One worker process runs file after file instead of a fresh one per file: PGlite's WASM,
    // Prisma's query compiler and the server's modules load once, not once per file. Each file
    // still starts its own servers on its own databases and closes them; none mocks modules or
    // changes globals.
    isolate: false,
    exclude: [...configDefaults.exclude, 'test/**/*.pg.test.ts'],
  }),
}));
