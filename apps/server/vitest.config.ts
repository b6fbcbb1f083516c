import { testDatabaseConfig } from '@tradewind/testing/vitest-config';
import { defineConfig } from 'vitest/config';

export default defineConfig(async () => ({
  test: await testDatabaseConfig('pglite', {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // PostgreSQL-only tests run in the PostgreSQL suite (vitest.postgres.config.ts).
    exclude: ['**/*.pg.test.ts', '**/node_modules/**'],
  }),
}));
