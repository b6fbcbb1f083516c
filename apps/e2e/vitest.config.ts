import { testDatabaseConfig } from '@tradewind/testing/vitest-config';
import { defineConfig } from 'vitest/config';

export default defineConfig(async () => ({
  test: await testDatabaseConfig('pglite', { include: ['test/**/*.test.ts'] }),
}));
