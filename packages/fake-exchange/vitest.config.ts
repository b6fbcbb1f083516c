import { defineConfig } from 'vitest/config';

export default defineConfig({
  // The tests start real HTTP servers on a shared, busy machine.
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
