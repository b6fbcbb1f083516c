import { defineConfig } from 'vitest/config';
import { testDatabaseConfig } from './src/vitest-config.ts';

export default defineConfig(async () => ({
  test: await testDatabaseConfig('pglite', { include: ['src/**/*.test.ts'] }),
}));
