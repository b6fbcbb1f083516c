import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPg } from '@prisma/adapter-pg';
import type { SqlDriverAdapterFactory } from '@prisma/client/runtime/client';
import pg from 'pg';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { type DatabaseLogger, silentLogger } from './database-logger.ts';
import { withEventLoopTurns } from './event-loop-turns.ts';
import { PrismaClient } from './generated/prisma/client.ts';
import { applyMigrations } from './migrate.ts';

/** Which engine a {@link Database} runs on. */
export type DatabaseDialect = 'pglite' | 'postgresql';

/** An open database: the Prisma client plus what the host needs around it. */
export type Database = {
  prisma: PrismaClient;
  dialect: DatabaseDialect;
  /** `SELECT 1` round trip; resolves `false` (never rejects) when the database is unreachable. */
  ping(): Promise<boolean>;
  /** Disconnects Prisma and closes the PGlite handle or the pg pool. Safe to call twice. */
  close(): Promise<void>;
};

/** Options of {@link openDatabase}. */
export type OpenDatabaseOptions = {
  /** PostgreSQL connection string. Unset means embedded PGlite. */
  databaseUrl?: string;
  /**
   * PGlite data directory, created if missing; `'memory://'` keeps everything in memory.
   * Ignored with `databaseUrl`. Defaults to `.data/pglite` under the working directory.
   */
  dataDir?: string;
  /**
   * An already-created PGlite handle to use instead of `dataDir` (test fixtures load one
   * from a template dump). `close()` closes it.
   */
  pglite?: PGlite;
  /** Apply pending migrations before returning. Default `true`. */
  migrate?: boolean;
  logger?: DatabaseLogger;
};

/** Where the embedded database lives when nobody says otherwise. */
export const DEFAULT_PGLITE_DATA_DIR = '.data/pglite';

/**
 * Opens the database: real PostgreSQL through `@prisma/adapter-pg` when `databaseUrl` is
 * set, otherwise embedded PGlite. With `migrate` (the default) pending migrations are
 * applied first, on the raw driver, before the Prisma client runs a single query.
 *
 * Always `close()` it: an open PGlite handle or pg pool keeps the process alive.
 */
export async function openDatabase(options: OpenDatabaseOptions = {}): Promise<Database> {
  const logger = options.logger ?? silentLogger;
  const migrate = options.migrate ?? true;
  return options.databaseUrl !== undefined
    ? openPostgres(options.databaseUrl, migrate, logger)
    : openPGlite(options, migrate, logger);
}

async function openPGlite(
  options: OpenDatabaseOptions,
  migrate: boolean,
  logger: DatabaseLogger,
): Promise<Database> {
  let pglite = options.pglite;
  if (!pglite) {
    const dataDir = options.dataDir ?? DEFAULT_PGLITE_DATA_DIR;
    const inMemory = dataDir.startsWith('memory://');
    if (!inMemory) mkdirSync(resolve(dataDir), { recursive: true });
    pglite = new PGlite(inMemory ? dataDir : resolve(dataDir));
  }
  const handle = pglite;
  try {
    await handle.waitReady;
    if (migrate) await applyMigrations({ dialect: 'pglite', pglite: handle }, { logger });
  } catch (error) {
    await handle.close().catch(() => {});
    throw error;
  }
  // pglite-prisma-adapter 0.6 is typed against Prisma 6.10's adapter interface; the
  // runtime shape is what 6.19 expects.
  const adapter = withEventLoopTurns(
    new PrismaPGlite(handle) as unknown as SqlDriverAdapterFactory,
  );
  const prisma = new PrismaClient({ adapter });
  return wrap(prisma, 'pglite', async () => {
    if (!handle.closed) await handle.close();
  });
}

async function openPostgres(
  databaseUrl: string,
  migrate: boolean,
  logger: DatabaseLogger,
): Promise<Database> {
  if (migrate) await applyMigrations({ dialect: 'postgresql', databaseUrl }, { logger });
  const pool = new pg.Pool({ connectionString: databaseUrl });
  // An idle client losing its connection (server restart, failover) emits 'error' on the
  // pool; unhandled, that would crash the process. The pool replaces the client itself.
  pool.on('error', (error) => {
    logger.warn({ err: error }, 'idle PostgreSQL connection failed');
  });
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  return wrap(prisma, 'postgresql', () => pool.end());
}

function wrap(
  prisma: PrismaClient,
  dialect: DatabaseDialect,
  closeDriver: () => Promise<void>,
): Database {
  let closing: Promise<void> | undefined;
  return {
    prisma,
    dialect,
    async ping() {
      if (closing) return false;
      try {
        await prisma.$queryRaw`SELECT 1`;
        return true;
      } catch {
        return false;
      }
    },
    close() {
      closing ??= (async () => {
        try {
          await prisma.$disconnect();
        } finally {
          await closeDriver();
        }
      })();
      return closing;
    },
  };
}
