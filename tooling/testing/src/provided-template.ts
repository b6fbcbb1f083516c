import type { PGliteTemplate } from './pglite-template.ts';

/** What the global setup hands the test workers (through vitest's `provide`/`inject`). */
export type TestDatabaseTemplate =
  | ({ dialect: 'pglite' } & PGliteTemplate)
  | {
      dialect: 'postgresql';
      /** Connection string of the server's maintenance database (`DATABASE_URL`). */
      serverUrl: string;
      /** Migrated database every test database is copied from. */
      templateName: string;
      /** Prefix of every database this run creates; teardown drops them all. */
      runPrefix: string;
    };

/** The `provide`/`inject` key. */
export const TEMPLATE_KEY = 'tradewindTestDatabase';

declare module 'vitest' {
  export interface ProvidedContext {
    tradewindTestDatabase: TestDatabaseTemplate;
  }
}
