import { defineConfig } from 'vitest/config';

export default defineConfig({
  // Some tests replay decades of bars or talk to a local HTTP server; on a loaded 2-core CI
  // machine vitest's 5 s default fails them for being slow, not wrong.
  test: { testTimeout: 60_000 },
});
