import { testDatabaseConfig } from '@tradewind/testing/vitest-config';
import { defineConfig } from 'vitest/config';

// The PostgreSQL suite, on the server at DATABASE_URL (else 127.0.0.1:5432; skipped, saying so,
// when none answers; tests that also need Redis skip themselves the same way). Every file runs
// on the embedded PGlite in vitest.config.ts; here run the PostgreSQL-only `*.pg.test.ts` (several
// server processes on one database) and the files whose behaviour rests on what PostgreSQL does
// differently from one embedded connection: concurrent transactions, row and advisory locks,
// LISTEN/NOTIFY, integer limits, upserts under contention. The server's own suite runs whole on
// PostgreSQL too (apps/server/vitest.postgres.config.ts). Running every e2e file twice cost CI
// five minutes for no path the list below does not already take.
const ON_POSTGRESQL = [
  'test/**/*.pg.test.ts',
  'test/auth/lockout-and-rate-limits.e2e.test.ts',
  'test/auth/refresh-rotation.e2e.test.ts',
  'test/auth/sessions.e2e.test.ts',
  'test/accounts/accounts.e2e.test.ts',
  'test/backtests/backtests.e2e.test.ts',
  'test/bots/bots.e2e.test.ts',
  'test/bots/bot-records.e2e.test.ts',
  'test/enterprise/contract.e2e.test.ts',
  'test/enterprise/idempotency.e2e.test.ts',
  'test/enterprise/webhooks.e2e.test.ts',
  'test/fuzz/cross-user.e2e.test.ts',
  'test/input/out-of-range-ids.e2e.test.ts',
  'test/market/market-sync.e2e.test.ts',
  'test/operations/config.e2e.test.ts',
  'test/realtime/realtime.e2e.test.ts',
  'test/strategies/strategies.e2e.test.ts',
  'test/tradingview/tradingview.e2e.test.ts',
  'test/webhooks/restart.e2e.test.ts',
  'test/webhooks/webhooks.e2e.test.ts',
];

export default defineConfig(async () => ({
  test: await testDatabaseConfig('postgresql', {
    include: ON_POSTGRESQL,
    // One worker process runs file after file instead of a fresh one per file: Prisma's query
    // compiler and the server's modules load once, not once per file. Each file still starts its
    // own servers on its own databases and closes them; none mocks modules or changes globals.
    isolate: false,
  }),
}));
