import { configDefaults, defineConfig } from 'vitest/config';
import { testDatabaseConfig } from '../../tooling/testing/src/vitest-config.ts';
import { testingAlias } from './vitest.config.ts';

// The same test files as `vitest.config.ts`, on the PostgreSQL server at DATABASE_URL
// (else 127.0.0.1:5432); skipped, saying so, when none answers. The schema/migrations check
// uses no database: once is enough.
export default defineConfig(async () => ({
  resolve: { alias: testingAlias },
  test: await testDatabaseConfig('postgresql', {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: [...configDefaults.exclude, 'test/schema-matches-migrations.test.ts'],
  }),
}));
