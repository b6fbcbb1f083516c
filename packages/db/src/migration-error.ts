/** Why start-up refused to migrate. */
export type MigrationErrorCode =
  /** An applied migration's file changed after it was applied. */
  | 'CHECKSUM_MISMATCH'
  /** A migration was started and never finished (a failed Prisma CLI run, a crash). */
  | 'UNFINISHED_MIGRATION'
  /** Applying a pending migration failed; its transaction was rolled back. */
  | 'APPLY_FAILED';

/**
 * A migration problem that must stop start-up. The message names the migration and says
 * what to do; `migrationName` and `code` are there for programs.
 */
export class MigrationError extends Error {
  override readonly name = 'MigrationError';

  constructor(
    readonly code: MigrationErrorCode,
    readonly migrationName: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
