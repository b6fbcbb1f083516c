import { openAsBlob, readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { PGlite, type PGliteOptions } from '@electric-sql/pglite';
import { applyMigrations } from '@tradewind/db';

/** Data-directory dumps the PGlite test databases are copied from. */
export type PGliteTemplate = {
  /** Tarball of a freshly initialised, empty database. */
  emptyDump: string;
  /** Tarball of the same database with every migration applied. */
  migratedDump: string;
};

type SharedAssets = Pick<PGliteOptions, 'wasmModule' | 'fsBundle'>;
type WasmModule = NonNullable<PGliteOptions['wasmModule']>;
// The `WebAssembly` global exists in Node, but its value is only typed by lib.dom.
const { WebAssembly: wasm } = globalThis as unknown as {
  WebAssembly: { Module: new (bytes: Uint8Array) => WasmModule };
};
let assets: SharedAssets | undefined;

/**
 * PGlite's WASM module and file-system bundle, compiled/read once per process and shared
 * by every instance: V8 then reuses the compiled code, which roughly halves the start-up
 * of each new instance after the first.
 */
export function pgliteAssets(): SharedAssets {
  if (!assets) {
    const dist = dirname(createRequire(import.meta.url).resolve('@electric-sql/pglite'));
    assets = {
      wasmModule: new wasm.Module(readFileSync(join(dist, 'pglite.wasm'))),
      fsBundle: new Blob([readFileSync(join(dist, 'pglite.data'))]),
    };
  }
  return assets;
}

async function dump(db: PGlite, path: string): Promise<string> {
  // A checkpoint first, so a copy starts without replaying WAL.
  await db.exec('CHECKPOINT');
  // Uncompressed: larger on disk (~30 MB) but faster to load than gzip.
  const tarball = await db.dumpDataDir('none');
  await writeFile(path, new Uint8Array(await tarball.arrayBuffer()));
  return path;
}

/** Builds the empty and the migrated template in `dir` (once per test run). */
export async function buildPGliteTemplate(dir: string): Promise<PGliteTemplate> {
  const db = new PGlite({ ...pgliteAssets() });
  try {
    await db.waitReady;
    const emptyDump = await dump(db, join(dir, 'empty.tar'));
    await applyMigrations({ dialect: 'pglite', pglite: db });
    const migratedDump = await dump(db, join(dir, 'migrated.tar'));
    return { emptyDump, migratedDump };
  } finally {
    await db.close();
  }
}

const dumps = new Map<string, Promise<Blob>>();

/** A new in-memory PGlite holding a copy of the dump at `path`. */
export async function loadPGliteCopy(path: string): Promise<PGlite> {
  let blob = dumps.get(path);
  if (!blob) {
    blob = openAsBlob(path);
    dumps.set(path, blob);
  }
  const db = new PGlite({ ...pgliteAssets(), loadDataDir: await blob });
  await db.waitReady;
  return db;
}
