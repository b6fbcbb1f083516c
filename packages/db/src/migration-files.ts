import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** One `prisma/migrations/<name>/migration.sql` file. */
export type MigrationFile = {
  /** Folder name, e.g. `20261123043018_init`; the order migrations apply in. */
  name: string;
  /** The SQL script, as stored. */
  sql: string;
  /** Lower-case hex SHA-256 of the file's bytes: what Prisma stores in `checksum`. */
  checksum: string;
};

/**
 * The migrations shipped with this package. Located from this module's URL rather than
 * the working directory, so it works whichever app or test imports the package.
 */
export const defaultMigrationsDir: string = fileURLToPath(
  new URL('../prisma/migrations/', import.meta.url),
);

/** SHA-256 hex of a migration script, as Prisma computes it. */
export function migrationChecksum(sql: string | Buffer): string {
  return createHash('sha256').update(sql).digest('hex');
}

/**
 * Whether `checksum` was recorded for `sql`. Like Prisma, accept the script with its line
 * endings flipped (LF <-> CRLF), so a Windows checkout with `core.autocrlf` still matches.
 */
export function checksumMatches(sql: string, checksum: string): boolean {
  if (migrationChecksum(sql) === checksum) return true;
  const lf = sql.replace(/\r\n/g, '\n');
  return (
    migrationChecksum(lf) === checksum || migrationChecksum(lf.replace(/\n/g, '\r\n')) === checksum
  );
}

/** Reads every migration folder under `dir`, sorted by name (Prisma's apply order). */
export async function readMigrationFiles(
  dir: string = defaultMigrationsDir,
): Promise<MigrationFile[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const names = entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  return Promise.all(
    names.map(async (name) => {
      const path = join(dir, name, 'migration.sql');
      const bytes = await readFile(path).catch((error: NodeJS.ErrnoException) => {
        throw new Error(`Migration folder ${name} has no readable migration.sql (${error.code})`);
      });
      return { name, sql: bytes.toString('utf8'), checksum: migrationChecksum(bytes) };
    }),
  );
}
