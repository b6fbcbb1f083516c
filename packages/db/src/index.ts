/**
 * @tradewind/db: the Prisma schema and migrations, the client factory (PGlite or
 * PostgreSQL) and the migration runner. Prisma types stay behind the services that use
 * them; they never cross the API's output schemas.
 */

export type { DatabaseLogger } from './database-logger.ts';
// Prisma's generated client: the model types and enums services work with, and the
// `Prisma` namespace (error classes, `Decimal`, `TransactionClient`, input types).
export {
  type ApiKey,
  type AuditEntry,
  type Backtest,
  BacktestStatus,
  type Bot,
  BotMode,
  BotStatus,
  type Candle,
  type EquitySnapshot,
  ExecutionType,
  type Order,
  type OrderFill,
  type OutboxEvent,
  type PerformanceRecord,
  Plan,
  type Position,
  Prisma,
  type PrismaClient,
  Role,
  type Session,
  type SystemConfig,
  SystemMode,
  type Trade,
  TradeAction,
  type TradingViewSignal,
  TradingViewSignalStatus,
  type TradingViewToken,
  type User,
} from './generated/prisma/client.ts';
export {
  type ApplyMigrationsOptions,
  applyMigrations,
  type MigrationTarget,
  PRISMA_MIGRATION_LOCK_KEY,
} from './migrate.ts';
export { MigrationError, type MigrationErrorCode } from './migration-error.ts';
export {
  type Database,
  type DatabaseDialect,
  DEFAULT_PGLITE_DATA_DIR,
  type OpenDatabaseOptions,
  openDatabase,
} from './open-database.ts';
export { uniqueViolationFields } from './unique-violation.ts';
