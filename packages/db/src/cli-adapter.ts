import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import type { PrismaConfig } from 'prisma/config';

/** What `prisma.config.ts` must hand the CLI's WASM schema engine. */
export type CliAdapterFactory = Awaited<
  ReturnType<Extract<PrismaConfig, { engine: 'js' }>['adapter']>
>;
type SqlDriverAdapter = Awaited<ReturnType<CliAdapterFactory['connect']>>;

const debug = process.env.TRADEWIND_CLI_ADAPTER_DEBUG
  ? (...args: unknown[]) => console.error('[cli-adapter]', ...args)
  : () => {};

/**
 * PGlite's Prisma adapter runs every statement as a prepared statement, but the schema
 * engine replays whole `migration.sql` files through `executeRaw` without parameters
 * ("cannot insert multiple commands into a prepared statement" from the 2nd migration
 * on). Parameter-less `executeRaw` therefore goes through PGlite's `exec` (simple-query
 * protocol). `executeScript` is awaited too: the upstream one drops the promise and
 * with it any error.
 */
async function connectWithScriptExec(client: PGlite): Promise<SqlDriverAdapter> {
  // pglite-prisma-adapter 0.6 is typed against Prisma 6.10's adapter interface; the
  // runtime shape is the same.
  const inner = (await new PrismaPGlite(client).connect()) as unknown as SqlDriverAdapter;
  return {
    provider: inner.provider,
    adapterName: inner.adapterName,
    queryRaw(query) {
      debug('queryRaw', query.args, query.sql);
      return inner.queryRaw(query);
    },
    async executeRaw(query) {
      debug('executeRaw', query.args, query.sql);
      if (query.args.length > 0) return inner.executeRaw(query);
      const results = await client.exec(query.sql);
      return results.reduce((count, result) => count + (result.affectedRows ?? 0), 0);
    },
    async executeScript(script) {
      debug('executeScript', script);
      await client.exec(script);
    },
    startTransaction: (isolationLevel) => inner.startTransaction(isolationLevel),
    getConnectionInfo: () => inner.getConnectionInfo?.() ?? { supportsRelationJoins: true },
    dispose: () => inner.dispose(),
  };
}

/**
 * The driver adapter `prisma.config.ts` gives the Prisma CLI, so `migrate diff`, `migrate
 * status` and friends run offline on PGlite (Prisma's WASM schema engine; no native engine
 * download).
 *
 * The "dev" database is a throwaway PGlite directory under the OS temp dir, created on
 * first use and removed at exit, unless `TRADEWIND_PRISMA_PGLITE_DIR` names one (e.g. the
 * app's `.data/pglite`, for `prisma migrate status` against it; stop the server first).
 * Each shadow database is a fresh in-memory PGlite.
 */
export async function createCliAdapterFactory(): Promise<CliAdapterFactory> {
  let dev: PGlite | undefined;
  const devDatabase = (): PGlite => {
    if (!dev) {
      let dataDir = process.env.TRADEWIND_PRISMA_PGLITE_DIR;
      if (!dataDir) {
        const tmp = mkdtempSync(join(tmpdir(), 'tradewind-prisma-cli-'));
        process.once('exit', () => rmSync(tmp, { recursive: true, force: true }));
        dataDir = tmp;
      }
      dev = new PGlite(dataDir);
    }
    return dev;
  };
  return {
    provider: 'postgres',
    adapterName: 'pglite-prisma-adapter',
    connect: () => connectWithScriptExec(devDatabase()),
    connectToShadowDb: () => connectWithScriptExec(new PGlite('memory://')),
  };
}
