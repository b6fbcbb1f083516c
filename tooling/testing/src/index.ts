/**
 * @tradewind/testing: fixtures for tests. The database fixtures need the global setup
 * (`@tradewind/testing/global-setup`, or `testDatabaseConfig()` from
 * `@tradewind/testing/vitest-config`) in the vitest config.
 */

export {
  type CreateTestDatabaseOptions,
  createTestDatabase,
  type TestDatabase,
} from './create-test-database.ts';
export {
  type FakeTelegram,
  startFakeTelegram,
  type TelegramMessage,
} from './fake-telegram.ts';
export { fixturePath, ohlcvPath, readOhlcv } from './fixtures.ts';
export { freePort } from './free-port.ts';
export {
  DEFAULT_POSTGRES_URL,
  POSTGRES_SKIP_MESSAGE,
  postgresAvailable,
  postgresServerUrl,
} from './postgres-available.ts';
export {
  DEFAULT_REDIS_URL,
  REDIS_SKIP_MESSAGE,
  redisAvailable,
  redisServerUrl,
} from './redis-available.ts';
export { TEST_DATABASE_ENV, testDatabaseDialect } from './test-database-dialect.ts';
export { trpcCall } from './trpc-call.ts';
export {
  type ReceivedWebhook,
  type ReceiverAnswer,
  startWebhookReceiver,
  type WebhookReceiver,
} from './webhook-receiver.ts';
