import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** `url` with its database name replaced by `database`. */
export function databaseUrl(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${encodeURIComponent(database)}`;
  return parsed.toString();
}

/** A fresh lower-case identifier-safe database name, e.g. `tw_ab12cd34_x9f0e1d2c3b4`. */
export function uniqueDatabaseName(prefix: string): string {
  return `${prefix}_${randomBytes(6).toString('hex')}`;
}

/** Runs `fn` with a short-lived connection to the server's maintenance database at `url`. */
export async function withAdminClient<T>(url: string, fn: (client: pg.Client) => Promise<T>) {
  const client = new pg.Client({ connectionString: url });
  client.on('error', () => {});
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end().catch(() => {});
  }
}

/** `CREATE DATABASE name [TEMPLATE template]`. Names come from {@link uniqueDatabaseName}. */
export async function createDatabase(serverUrl: string, name: string, template?: string) {
  await withAdminClient(serverUrl, (client) =>
    client.query(`CREATE DATABASE "${name}"${template ? ` TEMPLATE "${template}"` : ''}`),
  );
}

/** Drops the databases, disconnecting anyone still connected (PostgreSQL 13+). */
export async function dropDatabases(serverUrl: string, names: string[]) {
  if (names.length === 0) return;
  await withAdminClient(serverUrl, async (client) => {
    for (const name of names) {
      await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    }
  });
}

/** Names of the databases starting with `prefix` (to sweep up after a run). */
export async function listDatabases(serverUrl: string, prefix: string): Promise<string[]> {
  return withAdminClient(serverUrl, async (client) => {
    const { rows } = await client.query<{ datname: string }>(
      'SELECT datname FROM pg_database WHERE starts_with(datname, $1)',
      [prefix],
    );
    return rows.map((row) => row.datname);
  });
}
