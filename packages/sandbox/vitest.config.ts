import { defineConfig } from 'vitest/config';

export default defineConfig({
  // Hostile-strategy tests run CPU deadlines and memory bombs on a shared, busy machine.
  test: { testTimeout: 120_000 },
});
