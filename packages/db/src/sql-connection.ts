import type { PGlite, Transaction } from '@electric-sql/pglite';
import type pg from 'pg';

/**
 * The little the migration runner needs from a raw driver connection. It runs below
 * Prisma on purpose: migrations must be applied before the Prisma client touches the
 * schema, and a multi-statement script needs the simple-query protocol, which Prisma's
 * adapters do not expose.
 */
export type SqlConnection = {
  /** Runs a parameter-less, possibly multi-statement script (simple-query protocol). */
  exec(sql: string): Promise<void>;
  /** Runs one statement with bound parameters and returns its rows. */
  query<Row>(sql: string, params?: unknown[]): Promise<Row[]>;
  /** Runs `fn` in a transaction: committed if it resolves, rolled back if it throws. */
  transaction<T>(fn: (tx: SqlConnection) => Promise<T>): Promise<T>;
};

function fromPGliteLike(db: PGlite | Transaction): Omit<SqlConnection, 'transaction'> {
  return {
    async exec(sql) {
      await db.exec(sql);
    },
    async query<Row>(sql: string, params?: unknown[]) {
      return (await db.query<Row>(sql, params)).rows;
    },
  };
}

/** Wraps a PGlite handle (one in-process connection: no locking needed). */
export function pgliteConnection(db: PGlite): SqlConnection {
  return {
    ...fromPGliteLike(db),
    transaction: (fn) =>
      db.transaction((tx) =>
        fn({
          ...fromPGliteLike(tx),
          transaction: () => Promise.reject(new Error('nested transactions are not supported')),
        }),
      ),
  };
}

/** Wraps one dedicated `pg` connection (session state such as advisory locks stays on it). */
export function pgClientConnection(client: pg.Client): SqlConnection {
  const connection: SqlConnection = {
    async exec(sql) {
      // Without parameters node-postgres uses the simple-query protocol: several
      // statements in one string are allowed.
      await client.query(sql);
    },
    async query<Row>(sql: string, params?: unknown[]) {
      return (await client.query(sql, params)).rows as Row[];
    },
    async transaction(fn) {
      await client.query('BEGIN');
      try {
        const result = await fn({
          ...connection,
          transaction: () => Promise.reject(new Error('nested transactions are not supported')),
        });
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {});
        throw error;
      }
    },
  };
  return connection;
}
