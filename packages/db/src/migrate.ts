import { randomUUID } from 'node:crypto';
import type { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { type DatabaseLogger, silentLogger } from './database-logger.ts';
import { MigrationError } from './migration-error.ts';
import { checksumMatches, type MigrationFile, readMigrationFiles } from './migration-files.ts';
import { pgClientConnection, pgliteConnection, type SqlConnection } from './sql-connection.ts';

/**
 * The advisory-lock key Prisma's schema engine takes around `migrate` commands. Taking the
 * same one makes our runner and the Prisma CLI (and several server processes starting at
 * once) exclude each other.
 */
export const PRISMA_MIGRATION_LOCK_KEY = 72707369;

/** Where to apply migrations: an open PGlite handle, or a PostgreSQL connection string. */
export type MigrationTarget =
  | { dialect: 'pglite'; pglite: PGlite }
  | { dialect: 'postgresql'; databaseUrl: string };

/** Options of {@link applyMigrations}. */
export type ApplyMigrationsOptions = {
  /** Folder holding `<name>/migration.sql`; defaults to this package's `prisma/migrations`. */
  migrationsDir?: string;
  logger?: DatabaseLogger;
};

/**
 * Prisma's own definition of its bookkeeping table (schema engine, PostgreSQL flavour), so
 * `prisma migrate status` / `resolve` work on databases we migrated, and vice versa.
 */
const CREATE_MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS _prisma_migrations (
    id                      VARCHAR(36) PRIMARY KEY NOT NULL,
    checksum                VARCHAR(64) NOT NULL,
    finished_at             TIMESTAMPTZ,
    migration_name          VARCHAR(255) NOT NULL,
    logs                    TEXT,
    rolled_back_at          TIMESTAMPTZ,
    started_at              TIMESTAMPTZ NOT NULL DEFAULT now(),
    applied_steps_count     INTEGER NOT NULL DEFAULT 0
);`;

type MigrationRow = {
  checksum: string;
  finished_at: Date | null;
  migration_name: string;
  logs: string | null;
  rolled_back_at: Date | null;
};

/**
 * Applies the pending migrations, oldest first, each in its own transaction, and records
 * each in `_prisma_migrations` exactly as Prisma does (uuid id, SHA-256 checksum of the
 * file, `applied_steps_count = 1`).
 *
 * On PostgreSQL it holds Prisma's advisory lock on one dedicated connection for the whole
 * run, so concurrent starters apply every migration once. Before applying anything it
 * checks the history: an applied migration whose file changed, or a migration recorded
 * as started but never finished, throws a {@link MigrationError} naming it.
 *
 * @returns the names of the migrations applied by this call (empty when up to date).
 */
export async function applyMigrations(
  target: MigrationTarget,
  options: ApplyMigrationsOptions = {},
): Promise<string[]> {
  const logger = options.logger ?? silentLogger;
  const files = await readMigrationFiles(options.migrationsDir);
  if (target.dialect === 'pglite') {
    // One in-process connection: nobody else can interleave, no lock needed.
    return runMigrations(pgliteConnection(target.pglite), files, logger);
  }

  const client = new pg.Client({ connectionString: target.databaseUrl });
  // A broken connection also rejects the pending query, which is what we report; without
  // a listener the 'error' event would crash the process instead.
  client.on('error', () => {});
  try {
    await client.connect();
  } catch (error) {
    throw new Error(
      `Cannot connect to PostgreSQL at ${describeServer(target.databaseUrl)} to apply migrations: ${errorMessage(error)}`,
      { cause: error },
    );
  }
  try {
    await lockMigrations(client, logger);
    try {
      return await runMigrations(pgClientConnection(client), files, logger);
    } finally {
      // Ending the session releases the lock anyway; don't mask the real error.
      await client
        .query('SELECT pg_advisory_unlock($1)', [PRISMA_MIGRATION_LOCK_KEY])
        .catch(() => {});
    }
  } finally {
    await client.end().catch(() => {});
  }
}

async function lockMigrations(client: pg.Client, logger: DatabaseLogger): Promise<void> {
  const { rows } = await client.query<{ locked: boolean }>(
    'SELECT pg_try_advisory_lock($1) AS locked',
    [PRISMA_MIGRATION_LOCK_KEY],
  );
  if (rows[0]?.locked) return;
  // Someone else is migrating (another server process or the Prisma CLI): wait for them,
  // then re-read the history they wrote.
  logger.info(
    { lockKey: PRISMA_MIGRATION_LOCK_KEY },
    'waiting for another process to finish migrating the database',
  );
  await client.query('SELECT pg_advisory_lock($1)', [PRISMA_MIGRATION_LOCK_KEY]);
}

async function runMigrations(
  db: SqlConnection,
  files: MigrationFile[],
  logger: DatabaseLogger,
): Promise<string[]> {
  await db.exec(CREATE_MIGRATIONS_TABLE);
  const rows = await db.query<MigrationRow>(
    `SELECT checksum, finished_at, migration_name, logs, rolled_back_at
       FROM _prisma_migrations ORDER BY started_at ASC`,
  );
  // Rolled-back attempts (`prisma migrate resolve --rolled-back`) count as never applied.
  const live = rows.filter((row) => row.rolled_back_at === null);

  for (const row of live) {
    if (row.finished_at === null) {
      throw new MigrationError(
        'UNFINISHED_MIGRATION',
        row.migration_name,
        `Migration "${row.migration_name}" was started but never finished` +
          (row.logs ? ` (${firstLine(row.logs)})` : '') +
          '. Check the database by hand, then mark it with ' +
          `\`prisma migrate resolve --rolled-back ${row.migration_name}\` (to retry it) or ` +
          `\`--applied ${row.migration_name}\` (if its changes are in place).`,
      );
    }
  }

  const applied = new Map(live.map((row) => [row.migration_name, row]));
  for (const file of files) {
    const row = applied.get(file.name);
    if (row && !checksumMatches(file.sql, row.checksum)) {
      throw new MigrationError(
        'CHECKSUM_MISMATCH',
        file.name,
        `Migration "${file.name}" was modified after it was applied: the database recorded ` +
          `checksum ${row.checksum}, prisma/migrations/${file.name}/migration.sql now has ` +
          `${file.checksum}. Restore the original file and put the change in a new migration.`,
      );
    }
  }

  const known = new Set(files.map((file) => file.name));
  const unknown = [...applied.keys()].filter((name) => !known.has(name));
  if (unknown.length > 0) {
    // A newer release migrated this database; running older code against it may work.
    logger.warn(
      { migrations: unknown },
      'the database has migrations this version does not know (was a newer version deployed?)',
    );
  }

  const appliedNow: string[] = [];
  for (const file of files.filter((f) => !applied.has(f.name))) {
    const started = performance.now();
    try {
      await db.transaction(async (tx) => {
        const id = randomUUID();
        await tx.query(
          `INSERT INTO _prisma_migrations (id, checksum, started_at, migration_name)
           VALUES ($1, $2, now(), $3)`,
          [id, file.checksum, file.name],
        );
        await tx.exec(file.sql);
        await tx.query(
          `UPDATE _prisma_migrations
              SET finished_at = clock_timestamp(), applied_steps_count = 1
            WHERE id = $1`,
          [id],
        );
      });
    } catch (error) {
      throw new MigrationError(
        'APPLY_FAILED',
        file.name,
        `Migration "${file.name}" failed and was rolled back: ${errorMessage(error)}`,
        { cause: error },
      );
    }
    appliedNow.push(file.name);
    logger.info(
      { migration: file.name, durationMs: Math.round(performance.now() - started) },
      'applied database migration',
    );
  }
  return appliedNow;
}

/** `host:port/database` of a connection string, without credentials. */
function describeServer(databaseUrl: string): string {
  try {
    const url = new URL(databaseUrl);
    return `${url.host}${url.pathname}`;
  } catch {
    return '(unparsable DATABASE_URL)';
  }
}

function firstLine(text: string): string {
  return text.split('\n', 1)[0] ?? '';
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
