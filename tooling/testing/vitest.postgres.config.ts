import { defineConfig } from 'vitest/config';
import { testDatabaseConfig } from './src/vitest-config.ts';

// The same test files as `vitest.config.ts`, on the PostgreSQL server at DATABASE_URL
// (else 127.0.0.1:5432); skipped, saying so, when none answers.
export default defineConfig(async () => ({
  test: await testDatabaseConfig('postgresql', { include: ['src/**/*.test.ts'] }),
}));
