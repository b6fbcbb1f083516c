import { testDatabaseConfig } from '@tradewind/testing/vitest-config';
import { configDefaults, defineConfig } from 'vitest/config';

// `*.pg.test.ts` need PostgreSQL (several server processes on one database) and run only in
// the PostgreSQL suite (vitest.postgres.config.ts).
export default defineConfig(async () => ({
  test: await testDatabaseConfig('pglite', {
    include: ['test/**/*.test.ts'],
    exclude: [...configDefaults.exclude, 'test/**/*.pg.test.ts'],
  }),
}));
