import pg from 'pg';

/** Where the PostgreSQL suite looks for a server when `DATABASE_URL` is unset. */
export const DEFAULT_POSTGRES_URL = 'postgresql://postgres@127.0.0.1:5432/postgres';

/** The message printed when the PostgreSQL suite cannot run. */
export const POSTGRES_SKIP_MESSAGE =
  'PostgreSQL suite skipped: no server at DATABASE_URL or 127.0.0.1:5432';

/** The server the PostgreSQL suite uses: `DATABASE_URL`, else {@link DEFAULT_POSTGRES_URL}. */
export function postgresServerUrl(): string {
  return process.env.DATABASE_URL || DEFAULT_POSTGRES_URL;
}

/**
 * Whether a PostgreSQL server answers `SELECT 1` at `url` within `timeoutMs`. Never throws:
 * a refused connection, bad credentials or a timeout all mean "not available".
 */
export async function postgresAvailable(
  url: string = postgresServerUrl(),
  timeoutMs = 2000,
): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: timeoutMs });
  client.on('error', () => {});
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}
