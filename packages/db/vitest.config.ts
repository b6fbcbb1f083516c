import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
// Relative import, not `@tradewind/testing`: that package depends on this one, and a
// dependency back would make a workspace cycle (turbo rejects those). The alias below
// lets the tests import it by name all the same.
import { testDatabaseConfig } from '../../tooling/testing/src/vitest-config.ts';

/** Shared by `vitest.config.ts` (PGlite) and `vitest.postgres.config.ts`. */
export const testingAlias = {
  '@tradewind/testing': fileURLToPath(
    new URL('../../tooling/testing/src/index.ts', import.meta.url),
  ),
};

export default defineConfig(async () => ({
  resolve: { alias: testingAlias },
  test: await testDatabaseConfig('pglite', { include: ['src/**/*.test.ts', 'test/**/*.test.ts'] }),
}));
